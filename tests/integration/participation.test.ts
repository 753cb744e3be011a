import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Event } from '#lib/server/db/schema/events.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createUserWithProfile } from '../helpers/factories.ts';
import { clientAs, gql } from '../helpers/graphql.ts';
import { hasMobilizonCorpus, mobilizonOperation } from '../helpers/mobilizon-operations.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ listen: false, workers: false });
});
afterAll(() => t?.stop());

const op = (name: string) => mobilizonOperation(name).source;
const JOIN = `mutation($e: ID!, $a: ID!, $m: String) { joinEvent(eventId: $e, actorId: $a, message: $m) {
  id role metadata { message } actor { id } event { id } } }`;
const LEAVE = 'mutation($e: ID!, $a: ID!) { leaveEvent(eventId: $e, actorId: $a) { id actor { id } } }';
const UPDATE = 'mutation($id: ID!, $r: ParticipantRoleEnum!) { updateParticipation(id: $id, role: $r) { id role } }';
const STATS = `query($u: UUID!) { event(uuid: $u) { participantStats { going participant notApproved rejected creator }
  options { maximumAttendeeCapacity remainingAttendeeCapacity } } }`;

type Joined = { joinEvent: { id: string; role: string; metadata: { message: string | null } } };

async function organizerWith(
  options: Parameters<TestApp['app']['services']['events']['createEvent']>[1] extends infer I ? Partial<I> : never
) {
  const organizer = await createUserWithProfile(t.app);
  const event = await t.app.services.events.createEvent(organizer.user.id, {
    organizerActorId: organizer.profile.id,
    title: 'Choir in the park',
    beginsOn: new Date('2030-06-01T18:00:00Z'),
    ...options
  });
  return { organizer, event, client: await clientAs(t.app, organizer.email, organizer.password) };
}

async function someone() {
  const person = await createUserWithProfile(t.app);
  return { ...person, client: await clientAs(t.app, person.email, person.password) };
}

const stats = async (event: Event) =>
  (
    await (
      await someone()
    ).client.query<{ event: { participantStats: Record<string, number>; options: Record<string, number> } }>(STATS, {
      u: event.uuid
    })
  ).data!.event;

describe('joining and leaving', () => {
  it('joins a free event at once, with a message, and counts the seat', async () => {
    const { event } = await organizerWith({ options: { maximumAttendeeCapacity: 5 } });
    const ana = await someone();
    const joined = await ana.client.query<Joined>(JOIN, {
      e: String(event.id),
      a: String(ana.profile.id),
      m: 'I bring cake'
    });
    expect(joined.errors).toBeUndefined();
    expect(joined.data?.joinEvent).toMatchObject({ role: 'PARTICIPANT', metadata: { message: 'I bring cake' } });
    expect(await stats(event)).toEqual({
      participantStats: { going: 2, participant: 1, notApproved: 0, rejected: 0, creator: 1 },
      options: { maximumAttendeeCapacity: 5, remainingAttendeeCapacity: 4 }
    });
    const again = await ana.client.query(JOIN, { e: String(event.id), a: String(ana.profile.id) });
    expect(again.errors?.[0]).toMatchObject({ code: 'validation', status_code: 409, field: 'actorId' });

    const left = await ana.client.query<{ leaveEvent: { id: string } }>(LEAVE, {
      e: String(event.id),
      a: String(ana.profile.id)
    });
    expect(left.errors).toBeUndefined();
    expect(left.data?.leaveEvent.id).toBe(joined.data?.joinEvent.id);
    expect((await stats(event)).participantStats.participant).toBe(0);
    const twice = await ana.client.query(LEAVE, { e: String(event.id), a: String(ana.profile.id) });
    expect(twice.errors?.[0]?.code).toBe('not_found');
  });

  it("refuses someone else's profile, drafts, cancelled, invite-only and external events, changing nothing", async () => {
    const ana = await someone();
    const bob = await someone();
    const { event } = await organizerWith({});
    const theft = await ana.client.query(JOIN, { e: String(event.id), a: String(bob.profile.id) });
    expect(theft.errors?.[0]).toMatchObject({ code: 'unauthorized', field: 'actorId' });
    for (const options of [
      { draft: true },
      { status: 'cancelled' as const },
      { joinOptions: 'invite' as const },
      { joinOptions: 'external' as const, externalParticipationUrl: 'https://tickets.example.org/x' }
    ]) {
      const { event: closed } = await organizerWith(options);
      const refused = await ana.client.query(JOIN, { e: String(closed.id), a: String(ana.profile.id) });
      expect(refused.errors, JSON.stringify(options)).toBeDefined();
    }
    const { rows } = await t.app.database.pool.query(
      'select count(*)::int as n from participants where actor_id = $1',
      [ana.profile.id]
    );
    expect(rows[0].n).toBe(0);
  });

  it('keeps the last organizer in, and refuses a full event', async () => {
    const { organizer, event, client } = await organizerWith({ options: { maximumAttendeeCapacity: 1 } });
    const stay = await client.query(LEAVE, { e: String(event.id), a: String(organizer.profile.id) });
    expect(stay.errors?.[0]).toMatchObject({ code: 'validation', field: 'actorId' });
    const first = await someone();
    expect(
      (await first.client.query(JOIN, { e: String(event.id), a: String(first.profile.id) })).errors
    ).toBeUndefined();
    const second = await someone();
    const full = await second.client.query(JOIN, { e: String(event.id), a: String(second.profile.id) });
    expect(full.errors?.[0]).toMatchObject({
      status_code: 409,
      code: 'validation',
      message: 'The event has already reached its maximum capacity'
    });
  });
});

