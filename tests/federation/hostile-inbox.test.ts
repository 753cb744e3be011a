import { gzipSync } from 'node:zlib';
import { randomUUID } from 'node:crypto';
import { signJsonLd } from '@fedify/fedify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFederationFetchers } from '#lib/server/federation/fetch/index.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { diffSnapshots, snapshotDatabase, waitForIdleQueues } from '../helpers/db-snapshot.ts';
import { createUserWithProfile } from '../helpers/factories.ts';
import { actorDocument, AP_JSON, startRemoteSink, type RemoteSink } from '../helpers/remote-sink.ts';
import {
  buildSignedPost,
  localActorKey,
  newSigningKey,
  type GeneratedKey,
  type SigningKey
} from '../helpers/signed-post.ts';

/**
 * Hostile deliveries to a real instance (A), with a second real instance (B) providing the actors
 * and keys being impersonated, and loopback sinks standing in for hostile servers. Every case must
 * be refused (or accepted and dropped) and change no row of A's database.
 *
 * To add a case (id spoofing, a forged Announce, an Update of someone else's event…), append a
 * `HostileCase` to `cases`: `build()` returns the request(s) to send, in order; `expect` applies to
 * the last response. Helpers: `follow()` below, `buildSignedPost` (tests/helpers/signed-post.ts).
 */
interface HostileCase {
  name: string;
  build(): Promise<Request | Request[]>;
  /**
   * Over loopback (default), or straight to the app's handler: a receiver that stops reading a
   * streamed body resets the connection, so the client may never read the answer over a socket.
   */
  via?: 'network' | 'handler';
  expect: {
    /** The status A must answer; 202 means "accepted, then dropped". */
    status: number;
    /** Further checks on the (last) response. */
    check?(response: Response): void | Promise<void>;
  };
}

const RATE_LIMIT = 25;
const MAX_BODY = 1024 * 1024;
const AS = 'https://www.w3.org/ns/activitystreams';

let a: TestApp;
let b: TestApp;
let blockedSink: RemoteSink;
let forgerSink: RemoteSink;
let floodSink: RemoteSink;
let forwarderSink: RemoteSink;
let bobKey: SigningKey;
let carolKey: SigningKey;
let blockedKey: GeneratedKey;
let forgedKey: GeneratedKey;
let floodKey: GeneratedKey;
let forwarderKey: GeneratedKey;
let bob: string;
let alice: string;
let aliceInbox: string;

beforeAll(async () => {
  [a, b, blockedSink, forgerSink, floodSink, forwarderSink] = await Promise.all([
    createTestApp({ env: { INBOX_RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT) } }),
    createTestApp(),
    startRemoteSink(),
    startRemoteSink(),
    startRemoteSink(),
    startRemoteSink()
  ]);
  await createUserWithProfile(a.app, { username: 'alice' });
  await createUserWithProfile(b.app, { username: 'bob' });
  await createUserWithProfile(b.app, { username: 'carol' });
  alice = `${a.baseUrl}/@alice`;
  aliceInbox = `${alice}/inbox`;
  bob = `${b.baseUrl}/@bob`;
  bobKey = await localActorKey(b.app, 'bob');
  carolKey = await localActorKey(b.app, 'carol');

  // A server A's administrator blocked, with a real actor and key: it must not even be asked for the key.
  blockedKey = await newSigningKey(`${blockedSink.baseUrl}/@mallory#main-key`);
  blockedSink.serve('/@mallory', {
    headers: AP_JSON,
    body: actorDocument(`${blockedSink.baseUrl}/@mallory`, blockedKey.publicKeyPem)
  });
  await a.app.database.pool.query(`insert into instances (domain, blocked_at) values ($1, now())`, [blockedSink.host]);
  // A key served by another server that names bob as its owner: Fedify alone would believe it.
  forgedKey = await newSigningKey(`${forgerSink.baseUrl}/key`);
  forgerSink.serve('/key', {
    headers: AP_JSON,
    body: {
      '@context': ['https://w3id.org/security/v1'],
      id: `${forgerSink.baseUrl}/key`,
      type: 'CryptographicKey',
      owner: bob,
      publicKeyPem: forgedKey.publicKeyPem
    }
  });
  // A host that sends too much; its key is not found, which does not matter to the rate limit.
  floodKey = await newSigningKey(`${floodSink.baseUrl}/@flood#main-key`);
  forwarderKey = await newSigningKey(`${forwarderSink.baseUrl}/@forwarder#main-key`);
});

afterAll(async () =>
  Promise.all([
    a?.stop(),
    b?.stop(),
    ...[blockedSink, forgerSink, floodSink, forwarderSink].map((sink) => sink?.close())
  ])
);

