import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '#lib/server/db/schema/actors.ts';
import type { ActivityJson } from '#lib/server/federation/delivery/index.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createUserWithProfile } from '../helpers/factories.ts';
import { deliveryStates, remoteActorOnSink } from '../helpers/remote-actors.ts';
import { startSink, type Sink } from '../helpers/sink.ts';
import { waitFor } from '../helpers/wait.ts';

const pathOf = (actor: Actor) => new URL(actor.inboxUrl!).pathname;
const note = (profile: Actor, name: string): ActivityJson => ({
  '@context': 'https://www.w3.org/ns/activitystreams',
  id: `${profile.apId}/activities/${name}`,
  type: 'Update',
  actor: profile.apId,
  object: name
});

describe('how deliveries reach other servers', () => {
  let a: TestApp;
  let production: TestApp;
  let sink: Sink;
  beforeAll(async () => {
    sink = await startSink(3);
    [a, production] = await Promise.all([
      createTestApp({ env: { DELIVERY_RETRY_BASE_SECONDS: '1' } }),
      // As in production: only public addresses may be sent to (the sink is on loopback).
      createTestApp({ env: { ALLOW_PRIVATE_ADDRESSES: 'false' } })
    ]);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), production?.stop()]);
    await sink?.close();
  });

  it('keeps connections to a server open: twenty POSTs to it open at most eight', async () => {
    const host = 0;
    const owner = (await createUserWithProfile(a.app)).profile;
    const remote = await remoteActorOnSink(a.app, sink, host);
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      const json = note(owner, `keep-${i}-${Date.now()}`);
      ids.push(json.id);
      await a.app.federation!.sender.send({ json, signer: owner, recipients: [remote] });
    }
    await waitFor(async () => ids.every((id) => sink.of(id)[0]?.status === 202), { what: 'twenty POSTs' });
    expect(sink.connections(host)).toBeGreaterThan(0);
    expect(sink.connections(host)).toBeLessThanOrEqual(8);
  });

  it('does not follow an inbox that redirects, and gives up after three tries', async () => {
    const host = 1;
    const owner = (await createUserWithProfile(a.app)).profile;
    const remote = await remoteActorOnSink(a.app, sink, host);
    sink.answer((request) =>
      request.path === pathOf(remote) ? { status: 301, headers: { location: '/elsewhere/inbox' } } : {}
    );
    const json = note(owner, `moved-${Date.now()}`);
    await a.app.federation!.sender.send({ json, signer: owner, recipients: [remote] });
    await waitFor(async () => (await deliveryStates(a.app.database.pool, json.id)).failed === 1, {
      what: 'the give-up',
      timeoutMs: 15_000
    });
    expect(sink.of(json.id).map((r) => `${r.path} ${r.status}`)).toEqual(Array(3).fill(`${pathOf(remote)} 301`));
    const { rows } = await a.app.database.pool.query(
      'select status_code, reason from delivery_failures where activity_id = $1',
      [json.id]
    );
    expect(rows).toEqual([{ status_code: 301, reason: 'http' }]);
  });

  it('in production, refuses inboxes at private addresses without connecting', async () => {
    const host = 2;
    const owner = (await createUserWithProfile(production.app)).profile;
    const remote = await remoteActorOnSink(production.app, sink, host);
    const json = note(owner, `private-${Date.now()}`);
    await production.app.federation!.sender.send({ json, signer: owner, recipients: [remote] });
    await waitFor(async () => (await deliveryStates(production.app.database.pool, json.id)).failed === 1, {
      what: 'the refusal'
    });
    const { rows } = await production.app.database.pool.query(
      'select reason from delivery_failures where activity_id = $1',
      [json.id]
    );
    expect(rows).toEqual([{ reason: 'refused' }]);
    expect(sink.connections(host)).toBe(0);
  });
});