describe('approval', () => {
  it('makes requests that organizers, and only they, approve or reject, within the capacity', async () => {
    const { event, client: organizer } = await organizerWith({
      joinOptions: 'restricted',
      options: { maximumAttendeeCapacity: 1 }
    });
    const ana = await someone();
    const bob = await someone();
    const anaAsks = await ana.client.query<Joined>(JOIN, {
      e: String(event.id),
      a: String(ana.profile.id),
      m: 'May I?'
    });
    const bobAsks = await bob.client.query<Joined>(JOIN, { e: String(event.id), a: String(bob.profile.id) });
    expect(anaAsks.data?.joinEvent.role).toBe('NOT_APPROVED');
    expect((await stats(event)).participantStats).toMatchObject({ notApproved: 2, participant: 0 });

    const selfApproval = await ana.client.query(UPDATE, { id: anaAsks.data!.joinEvent.id, r: 'PARTICIPANT' });
    expect(selfApproval.errors?.[0]?.code).toBe('unauthorized');

    const approved = await organizer.query<{ updateParticipation: { role: string } }>(UPDATE, {
      id: anaAsks.data!.joinEvent.id,
      r: 'PARTICIPANT'
    });
    expect(approved.data?.updateParticipation.role).toBe('PARTICIPANT');
    const overCapacity = await organizer.query(UPDATE, { id: bobAsks.data!.joinEvent.id, r: 'PARTICIPANT' });
    expect(overCapacity.errors?.[0]?.status_code).toBe(409);
    const rejected = await organizer.query<{ updateParticipation: { role: string } }>(UPDATE, {
      id: bobAsks.data!.joinEvent.id,
      r: 'REJECTED'
    });
    expect(rejected.data?.updateParticipation.role).toBe('REJECTED');
    expect((await stats(event)).participantStats).toMatchObject({ notApproved: 0, participant: 1, rejected: 1 });
    expect((await organizer.query(UPDATE, { id: anaAsks.data!.joinEvent.id, r: 'CREATOR' })).errors?.[0]?.code).toBe(
      'validation'
    );
  });
});

describe("an event's participant list", () => {
  const LIST = `query($u: UUID!, $roles: String, $page: Int, $limit: Int) { event(uuid: $u) {
    participants(roles: $roles, page: $page, limit: $limit) { total elements { role actor { id } metadata { message } } } } }`;
  type List = {
    event: { participants: { total: number; elements: { role: string; metadata: { message: string | null } }[] } };
  };

  it('is shown to organizers, filtered by role and paginated, and to nobody else', async () => {
    const { event, client: organizer } = await organizerWith({ joinOptions: 'restricted' });
    const ana = await someone();
    const bob = await someone();
    await ana.client.query(JOIN, { e: String(event.id), a: String(ana.profile.id), m: 'Ana here' });
    await bob.client.query(JOIN, { e: String(event.id), a: String(bob.profile.id) });

    const pending = await organizer.query<List>(LIST, { u: event.uuid, roles: 'not_approved', limit: 1, page: 1 });
    expect(pending.errors).toBeUndefined();
    expect(pending.data?.event.participants.total).toBe(2);
    expect(pending.data?.event.participants.elements).toEqual([
      expect.objectContaining({ role: 'NOT_APPROVED', metadata: { message: 'Ana here' } })
    ]);
    const everyone = await organizer.query<List>(LIST, { u: event.uuid });
    expect(everyone.data?.event.participants.total).toBe(3);

    // A participant, a stranger and a visitor see no one.
    for (const client of [ana.client, (await someone()).client]) {
      expect((await client.query<List>(LIST, { u: event.uuid })).data?.event.participants).toEqual({
        total: 0,
        elements: []
      });
    }
    const anonymous = await gql<List>(t.app, LIST, { u: event.uuid });
    expect(anonymous.data?.event.participants).toEqual({ total: 0, elements: [] });
    expect((await organizer.query(LIST, { u: event.uuid, roles: 'boss' })).errors?.[0]?.field).toBe('roles');
  });
});

