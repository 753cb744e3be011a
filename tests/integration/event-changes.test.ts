import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createUserWithProfile } from '../helpers/factories.ts';
import { clientAs, gql } from '../helpers/graphql.ts';
import { hasMobilizonCorpus, mobilizonOperation } from '../helpers/mobilizon-operations.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ listen: false, workers: false });
});
afterAll(() => t?.stop());

const UPDATE = `mutation($id: ID!, $title: String, $description: String, $beginsOn: DateTime, $endsOn: DateTime,
  $status: EventStatus, $draft: Boolean, $options: EventOptionsInput, $physicalAddress: AddressInput) {
  updateEvent(eventId: $id, title: $title, description: $description, beginsOn: $beginsOn, endsOn: $endsOn,
    status: $status, draft: $draft, options: $options, physicalAddress: $physicalAddress) {
    title description beginsOn endsOn status draft visibility options { maximumAttendeeCapacity timezone }
    physicalAddress { locality } } }`;
const DELETE = 'mutation($id: ID!) { deleteEvent(eventId: $id) { id } }';

async function organized(draft = false) {
  const rose = await createUserWithProfile(t.app);
  const event = await t.app.services.events.createEvent(rose.user.id, {
    organizerActorId: rose.profile.id,
    title: 'Garden party',
    description: '<p>In the garden</p>',
    beginsOn: new Date('2030-06-01T10:00:00Z'),
    endsOn: new Date('2030-06-01T12:00:00Z'),
    visibility: 'unlisted',
    draft,
    options: { maximumAttendeeCapacity: 30, timezone: 'Europe/Paris' }
  });
  return { rose, event, client: await clientAs(t.app, rose.email, rose.password) };
}

const eventsRecorded = async (type: string, eventId: number) =>
  (
    await t.app.database.pool.query(
      "select payload from domain_events where type = $1 and (payload->>'eventId')::bigint = $2 order by id",
      [type, eventId]
    )
  ).rows.map((r) => r.payload);

describe('updating an event', () => {
  it('changes only what is given, sanitizes, and records what participants must hear', async () => {
    const { event, client } = await organized();
    const res = await client.query<{ updateEvent: Record<string, unknown> }>(UPDATE, {
      id: String(event.id),
      description: '<p onclick="steal()">In the <script>alert(1)</script>park</p>',
      beginsOn: '2030-06-01T11:00:00Z',
      endsOn: '2030-06-01T13:00:00Z',
      options: { maximumAttendeeCapacity: 40 },
      physicalAddress: { locality: 'Lyon' }
    });
    expect(res.errors).toBeUndefined();
    expect(res.data?.updateEvent).toMatchObject({
      title: 'Garden party',
      visibility: 'UNLISTED',
      beginsOn: '2030-06-01T11:00:00.000Z',
      options: { maximumAttendeeCapacity: 40, timezone: 'Europe/Paris' },
      physicalAddress: { locality: 'Lyon' }
    });
    expect(res.data?.updateEvent.description).toBe('<p>In the park</p>');
    expect(await eventsRecorded('EventUpdated', event.id)).toEqual([
      { eventId: event.id, published: false, timeChanged: true, placeChanged: true, cancelled: false }
    ]);
    const cancelled = await client.query<{ updateEvent: { status: string } }>(UPDATE, {
      id: String(event.id),
      status: 'CANCELLED'
    });
    expect(cancelled.data?.updateEvent.status).toBe('CANCELLED');
    expect((await eventsRecorded('EventUpdated', event.id))[1]).toMatchObject({ cancelled: true, timeChanged: false });
  });

  it('publishes a draft once, and never back', async () => {
    const { event, client } = await organized(true);
    const published = await client.query<{ updateEvent: { draft: boolean } }>(UPDATE, {
      id: String(event.id),
      draft: false
    });
    expect(published.data?.updateEvent.draft).toBe(false);
    expect((await t.app.services.queries.events.byId(event.id))?.publishedAt).toBeInstanceOf(Date);
    const back = await client.query(UPDATE, { id: String(event.id), draft: true });
    expect(back.errors?.[0]).toMatchObject({ code: 'validation', field: 'draft' });
  });

  it('refuses strangers, anonymous callers, an end before the start, and changes nothing', async () => {
    const { event, client } = await organized();
    const stranger = await createUserWithProfile(t.app);
    const other = await clientAs(t.app, stranger.email, stranger.password);
    expect((await other.query(UPDATE, { id: String(event.id), title: 'Mine now' })).errors?.[0]?.code).toBe(
      'unauthorized'
    );
    expect((await gql(t.app, UPDATE, { id: String(event.id), title: 'Mine now' })).errors?.[0]?.code).toBe(
      'unauthenticated'
    );
    const backwards = await client.query(UPDATE, { id: String(event.id), endsOn: '2030-06-01T09:00:00Z' });
    expect(backwards.errors?.[0]).toMatchObject({ code: 'validation', field: 'endsOn' });
    expect((await client.query(UPDATE, { id: '999999999', title: 'Ghost' })).errors?.[0]?.code).toBe('not_found');
    const row = await t.app.services.queries.events.byId(event.id);
    expect(row).toMatchObject({ title: 'Garden party', endsOn: new Date('2030-06-01T12:00:00Z') });
  });
});

