import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { changesWhile, waitForIdleQueues } from '../helpers/db-snapshot.ts';
import { createUserWithProfile } from '../helpers/factories.ts';
import { ForeignWorld } from '../helpers/foreign-world.ts';
import { clientAs, gql } from '../helpers/graphql.ts';
import { createAdministrator, followRelay, hostOf } from '../helpers/instances.ts';
import { localActorKey, signedPost } from '../helpers/signed-post.ts';
import { waitFor } from '../helpers/wait.ts';

/**
 * Participations between two real instances: B follows A's relay, so A's events are on B. B's
 * profile joins A's free event (taken at once), asks to join A's restricted event (answered after
 * A's organizer decides), and is refused by A's full event with the reason; A's organizer sees B's
 * profile among the participants; B sees the count A publishes; leaving frees the seat on A.
 */
type Client = Awaited<ReturnType<typeof clientAs>>;

let a: TestApp;
let b: TestApp;
let rose: Awaited<ReturnType<typeof createUserWithProfile>>;
let bea: Awaited<ReturnType<typeof createUserWithProfile>>;
let roseClient: Client;
let beaClient: Client;

const q = async <T = Record<string, unknown>>(target: TestApp, sql: string, params: unknown[] = []) =>
  (await target.app.database.pool.query(sql, params)).rows as T[];

beforeAll(async () => {
  [a, b] = await Promise.all([createTestApp(), createTestApp()]);
  const [adminA, adminB] = await Promise.all([createAdministrator(a.app), createAdministrator(b.app)]);
  rose = await createUserWithProfile(a.app, { username: 'rose' });
  bea = await createUserWithProfile(b.app, { username: 'bea' });
  [roseClient, beaClient] = await Promise.all([
    clientAs(a.app, rose.email, rose.password),
    clientAs(b.app, bea.email, bea.password)
  ]);
  await followRelay({ app: b.app, admin: adminB }, { app: a.app, admin: adminA });
}, 60_000);
afterAll(async () => Promise.all([a?.stop(), b?.stop()]));

/** An event by Rose on A, and its copy on B once A's relay announced it. */
async function eventOfRose(title: string, fields: Record<string, unknown> = {}) {
  const created = await a.app.services.events.createEvent(rose.user.id, {
    organizerActorId: rose.profile.id,
    title,
    beginsOn: new Date('2031-10-04T09:00:00Z'),
    ...fields
  });
  const onB = await waitFor(async () => (await b.app.services.queries.events.byApId(created.apId)) ?? undefined, {
    what: `${title} to reach B`
  });
  return { onA: created, onB };
}

const JOIN = `mutation($eventId: ID!, $actorId: ID!, $message: String) {
  joinEvent(eventId: $eventId, actorId: $actorId, message: $message) { id role } }`;
const LEAVE = `mutation($eventId: ID!, $actorId: ID!) { leaveEvent(eventId: $eventId, actorId: $actorId) { actor { id } } }`;
const MINE = `query($actorId: ID!, $eventId: ID!) { person(id: $actorId) {
  participations(eventId: $eventId) { elements { role metadata { rejectionReason } } } } }`;
const PARTICIPANTS = `query($uuid: UUID!) { event(uuid: $uuid) {
  participantStats { going participant notApproved }
  participants { total elements { id role actor { preferredUsername domain } metadata { message } } } } }`;

interface Mine {
  person: { participations: { elements: { role: string; metadata: { rejectionReason: string | null } }[] } };
}
interface Participants {
  event: {
    participantStats: { going: number; participant: number; notApproved: number };
    participants: {
      total: number;
      elements: {
        id: string;
        role: string;
        actor: { preferredUsername: string; domain: string | null };
        metadata: { message: string | null };
      }[];
    };
  };
}

async function beaOn(eventIdOnB: number) {
  const result = await beaClient.query<Mine>(MINE, { actorId: String(bea.profile.id), eventId: String(eventIdOnB) });
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data?.person.participations.elements[0];
}

async function participantsOnA(uuid: string) {
  const result = await roseClient.query<Participants>(PARTICIPANTS, { uuid });
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data!.event;
}

const beaFrom = (list: Participants['event']) =>
  list.participants.elements.find((p) => p.actor.preferredUsername === 'bea' && p.actor.domain === hostOf(b.app));

/** B's copy of the event, as B's visitors see it. */
async function statsOnB(uuid: string) {
  const result = await gql<{ event: { participantStats: { going: number } } }>(
    b.app,
    `query($uuid: UUID!) { event(uuid: $uuid) { participantStats { going } } }`,
    { uuid }
  );
  return result.data?.event.participantStats;
}

