import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { diffSnapshots, snapshotDatabase, waitForIdleQueues } from '../helpers/db-snapshot.ts';
import { createUserWithProfile } from '../helpers/factories.ts';
import { createAdministrator, hostOf } from '../helpers/instances.ts';
import { actorDocument, startRemoteSink, type RemoteSink } from '../helpers/remote-sink.ts';
import { localActorKey, newSigningKey, signedPost, type GeneratedKey } from '../helpers/signed-post.ts';
import { waitFor } from '../helpers/wait.ts';

/**
 * Correctly signed activities that lie about their objects: a forged copy of someone else's event,
 * an event claimed by an actor of another server, an Announce of what its origin never published,
 * an Update or Delete of an event by someone who does not organize it. A (the receiver) follows B's
 * relay, so B's real events are on A; an attacker runs its own server (a loopback sink).
 */
const AS = 'https://www.w3.org/ns/activitystreams';
let a: TestApp;
let b: TestApp;
let evil: RemoteSink;
let evilKey: GeneratedKey;
let evilActor: string;
let roseEvent: { apId: string; uuid: string };

beforeAll(async () => {
  [a, b] = await Promise.all([createTestApp(), createTestApp()]);
  evil = await startRemoteSink();
  evilActor = `${evil.baseUrl}/users/mallory`;
  evilKey = await newSigningKey(`${evilActor}#main-key`);
  evil.serve('/users/mallory', {
    headers: { 'content-type': 'application/activity+json' },
    body: actorDocument(evilActor, evilKey.publicKeyPem)
  });
  const [adminA, adminB] = await Promise.all([createAdministrator(a.app), createAdministrator(b.app)]);
  const rose = await createUserWithProfile(b.app, { username: 'rose' });
  await createUserWithProfile(b.app, { username: 'carol' });
  await a.app.services.relays.addInstance(adminA.user, hostOf(b.app));
  await waitFor(
    () =>
      b.app.services.relays.acceptRelay(adminB.user, hostOf(a.app)).then(
        () => true,
        () => undefined
      ),
    { what: 'B to accept A' }
  );
  const event = await b.app.services.events.createEvent(rose.user.id, {
    organizerActorId: rose.profile.id,
    title: 'Fête de quartier',
    beginsOn: new Date('2031-06-21T16:00:00Z')
  });
  roseEvent = { apId: event.apId, uuid: event.uuid };
  await waitFor(async () => (await a.app.services.queries.events.byApId(event.apId)) ?? undefined, {
    what: 'B’s event to reach A'
  });
}, 60_000);
afterAll(async () => Promise.all([a?.stop(), b?.stop(), evil?.close()]));

const roseUrl = () => `${b.baseUrl}/@rose`;
const carolUrl = () => `${b.baseUrl}/@carol`;

function forgedEvent(overrides: Record<string, unknown> = {}) {
  return {
    type: 'Event',
    id: roseEvent.apId,
    name: 'FORGED',
    startTime: '2031-06-21T16:00:00Z',
    actor: roseUrl(),
    attributedTo: roseUrl(),
    to: [`${AS}#Public`],
    ...overrides
  };
}

async function expectNothingChanged(send: () => Promise<Response>) {
  await waitForIdleQueues(a.app);
  const before = await snapshotDatabase(a.app);
  const response = await send();
  expect(response.status).toBeLessThan(300);
  await waitForIdleQueues(a.app);
  // The sender's copy may be stored (its key was fetched to verify it); nothing else moves.
  const changes = diffSnapshots(before, await snapshotDatabase(a.app)).filter(
    (line) => !line.startsWith('actors:') && !line.startsWith('inbound_activities:') && !line.startsWith('instances:')
  );
  expect(changes).toEqual([]);
  const { rows } = await a.app.database.pool.query(`select 1 from events where title = 'FORGED'`);
  expect(rows).toEqual([]);
}

describe('objects that lie', () => {
  it('a Create of someone else’s event (its id on another server) is fetched from there, and refused', () =>
    expectNothingChanged(() =>
      signedPost(
        `${a.baseUrl}/inbox`,
        {
          '@context': AS,
          id: `${evilActor}/create/${randomUUID()}`,
          type: 'Create',
          actor: evilActor,
          object: forgedEvent()
        },
        evilKey
      )
    ));

  it('an event on the attacker’s server claiming an organizer of another server is refused', () =>
    expectNothingChanged(() =>
      signedPost(
        `${a.baseUrl}/inbox`,
        {
          '@context': AS,
          id: `${evilActor}/create/${randomUUID()}`,
          type: 'Create',
          actor: evilActor,
          object: forgedEvent({ id: `${evil.baseUrl}/events/${randomUUID()}` })
        },
        evilKey
      )
    ));

  it('an Announce embedding an event its origin never published changes nothing', () =>
    expectNothingChanged(() =>
      signedPost(
        `${a.baseUrl}/inbox`,
        {
          '@context': AS,
          id: `${evilActor}/announce/${randomUUID()}`,
          type: 'Announce',
          actor: evilActor,
          object: forgedEvent({ id: `${b.baseUrl}/events/${randomUUID()}` })
        },
        evilKey
      )
    ));

  it('an Announce embedding a forged copy of a real event stores the real one, never the forgery', async () => {
    await signedPost(
      `${a.baseUrl}/inbox`,
      {
        '@context': AS,
        id: `${evilActor}/announce/${randomUUID()}`,
        type: 'Announce',
        actor: evilActor,
        object: forgedEvent()
      },
      evilKey
    );
    await waitForIdleQueues(a.app);
    const event = await a.app.services.queries.events.byApId(roseEvent.apId);
    expect(event?.title).toBe('Fête de quartier');
  });

  it('an Update of rose’s event signed by carol (same server, not its organizer) changes nothing', async () => {
    const carolKey = await localActorKey(b.app, 'carol');
    await expectNothingChanged(() =>
      signedPost(
        `${a.baseUrl}/inbox`,
        {
          '@context': AS,
          id: `${carolUrl()}/update/${randomUUID()}`,
          type: 'Update',
          actor: carolUrl(),
          object: forgedEvent({
            actor: carolUrl(),
            attributedTo: carolUrl(),
            updated: new Date(Date.now() + 60_000).toISOString()
          })
        },
        carolKey
      )
    );
  });

  it('a Delete of rose’s event signed by carol changes nothing', async () => {
    const carolKey = await localActorKey(b.app, 'carol');
    await expectNothingChanged(() =>
      signedPost(
        `${a.baseUrl}/inbox`,
        {
          '@context': AS,
          id: `${carolUrl()}/delete/${randomUUID()}`,
          type: 'Delete',
          actor: carolUrl(),
          object: roseEvent.apId
        },
        carolKey
      )
    );
    expect(await a.app.services.queries.events.byApId(roseEvent.apId)).toBeDefined();
  });
});