describe('deleting an event', () => {
  it('lets only the organizer delete it, with its participations', async () => {
    const { event, client } = await organized();
    const guest = await createUserWithProfile(t.app);
    await t.app.services.participation.join(guest.user.id, { eventId: event.id, actorId: guest.profile.id });
    const other = await clientAs(t.app, guest.email, guest.password);
    expect((await other.query(DELETE, { id: String(event.id) })).errors?.[0]?.code).toBe('unauthorized');
    const done = await client.query<{ deleteEvent: { id: string } }>(DELETE, { id: String(event.id) });
    expect(done.data?.deleteEvent.id).toBe(String(event.id));
    expect(await t.app.services.queries.events.byId(event.id)).toBeUndefined();
    const { rows } = await t.app.database.pool.query(
      'select count(*)::int as n from participants where event_id = $1',
      [event.id]
    );
    expect(rows[0].n).toBe(0);
    expect(await eventsRecorded('EventDeleted', event.id)).toEqual([expect.objectContaining({ apId: event.apId })]);
  });
});

describe.skipIf(!hasMobilizonCorpus())("Mobilizon's updateEvent and DeleteEvent documents", () => {
  it('run with the variables the client sends', async () => {
    const { event, client, rose } = await organized();
    const updated = await client.query<{ updateEvent: { title: string; uuid: string } }>(
      mobilizonOperation('updateEvent').source,
      {
        id: String(event.id),
        title: 'Garden party, moved',
        description: '<p>Now in the park</p>',
        beginsOn: '2030-06-01T10:00:00Z',
        endsOn: '2030-06-01T12:00:00Z',
        status: 'CONFIRMED',
        visibility: 'PUBLIC',
        joinOptions: 'FREE',
        draft: false,
        tags: [],
        onlineAddress: '',
        phoneAddress: '',
        organizerActorId: String(rose.profile.id),
        category: 'MEETING',
        physicalAddress: { description: 'Parc de la Tête d’Or', locality: 'Lyon' },
        options: { maximumAttendeeCapacity: 0, timezone: 'Europe/Paris' },
        contacts: [],
        metadata: []
      }
    );
    expect(updated.errors).toBeUndefined();
    expect(updated.data?.updateEvent).toMatchObject({ title: 'Garden party, moved', uuid: event.uuid });
    const deleted = await client.query<{ deleteEvent: { id: string } }>(mobilizonOperation('DeleteEvent').source, {
      eventId: String(event.id)
    });
    expect(deleted.data?.deleteEvent.id).toBe(String(event.id));
  });
});