/**
 * A Follow of A's instance actor by `actor` (bob by default), posted to alice's inbox, with a fresh
 * id on the actor's server. (Profiles cannot be followed; the relay keeps follows pending, as rows.)
 */
function follow(actor = bob, extra: Record<string, unknown> = {}) {
  return {
    '@context': AS,
    id: `${new URL(actor).origin}/follows/${randomUUID()}`,
    type: 'Follow',
    actor,
    object: `${a.baseUrl}/relay`,
    ...extra
  };
}

const hours = (n: number) => new Date(Date.now() + n * 3600_000);
const streamed = { bytes: 0 };

const cases: HostileCase[] = [
  {
    name: 'a malformed embedded key (an Update of bob whose PEM is junk): 400, not a retryable 500',
    build: () =>
      buildSignedPost(
        aliceInbox,
        {
          '@context': [AS, 'https://w3id.org/security/v1'],
          id: `${bob}#updates/${randomUUID()}`,
          type: 'Update',
          actor: bob,
          object: {
            id: bob,
            type: 'Person',
            inbox: `${bob}/inbox`,
            publicKey: {
              id: `${bob}#main-key`,
              owner: bob,
              publicKeyPem: '-----BEGIN PUBLIC KEY-----\nnot a key\n-----END PUBLIC KEY-----'
            }
          }
        },
        bobKey
      ),
    expect: { status: 400 }
  },
  {
    name: 'unsigned',
    build: () => buildSignedPost(aliceInbox, follow(), bobKey, { unsigned: true }),
    expect: { status: 401 }
  },
  {
    name: "signed with a key that is not the actor's (bob's keyId, another private key)",
    build: async () =>
      buildSignedPost(aliceInbox, follow(), { ...bobKey, privateKey: (await newSigningKey(bobKey.keyId)).privateKey }),
    expect: { status: 401 }
  },
  {
    name: "signed by another real actor's key (carol signs bob's Follow)",
    build: () => buildSignedPost(aliceInbox, follow(), carolKey),
    expect: { status: 401 }
  },
  {
    name: 'body altered after signing (the Digest does not match)',
    build: () =>
      buildSignedPost(aliceInbox, follow(), bobKey, {
        bodyAfterSigning: follow(bob, { object: `${a.baseUrl}/relay` })
      }),
    expect: { status: 401 }
  },
  {
    name: 'Date two hours old',
    build: () => buildSignedPost(aliceInbox, follow(), bobKey, { signedAt: hours(-2) }),
    expect: { status: 401 }
  },
  {
    name: 'Date two hours ahead',
    build: () => buildSignedPost(aliceInbox, follow(), bobKey, { signedAt: hours(2) }),
    expect: { status: 401 }
  },
  {
    name: 'body over 1 MB, announced by Content-Length',
    build: () =>
      buildSignedPost(aliceInbox, null, bobKey, {
        rawBody: JSON.stringify({ ...follow(), padding: 'x'.repeat(MAX_BODY) })
      }),
    expect: { status: 413 }
  },
  {
    name: 'body over 1 MB, streamed without Content-Length (read no further than the cap)',
    build: () =>
      buildSignedPost(aliceInbox, null, bobKey, {
        rawBody: JSON.stringify({ ...follow(), padding: 'x'.repeat(4 * MAX_BODY) }),
        chunked: { pulled: streamed }
      }),
    via: 'handler',
    expect: {
      status: 413,
      check: () => {
        expect(streamed.bytes).toBeGreaterThan(MAX_BODY);
        expect(streamed.bytes).toBeLessThan(MAX_BODY + 256 * 1024);
      }
    }
  },
  {
    name: 'wrong Content-Type (text/plain)',
    build: () => buildSignedPost(aliceInbox, follow(), bobKey, { headers: { 'content-type': 'text/plain' } }),
    expect: { status: 415 }
  },
  {
    name: 'gzip Content-Encoding',
    build: () => {
      const activity = follow();
      return buildSignedPost(aliceInbox, activity, bobKey, {
        rawBody: new Uint8Array(gzipSync(JSON.stringify(activity))),
        headers: { 'content-encoding': 'gzip' }
      });
    },
    expect: { status: 415 }
  },
  {
    name: 'from a blocked instance (refused before its key is fetched)',
    build: () => buildSignedPost(aliceInbox, follow(`${blockedSink.baseUrl}/@mallory`), blockedKey),
    expect: {
      status: 403,
      check: () => expect(blockedSink.requests).toHaveLength(0)
    }
  },
  {
    name: 'key on another server claiming the actor as its owner (refused before the key is fetched)',
    build: () => buildSignedPost(aliceInbox, follow(), forgedKey),
    expect: {
      status: 401,
      check: () => expect(forgerSink.requests).toHaveLength(0)
    }
  },
  {
    name: 'Linked Data signature by a key on another server',
    build: () =>
      buildSignedPost(
        aliceInbox,
        follow(bob, {
          signature: {
            type: 'RsaSignature2017',
            creator: forgedKey.keyId,
            created: new Date().toISOString(),
            signatureValue: 'AAAA'
          }
        }),
        bobKey
      ),
    expect: { status: 401 }
  },
  {
    name: 'RFC 9421 signature that does not cover the body, body replaced',
    build: () =>
      buildSignedPost(aliceInbox, follow(), bobKey, {
        rfc9421Components: ['@method', '@target-uri', '@authority'],
        bodyAfterSigning: follow(bob, { object: `${a.baseUrl}/relay` })
      }),
    expect: { status: 401 }
  },
  {
    name: 'flood from one host: 429 with Retry-After past the per-host limit',
    build: async () =>
      Promise.all(
        Array.from({ length: RATE_LIMIT + 1 }, () =>
          buildSignedPost(`${a.baseUrl}/inbox`, follow(`${floodSink.baseUrl}/@flood`), floodKey)
        )
      ),
    expect: {
      status: 429,
      check: (response) => expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    }
  }
];

