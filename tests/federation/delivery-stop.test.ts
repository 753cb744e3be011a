import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '#lib/server/app.ts';
import type { ActivityJson } from '#lib/server/federation/delivery/index.ts';
import { attachTestApp, createTestApp, type TestApp } from '../helpers/app.ts';
import { createUserWithProfile } from '../helpers/factories.ts';
import { remoteActorOnSink } from '../helpers/remote-actors.ts';
import { startSink, type Sink } from '../helpers/sink.ts';
import { waitFor } from '../helpers/wait.ts';

/** Deliveries of one activity, read with a connection of our own (the app's pool is closed by then). */
async function deliveriesOf(databaseUrl: string, apId: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ state: string; attempts: number; lease_until: Date | null }>(
      `select d.state, d.attempts, d.lease_until from deliveries d
       join outbox_activities o on o.id = d.activity_id where o.ap_id = $1 order by d.id`,
      [apId]
    );
    return rows;
  } finally {
    await client.end();
  }
}

async function fanOut(app: App, sink: Sink, inboxes: number, name: string) {
  const profile = (await createUserWithProfile(app)).profile;
  const recipients = [];
  for (let i = 0; i < inboxes; i++) recipients.push(await remoteActorOnSink(app, sink, i % sink.hosts.length));
  const json: ActivityJson = {
    '@context': 'https://www.w3.org/ns/activitystreams',
    id: `${profile.apId}/activities/${name}`,
    type: 'Update',
    actor: profile.apId,
    object: name
  };
  await app.federation!.sender.send({ json, signer: profile, recipients });
  return json.id;
}

describe('stopping an instance while deliveries are in flight', () => {
  let sink: Sink;
  const apps: TestApp[] = [];
  const attached: App[] = [];
  beforeAll(async () => {
    sink = await startSink(2);
  });
  afterEach(async () => {
    for (const app of attached.splice(0)) await app.stop();
    for (const app of apps.splice(0)) await app.stop();
  });
  afterAll(async () => sink?.close());

  it('waits for the deliveries in flight to be answered and settled before it closes the database', async () => {
    const a = await createTestApp({ env: { DELIVERY_LEASE_SECONDS: '10' } });
    apps.push(a);
    sink.answer(() => ({ status: 202, delayMs: 1500 }));
    const id = await fanOut(a.app, sink, 5, `stop-${Date.now()}`);
    await waitFor(async () => sink.of(id).length === 5, { what: 'five POSTs in flight' });

    const started = Date.now();
    await a.app.stop();
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(sink.of(id).map((r) => r.status)).toEqual([202, 202, 202, 202, 202]);
    const rows = await deliveriesOf(a.app.databaseUrl, id);
    expect(rows.map((r) => r.state)).toEqual(['delivered', 'delivered', 'delivered', 'delivered', 'delivered']);
  });

  it('puts back in the queue, untried, what it cannot wait for, and the next process sends it', async () => {
    // A lease of 30 s gives a POST 15 s: longer than a stop waits (5 s).
    const a = await createTestApp({ env: { DELIVERY_LEASE_SECONDS: '30' } });
    apps.push(a);
    sink.answer(() => ({ status: 202, delayMs: 20_000 }));
    const id = await fanOut(a.app, sink, 1, `cut-${Date.now()}`);
    await waitFor(async () => sink.of(id).length === 1, { what: 'the POST in flight' });

    const started = Date.now();
    await a.app.stop();
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(4500);
    expect(took).toBeLessThan(9000);
    // Not failed, not waiting for its lease to run out: due at once, as if never tried.
    expect(await deliveriesOf(a.app.databaseUrl, id)).toEqual([{ state: 'pending', attempts: 0, lease_until: null }]);

    sink.answer(() => ({ status: 202 }));
    const next = await attachTestApp(a.env, 'all');
    attached.push(next);
    await waitFor(async () => (await deliveriesOf(a.app.databaseUrl, id))[0]?.state === 'delivered', {
      what: 'the next process to send it'
    });
    expect(sink.of(id).map((r) => r.repeat)).toEqual([0, 1]);
  }, 30_000);
});
