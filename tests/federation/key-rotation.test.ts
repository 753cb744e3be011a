import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { waitForIdleQueues } from '../helpers/db-snapshot.ts';
import { actorDocument, AP_JSON, startRemoteSink, type RemoteSink } from '../helpers/remote-sink.ts';
import { newSigningKey, signedPost, type GeneratedKey } from '../helpers/signed-post.ts';
import { waitFor } from '../helpers/wait.ts';

/**
 * A remote actor replaces its key (same key id, new key pair), as a server does after a leak. The
 * new key must be taken as soon as it signs (Fedify's cached key fails, the key is fetched again —
 * never from a cached copy of the actor's document), and the old key must stop working: once a new
 * key has been seen, or the actor has been fetched again, or at the latest when the cache expires.
 */
const AS = 'https://www.w3.org/ns/activitystreams';
let a: TestApp;
let sink: RemoteSink;
let actorId: string;
let keyId: string;

beforeAll(async () => {
  a = await createTestApp();
  sink = await startRemoteSink();
  actorId = `${sink.baseUrl}/users/rotating`;
  keyId = `${actorId}#main-key`;
}, 60_000);
afterAll(async () => Promise.all([a?.stop(), sink?.close()]));

const serveKey = (key: GeneratedKey) =>
  sink.serve('/users/rotating', { headers: AP_JSON, body: actorDocument(actorId, key.publicKeyPem) });

/** A Create of a new event signed with `key`; resolves with the answer and the event's id. */
async function createEvent(key: GeneratedKey) {
  const uuid = randomUUID();
  const eventId = `${sink.baseUrl}/events/${uuid}`;
  const response = await signedPost(
    `${a.baseUrl}/inbox`,
    {
      '@context': AS,
      id: `${actorId}/create/${uuid}`,
      type: 'Create',
      actor: actorId,
      object: {
        type: 'Event',
        id: eventId,
        uuid,
        name: `Event ${uuid.slice(0, 8)}`,
        startTime: '2031-09-01T18:00:00Z',
        actor: actorId,
        attributedTo: actorId,
        to: [`${AS}#Public`]
      }
    },
    key
  );
  return { status: response.status, eventId };
}

const storedEvent = (apId: string) => a.app.services.queries.events.byApId(apId);
const storedPem = async () => (await a.app.services.queries.actors.byApId(actorId))?.publicKeyPem;

describe('a remote actor rotating its key', () => {
  let first: GeneratedKey;
  let second: GeneratedKey;

  it('signs with its first key, which is stored and cached with a lifetime', async () => {
    first = await newSigningKey(keyId);
    serveKey(first);
    const sent = await createEvent(first);
    expect(sent.status).toBe(202);
    await waitFor(() => storedEvent(sent.eventId), { what: 'the first event' });
    expect(await storedPem()).toBe(first.publicKeyPem);
    const { rows } = await a.app.database.pool.query<{ hours: number }>(
      `select (extract(epoch from expires_at - now()) / 3600)::float8 as hours from federation_kv
       where key = array['_fedify', 'publicKey', $1]`,
      [keyId]
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.hours).toBeGreaterThan(47);
    expect(rows[0]!.hours).toBeLessThanOrEqual(48);
  });

  it('is believed at once when its new key signs, and the old key is refused from then on', async () => {
    second = await newSigningKey(keyId);
    serveKey(second);
    const withNew = await createEvent(second);
    expect(withNew.status).toBe(202);
    await waitFor(() => storedEvent(withNew.eventId), { what: 'the event signed with the new key' });

    const withOld = await createEvent(first);
    expect(withOld.status).toBe(401);
    await waitForIdleQueues(a.app);
    expect(await storedEvent(withOld.eventId)).toBeUndefined();
  });

  it('refetched (its Update, or the refresh of a stale copy), stores the new key and forgets the old one', async () => {
    const third = await newSigningKey(keyId);
    serveKey(third);
    // No activity signed with the third key has come: Fedify still holds the second one.
    await a.app.federation!.resolveActor(actorId, { refresh: true });
    expect(await storedPem()).toBe(third.publicKeyPem);

    const withOld = await createEvent(second);
    expect(withOld.status).toBe(401);
    const withNew = await createEvent(third);
    expect(withNew.status).toBe(202);
    await waitFor(() => storedEvent(withNew.eventId), { what: 'the event signed with the third key' });
    expect(await storedEvent(withOld.eventId)).toBeUndefined();
  });

  it('an Update of the actor signed with the new key brings the new key in', async () => {
    const fourth = await newSigningKey(keyId);
    serveKey(fourth);
    const response = await signedPost(
      `${a.baseUrl}/inbox`,
      {
        '@context': AS,
        id: `${actorId}#updates/${randomUUID()}`,
        type: 'Update',
        actor: actorId,
        object: actorDocument(actorId, fourth.publicKeyPem)
      },
      fourth
    );
    expect(response.status).toBe(202);
    await waitFor(async () => (await storedPem()) === fourth.publicKeyPem, { what: 'the stored key to change' });
  });
});
