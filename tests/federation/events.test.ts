import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventFromAp } from '#lib/server/federation/converters/event.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createUserWithProfile } from '../helpers/factories.ts';
import { createAdministrator, followRelay } from '../helpers/instances.ts';
import { waitFor } from '../helpers/wait.ts';

/**
 * Events between two real instances: B follows A's relay, then A's organizer publishes, changes
 * and deletes an event; B's copy follows each step, and what a third party sends in A's name is refused.
 */
let a: TestApp;
let b: TestApp;
let organizer: Awaited<ReturnType<typeof createUserWithProfile>>;
let earlyApId: string;

const AP = { accept: 'application/activity+json' };

async function copyOnB(apId: string) {
  const { rows } = await b.app.database.pool.query(
    'select id, uuid, title, begins_on, local, status, timezone, join_options, options from events where ap_id = $1',
    [apId]
  );
  return rows[0] as
    | {
        id: string;
        uuid: string;
        title: string;
        begins_on: Date;
        local: boolean;
        status: string;
        timezone: string | null;
        join_options: string;
        options: Record<string, unknown>;
      }
    | undefined;
}

beforeAll(async () => {
  [a, b] = await Promise.all([createTestApp(), createTestApp()]);
  const [adminA, adminB] = await Promise.all([createAdministrator(a.app), createAdministrator(b.app)]);
  organizer = await createUserWithProfile(a.app, { username: 'rose' });
  const early = await a.app.services.events.createEvent(organizer.user.id, {
    organizerActorId: organizer.profile.id,
    title: 'Published before B followed',
    beginsOn: new Date('2031-03-01T10:00:00Z')
  });
  earlyApId = early.apId;
  // B follows A's relay; A's administrator accepts: A's public events now reach B.
  await followRelay({ app: b.app, admin: adminB }, { app: a.app, admin: adminA });
}, 60_000);
afterAll(async () => Promise.all([a?.stop(), b?.stop()]));

async function sharesOnB(apId: string) {
  const { rows } = await b.app.database.pool.query<{ announcer: string }>(
    'select a.ap_id as announcer from shares s join actors a on a.id = s.announcer_id where s.object_ap_id = $1',
    [apId]
  );
  return rows.map((r) => r.announcer);
}

describe('following A’s relay', () => {
  it('brings A’s earlier public events to B, read from the relay’s outbox, shared by A’s relay', async () => {
    const copy = await waitFor(() => copyOnB(earlyApId), { what: 'the early event to be read from A’s outbox' });
    expect(copy).toMatchObject({ title: 'Published before B followed', local: false });
    // The share is recorded just after the copy is stored (announce.ts): wait for it too.
    const shares = await waitFor(
      async () => {
        const found = await sharesOnB(earlyApId);
        return found.length > 0 ? found : undefined;
      },
      { what: 'the share of A’s relay' }
    );
    expect(shares).toEqual([`${a.baseUrl}/relay`]);
  });
});