describe('B’s profile and A’s free event', () => {
  it('asks through A, is taken at once, and is listed by A’s organizer', async () => {
    const { onA, onB } = await eventOfRose('Vélorution');
    const joined = await beaClient.query<{ joinEvent: { role: string } }>(JOIN, {
      eventId: String(onB.id),
      actorId: String(bea.profile.id)
    });
    expect(joined.errors).toBeUndefined();
    // B waits for the event's server: the seats are counted there.
    expect(joined.data?.joinEvent.role).toBe('NOT_APPROVED');
    await waitFor(async () => (await beaOn(onB.id))?.role === 'PARTICIPANT', { what: 'A to accept' });

    const list = await participantsOnA(onA.uuid);
    expect(beaFrom(list)).toMatchObject({ role: 'PARTICIPANT' });
    expect(list.participantStats.participant).toBe(1);
    // A publishes its new count; B shows it rather than its own (B knows only its own participants).
    await waitFor(async () => (await statsOnB(onB.uuid))?.going === 1, { what: 'the count to reach B' });

    // The Join B sent is Mobilizon's: id on B, the event as object, to its organizer.
    const [sent] = await q<{ json: Record<string, unknown> }>(
      b,
      `select json from outbox_activities where json->>'type' = 'Join' and json->>'object' = $1`,
      [onA.apId]
    );
    expect(sent?.json).toMatchObject({
      type: 'Join',
      actor: `${b.baseUrl}/@bea`,
      object: onA.apId,
      to: [`${a.baseUrl}/@rose`]
    });
    expect(String(sent?.json.id)).toMatch(new RegExp(`^${b.baseUrl}/join/event/`));
  });

  it('leaves: the seat is free again on A and the count follows on B', async () => {
    const { onA, onB } = await eventOfRose('Pique-nique');
    await beaClient.query(JOIN, { eventId: String(onB.id), actorId: String(bea.profile.id) });
    await waitFor(async () => (await beaOn(onB.id))?.role === 'PARTICIPANT', { what: 'A to accept' });
    await waitFor(async () => (await statsOnB(onB.uuid))?.going === 1, { what: 'the count to reach B' });

    const left = await beaClient.query(LEAVE, { eventId: String(onB.id), actorId: String(bea.profile.id) });
    expect(left.errors).toBeUndefined();
    expect(await beaOn(onB.id)).toBeUndefined();
    await waitFor(async () => beaFrom(await participantsOnA(onA.uuid)) === undefined, { what: 'the Leave to reach A' });
    expect((await participantsOnA(onA.uuid)).participantStats.participant).toBe(0);
    await waitFor(async () => (await statsOnB(onB.uuid))?.going === 0, { what: 'the new count to reach B' });
  });
});

describe('B’s profile and A’s restricted event', () => {
  it('waits with its message until A’s organizer approves, then is told; a refusal later is told too', async () => {
    const { onA, onB } = await eventOfRose('Atelier couture', { joinOptions: 'restricted' });
    await beaClient.query(JOIN, {
      eventId: String(onB.id),
      actorId: String(bea.profile.id),
      message: 'J’apporte du fil'
    });
    const request = await waitFor(async () => beaFrom(await participantsOnA(onA.uuid)), { what: 'the request on A' });
    expect(request).toMatchObject({ role: 'NOT_APPROVED', metadata: { message: 'J’apporte du fil' } });
    await waitForIdleQueues(a.app);
    await waitForIdleQueues(b.app);
    expect((await beaOn(onB.id))?.role).toBe('NOT_APPROVED');

    await a.app.services.participation.updateRole(rose.user.id, {
      participantId: Number(request.id),
      role: 'participant'
    });
    await waitFor(async () => (await beaOn(onB.id))?.role === 'PARTICIPANT', { what: 'the approval to reach B' });

    await a.app.services.participation.updateRole(rose.user.id, {
      participantId: Number(request.id),
      role: 'rejected'
    });
    await waitFor(async () => (await beaOn(onB.id))?.role === 'REJECTED', { what: 'the refusal to reach B' });
  });
});

describe('B’s profile and A’s full event', () => {
  it('is refused with the reason, and nothing is stored on A', async () => {
    const { onA, onB } = await eventOfRose('Concert au jardin', { options: { maximumAttendeeCapacity: 1 } });
    const neighbour = await createUserWithProfile(a.app);
    await a.app.services.participation.join(neighbour.user.id, { eventId: onA.id, actorId: neighbour.profile.id });

    await beaClient.query(JOIN, { eventId: String(onB.id), actorId: String(bea.profile.id) });
    const refused = await waitFor(
      async () => {
        const mine = await beaOn(onB.id);
        return mine?.role === 'REJECTED' ? mine : undefined;
      },
      { what: 'the refusal to reach B' }
    );
    expect(refused.metadata.rejectionReason).toMatch(/maximum capacity/);
    const list = await participantsOnA(onA.uuid);
    expect(beaFrom(list)).toBeUndefined();
    expect(list.participantStats.participant).toBe(1);

    // A seat frees up: asking again is allowed, and taken this time.
    await a.app.services.participation.leave(neighbour.user.id, { eventId: onA.id, actorId: neighbour.profile.id });
    const again = await beaClient.query(JOIN, { eventId: String(onB.id), actorId: String(bea.profile.id) });
    expect(again.errors).toBeUndefined();
    await waitFor(async () => (await beaOn(onB.id))?.role === 'PARTICIPANT', { what: 'the second answer' });
  });
});