describe('hostile deliveries to an inbox', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s: refused, and no row changes', async (_name, hostile) => {
    const before = await snapshotDatabase(a.app);
    const built = await hostile.build();
    let response: Response | undefined;
    for (const request of [built].flat()) {
      response = hostile.via === 'handler' ? await a.app.handle(request, '127.0.0.1') : await fetch(request);
      await response!.arrayBuffer();
    }
    expect(response!.status).toBe(hostile.expect.status);
    await hostile.expect.check?.(response!);
    await waitForIdleQueues(a.app);
    expect(diffSnapshots(before, await snapshotDatabase(a.app))).toEqual([]);
  });

  it('a correctly signed Follow is taken: the harness sees the rows it adds', async () => {
    const before = await snapshotDatabase(a.app);
    const response = await fetch(await buildSignedPost(aliceInbox, follow(), bobKey));
    expect(response.status).toBe(202);
    await waitForIdleQueues(a.app);
    const changes = diffSnapshots(before, await snapshotDatabase(a.app));
    expect(changes).toContain('follows: 0 → 1 rows');
    const stored = await a.app.services.queries.actors.byApId(bob);
    expect(stored).toMatchObject({ apId: bob, domain: new URL(b.baseUrl).host });
  });

  it("a forwarded activity carrying its author's Linked Data signature is taken", async () => {
    const relay = `${a.baseUrl}/relay`;
    // Earlier cases left bob's follow of the relay pending: start from none, to see this one land.
    await a.app.database.pool.query('delete from follows where ap_id like $1', [`${b.baseUrl}/%`]);
    const contextLoader = createFederationFetchers({ allowPrivateAddresses: true, publicUrl: b.baseUrl }).contextLoader;
    const activity = {
      '@context': [AS, 'https://w3id.org/security/v1'],
      id: `${b.baseUrl}/follows/${randomUUID()}`,
      type: 'Follow',
      actor: bob,
      object: relay
    };
    const signed = await signJsonLd(activity, bobKey.privateKey, new URL(bobKey.keyId), { contextLoader });
    // Relayed by another server's key: only the body's signature can speak for bob.
    const response = await fetch(await buildSignedPost(`${a.baseUrl}/inbox`, signed, forwarderKey));
    expect(response.status).toBe(202);
    await waitForIdleQueues(a.app);
    const relayRow = await a.app.services.queries.actors.instanceActor();
    const { rows } = await a.app.database.pool.query('select ap_id from follows where ap_id = $1 and target_id = $2', [
      activity.id,
      relayRow!.id
    ]);
    expect(rows).toEqual([{ ap_id: activity.id }]);
    // The forwarder's key was never needed.
    expect(forwarderSink.requests).toHaveLength(0);
  });

  it("sends Mobilizon's relay inbox to the shared inbox, where the sender signs again", async () => {
    const response = await fetch(await buildSignedPost(`${a.baseUrl}/relay/inbox`, follow(), bobKey), {
      redirect: 'manual'
    });
    expect(response.status).toBe(308);
    expect(response.headers.get('location')).toBe(`${a.baseUrl}/inbox`);
  });
});