describe('an event from A, seen on B', () => {
  let apId: string;
  let eventId: number;

  it('is created on B with Mobilizon’s fields when A publishes it', async () => {
    const event = await a.app.services.events.createEvent(organizer.user.id, {
      organizerActorId: organizer.profile.id,
      title: 'Vélorution du printemps',
      description: '<p>Rendez-vous <strong>place du Capitole</strong></p>',
      beginsOn: new Date('2031-04-12T12:00:00Z'),
      endsOn: new Date('2031-04-12T15:00:00Z'),
      options: { maximumAttendeeCapacity: 40, timezone: 'Europe/Paris' },
      joinOptions: 'restricted',
      category: 'CAUSES',
      tags: ['vélo', 'climat'],
      physicalAddress: {
        description: 'Place du Capitole',
        locality: 'Toulouse',
        country: 'France',
        geom: '1.4437;43.6045'
      }
    });
    apId = event.apId;
    eventId = event.id;
    const copy = await waitFor(() => copyOnB(apId), { what: 'the event to reach B' });
    expect(copy).toMatchObject({
      title: 'Vélorution du printemps',
      local: false,
      status: 'confirmed',
      timezone: 'Europe/Paris',
      join_options: 'restricted'
    });
    expect(copy.begins_on.toISOString()).toBe('2031-04-12T12:00:00.000Z');
    expect(copy.options).toMatchObject({ maximumAttendeeCapacity: 40 });
    // Same uuid on both sides: B's page for it is /events/<the same uuid>.
    expect(copy.uuid).toBe(event.uuid);
    // A's relay announced it to B, who records the share (what lists remote events on B).
    expect(await waitFor(async () => (await sharesOnB(apId)).length > 0 || undefined, { what: 'the share' })).toBe(
      true
    );
    expect(await sharesOnB(apId)).toEqual([`${a.baseUrl}/relay`]);
    const tags = await b.app.services.queries.tags.byEventIds([Number(copy.id)]);
    expect(
      tags
        .get(Number(copy.id))
        ?.map((t) => t.slug)
        .sort()
    ).toEqual(['climat', 'velo']);
  });

  it('follows a change of date on A', async () => {
    await a.app.services.events.updateEvent(organizer.user.id, eventId, {
      beginsOn: new Date('2031-04-19T12:00:00Z'),
      endsOn: new Date('2031-04-19T15:00:00Z')
    });
    const moved = await waitFor(
      async () => {
        const copy = await copyOnB(apId);
        return copy && copy.begins_on.toISOString() === '2031-04-19T12:00:00.000Z' ? copy : undefined;
      },
      { what: 'the new date to reach B' }
    );
    expect(moved.title).toBe('Vélorution du printemps');
  });

  it('serves B’s copy by redirecting ActivityPub clients to A', async () => {
    const copy = await copyOnB(apId);
    const response = await fetch(`${b.baseUrl}/events/${copy!.uuid}`, { headers: AP, redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe(apId);
  });

  it('ignores an older version replayed later (an Update never goes back in time)', async () => {
    const copy = await copyOnB(apId);
    const before = copy!.begins_on.toISOString();
    const { rows } = await a.app.database.pool.query<{ json: Record<string, unknown> }>(
      `select json from outbox_activities where type = 'Create' and ap_id = $1`,
      [`${apId}/activity`]
    );
    const stale = rows[0]!.json;
    const object = stale.object as Record<string, unknown>;
    const oldEvent = eventFromJson(object);
    const result = await b.app.services.remoteEvents.receive(oldEvent, await writersOnB(object));
    expect(result.outcome).toBe('unchanged');
    expect((await copyOnB(apId))!.begins_on.toISOString()).toBe(before);
  });

  it('is gone from B when A deletes it, answers 410 on A, and a late Create does not bring it back', async () => {
    const { rows } = await a.app.database.pool.query<{ json: Record<string, unknown> }>(
      `select json from outbox_activities where type = 'Create' and ap_id = $1`,
      [`${apId}/activity`]
    );
    const create = rows[0]!.json;
    await a.app.services.events.deleteEvent(organizer.user.id, eventId);
    await waitFor(async () => ((await copyOnB(apId)) ? undefined : true), { what: 'the deletion to reach B' });
    const gone = await fetch(apId, { headers: AP });
    expect(gone.status).toBe(410);
    expect(await gone.json()).toMatchObject({ type: 'Tombstone', formerType: 'Event', id: apId });
    const object = create.object as Record<string, unknown>;
    const late = await b.app.services.remoteEvents.receive(eventFromJson(object), await writersOnB(object));
    expect(late.outcome).toBe('gone');
    expect(await copyOnB(apId)).toBeUndefined();
  });
});

describe('what B refuses', () => {
  it('an Update of A’s event by another actor changes nothing', async () => {
    const event = await a.app.services.events.createEvent(organizer.user.id, {
      organizerActorId: organizer.profile.id,
      title: 'Assemblée générale',
      beginsOn: new Date('2031-05-02T18:00:00Z')
    });
    await waitFor(() => copyOnB(event.apId), { what: 'the event to reach B' });
    const { rows } = await a.app.database.pool.query<{ json: Record<string, unknown> }>(
      `select json from outbox_activities where ap_id = $1`,
      [`${event.apId}/activity`]
    );
    const object = { ...(rows[0]!.json.object as Record<string, unknown>) };
    object.name = 'Hijacked';
    object.updated = new Date(Date.now() + 60_000).toISOString();
    const intruder = await createUserWithProfile(a.app, { username: 'intruder' });
    const intruderOnB = await b.app.federation!.resolveActor(intruder.profile.apId);
    const writers = await writersOnB(object);
    await expect(
      b.app.services.remoteEvents.receive(eventFromJson(object), { ...writers, sender: intruderOnB })
    ).rejects.toMatchObject({ code: 'forbidden' });
    expect((await copyOnB(event.apId))!.title).toBe('Assemblée générale');
  });
});

function eventFromJson(object: Record<string, unknown>) {
  const data = eventFromAp(object);
  if (!data) throw new Error('not an event');
  return data;
}

async function writersOnB(object: Record<string, unknown>) {
  const data = eventFromJson(object);
  const organizerOnB = await b.app.federation!.resolveActor(data.organizerApId);
  return { sender: organizerOnB, organizer: organizerOnB, attributedTo: null };
}