describe('a profile of B deleted', () => {
  it('frees its seat in A’s event: A hears the Delete signed by it', async () => {
    const { onA, onB } = await eventOfRose('Troc de plantes', { options: { maximumAttendeeCapacity: 1 } });
    const cleo = await createUserWithProfile(b.app, { username: 'cleo' });
    await b.app.services.participation.join(cleo.user.id, { eventId: onB.id, actorId: cleo.profile.id });
    const cleoOnA = (list: Participants['event']) =>
      list.participants.elements.find((p) => p.actor.preferredUsername === 'cleo');
    await waitFor(async () => cleoOnA(await participantsOnA(onA.uuid))?.role === 'PARTICIPANT', {
      what: 'A to take Cleo'
    });

    await b.app.services.accounts.deleteAccount(cleo.user, { password: cleo.password });
    await waitFor(async () => cleoOnA(await participantsOnA(onA.uuid)) === undefined, { what: 'the seat to be freed' });
    expect((await participantsOnA(onA.uuid)).participantStats.participant).toBe(0);
  });
});

describe('what nobody else may do', () => {
  it('a replayed Join and Leave, an answer from a third server, and a Join in someone else’s name change nothing', async () => {
    const { onA, onB } = await eventOfRose('Assemblée de quartier', { joinOptions: 'restricted' });
    await beaClient.query(JOIN, { eventId: String(onB.id), actorId: String(bea.profile.id) });
    await waitFor(async () => beaFrom(await participantsOnA(onA.uuid)), { what: 'the request on A' });
    const [mine] = await q<{ ap_id: string }>(
      b,
      `select p.ap_id from participants p where p.event_id = $1 and p.actor_id = $2`,
      [onB.id, bea.profile.id]
    );
    const joinId = mine!.ap_id;

    // A third server accepts Bea's request in A's place.
    const world = new ForeignWorld(b.baseUrl, []);
    try {
      const mallory = `${await world.foreign('http://elsewhere.test')}/@mallory`;
      const key = await world.actor(mallory);
      const accept = {
        '@context': 'https://www.w3.org/ns/activitystreams',
        id: `${mallory}/accept/1`,
        type: 'Accept',
        actor: mallory,
        object: { type: 'Join', id: joinId, actor: `${b.baseUrl}/@bea`, object: onA.apId },
        to: [`${b.baseUrl}/@bea`]
      };
      expect(await changesWhile(b.app, () => signedPost(`${b.baseUrl}/inbox`, accept, key))).toEqual([]);
      expect((await beaOn(onB.id))?.role).toBe('NOT_APPROVED');

      // The same third server joins A's event with an id on Bea's server.
      const forged = {
        '@context': 'https://www.w3.org/ns/activitystreams',
        id: `${b.baseUrl}/join/event/forged`,
        type: 'Join',
        actor: mallory,
        object: onA.apId
      };
      expect(await changesWhile(a.app, () => signedPost(`${a.baseUrl}/inbox`, forged, key))).toEqual([]);
    } finally {
      await world.close();
    }

    // Bea's Join again, as B sent it (a retry days later): already applied, nothing changes on A.
    const beaKey = await localActorKey(b.app, 'bea');
    const [join] = await q<{ json: Record<string, unknown> }>(
      b,
      `select json from outbox_activities where ap_id = $1`,
      [joinId]
    );
    expect(join?.json.type).toBe('Join');
    expect(await changesWhile(a.app, () => signedPost(`${a.baseUrl}/inbox`, join!.json, beaKey))).toEqual([]);

    // She leaves; the Leave replayed after she asked again is not a second departure.
    await b.app.services.participation.leave(bea.user.id, { eventId: onB.id, actorId: bea.profile.id });
    await waitFor(async () => beaFrom(await participantsOnA(onA.uuid)) === undefined, { what: 'the Leave on A' });
    const [leave] = await q<{ json: Record<string, unknown> }>(
      b,
      `select json from outbox_activities where json->>'type' = 'Leave' and json->>'object' = $1`,
      [onA.apId]
    );
    await beaClient.query(JOIN, { eventId: String(onB.id), actorId: String(bea.profile.id) });
    await waitFor(async () => beaFrom(await participantsOnA(onA.uuid)), { what: 'the new request on A' });
    expect(await changesWhile(a.app, () => signedPost(`${a.baseUrl}/inbox`, leave!.json, beaKey))).toEqual([]);
    expect(beaFrom(await participantsOnA(onA.uuid))).toMatchObject({ role: 'NOT_APPROVED' });
  });

  it('a profile on B cannot take part without an account in A’s event from B', async () => {
    const { onB } = await eventOfRose('Fête de la soupe', { options: { anonymousParticipation: true } });
    const anonymous = await b.app.services.participation.anonymous.actor();
    const result = await gql(
      b.app,
      `mutation($eventId: ID!, $actorId: ID!, $email: String!) { joinEvent(eventId: $eventId, actorId: $actorId, email: $email) { id } }`,
      { eventId: String(onB.id), actorId: String(anonymous.id), email: 'voisin@example.org' }
    );
    expect(result.errors?.[0]?.message).toMatch(/does not take participations without an account/);
    expect(await q(b, `select 1 from participants where event_id = $1`, [onB.id])).toHaveLength(0);
  });
});