describe('capacity under concurrency', () => {
  it('gives exactly 10 seats to 200 simultaneous joins, 20 times over', async () => {
    const crowd = await createUserWithProfile(t.app);
    // 200 profiles of one account, written directly: the race is about seats, not about sign-ups.
    const { rows } = await t.app.database.pool.query<{ id: number }>(
      `insert into actors (type, preferred_username, ap_id, user_id)
       select 'Person', 'crowd_' || $1::text || '_' || n, $2::text || '/@crowd_' || $1::text || '_' || n, $3
       from generate_series(1, 200) n returning id`,
      [crowd.profile.id, t.baseUrl, crowd.user.id]
    );
    expect(rows).toHaveLength(200);
    for (let round = 0; round < 20; round++) {
      const { event } = await organizerWith({ options: { maximumAttendeeCapacity: 10 } });
      const results = await Promise.allSettled(
        rows.map((r) => t.app.services.participation.join(crowd.user.id, { eventId: event.id, actorId: r.id }))
      );
      const accepted = results.filter((r) => r.status === 'fulfilled').length;
      const refusals = results.flatMap((r) => (r.status === 'rejected' ? [(r.reason as Error).message] : []));
      expect(accepted, `round ${round}`).toBe(10);
      expect(new Set(refusals)).toEqual(new Set(['The event has already reached its maximum capacity']));
      const { rows: seats } = await t.app.database.pool.query(
        "select count(*)::int as n, (select participant_count from events where id = $1) as shown from participants where event_id = $1 and role = 'participant'",
        [event.id]
      );
      expect(seats[0]).toEqual({ n: 10, shown: 10 });
    }
  }, 120_000);
});

describe.skipIf(!hasMobilizonCorpus())("Mobilizon's participation documents", () => {
  it('runs JoinEvent, UpdateParticipant, Participants and LeaveEvent with the variables the client sends', async () => {
    const { event, client: organizer } = await organizerWith({ joinOptions: 'restricted' });
    const ana = await someone();
    const joined = await ana.client.query<{ joinEvent: { id: string; role: string; event: { uuid: string } } }>(
      op('JoinEvent'),
      {
        eventId: String(event.id),
        actorId: String(ana.profile.id),
        message: 'Hello',
        locale: 'fr',
        timezone: 'Europe/Paris'
      }
    );
    expect(joined.errors).toBeUndefined();
    expect(joined.data?.joinEvent).toMatchObject({ role: 'NOT_APPROVED', event: { uuid: event.uuid } });
    const approved = await organizer.query<{ updateParticipation: { role: string } }>(op('UpdateParticipant'), {
      id: joined.data!.joinEvent.id,
      role: 'PARTICIPANT'
    });
    expect(approved.data?.updateParticipation.role).toBe('PARTICIPANT');
    const list = await organizer.query<{
      event: { participants: { total: number; elements: { role: string }[] }; participantStats: { going: number } };
    }>(op('Participants'), {
      uuid: event.uuid,
      page: 1,
      limit: 10,
      roles: 'participant,moderator,administrator,creator'
    });
    expect(list.errors).toBeUndefined();
    expect(list.data?.event.participants.total).toBe(2);
    expect(list.data?.event.participantStats.going).toBe(2);
    const left = await ana.client.query<{ leaveEvent: { event: { uuid: string } } }>(op('LeaveEvent'), {
      eventId: String(event.id),
      actorId: String(ana.profile.id),
      token: null
    });
    expect(left.errors).toBeUndefined();
    expect(left.data?.leaveEvent.event.uuid).toBe(event.uuid);
  });
});
