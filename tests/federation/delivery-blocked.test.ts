import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createAdministrator, relayOf } from '../helpers/instances.ts';
import { freePort } from '../helpers/ports.ts';
import { waitFor } from '../helpers/wait.ts';

/** A loopback server standing in for a remote inbox: it counts what it is sent and answers 202. */
async function sink() {
  const received: string[] = [];
  const port = await freePort();
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push(body);
      res.writeHead(202).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    host: `127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve()))
  };
}

let t: TestApp;
let blockedSink: Awaited<ReturnType<typeof sink>>;
let openSink: Awaited<ReturnType<typeof sink>>;
const abort = new AbortController();

beforeAll(async () => {
  // No workers: deliveries stay queued until the test starts the delivery worker itself.
  [t, blockedSink, openSink] = await Promise.all([createTestApp({ workers: false }), sink(), sink()]);
});
afterAll(async () => {
  abort.abort();
  await Promise.all([t?.stop(), blockedSink?.close(), openSink?.close()]);
});

const remoteOn = (host: string, name: string) =>
  t.app.services.actors.upsertRemoteActor({
    type: 'Person',
    apId: `http://${host}/@${name}`,
    preferredUsername: name,
    domain: host,
    inboxUrl: `http://${host}/@${name}/inbox`
  });

describe('the delivery worker and blocked instances', () => {
  it('gives up, without sending, what was queued for an instance blocked since', async () => {
    const admin = await createAdministrator(t.app);
    const relay = await relayOf(t.app);
    const [blockedActor, openActor] = await Promise.all([
      remoteOn(blockedSink.host, 'later_blocked'),
      remoteOn(openSink.host, 'still_open')
    ]);
    for (const [actor, n] of [
      [blockedActor, 1],
      [openActor, 2]
    ] as const) {
      const queued = await t.app.federation!.sender.send({
        json: { id: `${t.baseUrl}/test/activity/${n}`, type: 'Announce', actor: relay.apId, object: relay.apId },
        signer: relay,
        recipients: [actor]
      });
      expect(queued.inboxes).toBe(1);
    }

    await t.app.services.instances.block(admin.user, blockedSink.host);
    t.app.federation!.startQueue(abort.signal);

    const given = await waitFor(
      async () => {
        const { rows } = await t.app.database.pool.query<{ state: string; last_error: string | null }>(
          'select state, last_error from deliveries where host = $1',
          [blockedSink.host]
        );
        return rows[0]?.state === 'failed' ? rows[0] : undefined;
      },
      { what: 'the delivery to the blocked host to be given up' }
    );
    expect(given.last_error).toBe('blocked');
    const { rows: failures } = await t.app.database.pool.query<{ reason: string }>(
      'select reason from delivery_failures where inbox_url = $1',
      [blockedActor.inboxUrl]
    );
    expect(failures.map((f) => f.reason)).toEqual(['blocked']);

    // The other host got its delivery, so the worker did run; the blocked one got nothing.
    await waitFor(async () => openSink.received.length > 0 || undefined, { what: 'the open host to be delivered' });
    expect(JSON.parse(openSink.received[0]!)).toMatchObject({ id: `${t.baseUrl}/test/activity/2` });
    expect(blockedSink.received).toEqual([]);
  });
});
