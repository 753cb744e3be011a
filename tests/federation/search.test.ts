import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createUserWithProfile } from '../helpers/factories.ts';
import { clientAs, gql } from '../helpers/graphql.ts';
import { createAdministrator, followRelay, hostOf } from '../helpers/instances.ts';
import { startRemoteSink, type RemoteSink } from '../helpers/remote-sink.ts';
import { waitFor } from '../helpers/wait.ts';

/**
 * Remote lookup and search between two real instances: a person on B pastes the address of A's
 * event, or `@user@hostA`, and B reads it from A (checked fetch, WebFinger) and keeps it; an
 * address answering something else than ActivityPub leaves nothing; once B follows A's relay,
 * A's new public events are found on B with INTERNAL and not with SELF.
 */
let a: TestApp;
let b: TestApp;
let sink: RemoteSink;
let organizer: Awaited<ReturnType<typeof createUserWithProfile>>;
/** A profile of A that B has never heard of. */
let stranger: Awaited<ReturnType<typeof createUserWithProfile>>;
let searcher: Awaited<ReturnType<typeof clientAs>>;

const SEARCH_EVENTS = `query($term: String, $searchTarget: SearchTarget) {
  searchEvents(term: $term, searchTarget: $searchTarget) {
    total elements { __typename id uuid title url ... on Event { local organizerActor { preferredUsername domain } } }
  }
}`;
interface FoundEvents {
  searchEvents: {
    total: number;
    elements: {
      id: string;
      uuid: string;
      title: string;
      url: string;
      local: boolean;
      organizerActor: { domain: string };
    }[];
  };
}
const SEARCH_PERSONS = `query($term: String) {
  searchPersons(term: $term) { total elements { id preferredUsername name domain url } }
}`;
interface FoundPersons {
  searchPersons: {
    total: number;
    elements: { preferredUsername: string; name: string; domain: string; url: string }[];
  };
}

async function storedOnB(apId: string) {
  const { rows } = await b.app.database.pool.query<{ title: string; local: boolean }>(
    'select title, local from events where ap_id = $1',
    [apId]
  );
  return rows[0];
}

beforeAll(async () => {
  [a, b] = await Promise.all([createTestApp(), createTestApp()]);
  sink = await startRemoteSink();
  organizer = await createUserWithProfile(a.app, { username: 'rose' });
  stranger = await createUserWithProfile(a.app, { username: 'mira' });
  const person = await createUserWithProfile(b.app, { username: 'basile' });
  searcher = await clientAs(b.app, person.email, person.password);
}, 60_000);
afterAll(async () => {
  await sink?.close();
  await Promise.all([a?.stop(), b?.stop()]);
});

const publishOnA = (title: string, beginsOn = '2032-09-12T18:00:00Z') =>
  a.app.services.events.createEvent(organizer.user.id, {
    organizerActorId: organizer.profile.id,
    title,
    description: '<p>Au local associatif</p>',
    beginsOn: new Date(beginsOn),
    endsOn: new Date(new Date(beginsOn).getTime() + 2 * 3600_000)
  });

describe('pasting the address of an event of A on B', () => {
  it('is not fetched for an anonymous visitor', async () => {
    const event = await publishOnA('Soirée jeux (anonyme)');
    const result = await gql<FoundEvents>(b.app, SEARCH_EVENTS, { term: event.url });
    expect(result.data?.searchEvents).toEqual({ total: 0, elements: [] });
    expect(await storedOnB(event.apId)).toBeUndefined();
  });

  it('for a signed-in person, stores the event on B and answers it, organized by A’s profile', async () => {
    const event = await publishOnA('Soirée jeux de société');
    expect(await storedOnB(event.apId)).toBeUndefined();
    const result = await searcher.query<FoundEvents>(SEARCH_EVENTS, { term: event.url });
    expect(result.errors).toBeUndefined();
    expect(result.data?.searchEvents.total).toBe(1);
    const [found] = result.data!.searchEvents.elements;
    expect(found).toMatchObject({
      __typename: 'Event',
      title: 'Soirée jeux de société',
      url: event.url,
      uuid: event.uuid,
      local: false,
      organizerActor: { preferredUsername: 'rose', domain: hostOf(a.app) }
    });
    expect(await storedOnB(event.apId)).toEqual({ title: 'Soirée jeux de société', local: false });
    // B's page for it is its own: /events/<uuid> on B shows the copy.
    const page = await gql<{ event: { title: string; local: boolean } }>(
      b.app,
      'query($uuid: UUID!) { event(uuid: $uuid) { title local } }',
      { uuid: found!.uuid }
    );
    expect(page.data?.event).toEqual({ title: 'Soirée jeux de société', local: false });
    // That page's own address, pasted on B, answers the copy (read here, not fetched).
    const own = await gql<FoundEvents>(b.app, SEARCH_EVENTS, { term: `${b.baseUrl}/events/${found!.uuid}` });
    expect(own.data?.searchEvents.elements.map((e) => [e.title, e.local])).toEqual([['Soirée jeux de société', false]]);
  });

  it('can then be joined from B: A lists B’s profile among its participants', async () => {
    const event = await publishOnA('Ciné-débat');
    const found = await searcher.query<FoundEvents>(SEARCH_EVENTS, { term: event.url });
    const copy = found.data!.searchEvents.elements[0]!;
    const joined = await searcher.query<{ joinEvent: { role: string } }>(
      'mutation($e: ID!, $a: ID!) { joinEvent(eventId: $e, actorId: $a) { role } }',
      { e: copy.id, a: searcher.defaultActorId }
    );
    expect(joined.data?.joinEvent.role).toBe('NOT_APPROVED');
    const listed = await waitFor(
      async () => {
        const { rows } = await a.app.database.pool.query<{ role: string; domain: string }>(
          `select p.role, a.domain from participants p join actors a on a.id = p.actor_id
           where p.event_id = $1 and a.preferred_username = 'basile'`,
          [event.id]
        );
        return rows[0];
      },
      { what: 'the participation on A' }
    );
    expect(listed).toEqual({ role: 'participant', domain: hostOf(b.app) });
    // B hears A's answer: the profile takes part.
    await waitFor(
      async () => {
        const { rows } = await b.app.database.pool.query<{ role: string }>(
          'select role from participants where event_id = $1',
          [Number(copy.id)]
        );
        return rows[0]?.role === 'participant';
      },
      { what: 'the Accept on B' }
    );
  });

  it('interact answers the event too, and a second look-up reads the stored copy', async () => {
    const event = await publishOnA('Atelier couture');
    const interact = await searcher.query<{ interact: { __typename: string; title: string } }>(
      'query($uri: String!) { interact(uri: $uri) { __typename ... on Event { title } } }',
      { uri: event.apId }
    );
    expect(interact.data?.interact).toEqual({ __typename: 'Event', title: 'Atelier couture' });
    const again = await gql<FoundEvents>(b.app, SEARCH_EVENTS, { term: event.apId });
    expect(again.data?.searchEvents.elements.map((e) => e.title)).toEqual(['Atelier couture']);
  });
});

describe('pasting a handle or a profile address of A on B', () => {
  it('finds @user@hostA by WebFinger and stores the profile', async () => {
    const handle = `@mira@${hostOf(a.app)}`;
    const anonymous = await gql<FoundPersons>(b.app, SEARCH_PERSONS, { term: handle });
    expect(anonymous.data?.searchPersons.total).toBe(0);
    const result = await searcher.query<FoundPersons>(SEARCH_PERSONS, { term: handle });
    expect(result.errors).toBeUndefined();
    expect(result.data?.searchPersons).toMatchObject({
      total: 1,
      elements: [{ preferredUsername: 'mira', name: 'Test Person', domain: hostOf(a.app), url: stranger.profile.apId }]
    });
    // Stored: now found by words too, by anyone.
    const byWords = await gql<FoundPersons>(b.app, SEARCH_PERSONS, { term: 'mira' });
    expect(byWords.data?.searchPersons.elements.map((p) => p.domain)).toEqual([hostOf(a.app)]);
  });

  it('an unknown handle on A finds nobody', async () => {
    const result = await searcher.query<FoundPersons>(SEARCH_PERSONS, { term: `nobody@${hostOf(a.app)}` });
    expect(result.data?.searchPersons).toEqual({ total: 0, elements: [] });
  });

  it('interact with a profile address answers the Person', async () => {
    const result = await searcher.query<{ interact: { __typename: string; preferredUsername: string } }>(
      'query($uri: String!) { interact(uri: $uri) { __typename ... on Person { preferredUsername domain } } }',
      { uri: organizer.profile.apId }
    );
    expect(result.data?.interact).toMatchObject({ __typename: 'Person', preferredUsername: 'rose' });
  });
});

describe('an address that answers something else than ActivityPub', () => {
  it('gives nothing, an error for interact, and nothing is stored', async () => {
    sink.serve('/events/looks-like-one', {
      status: 200,
      headers: { 'content-type': 'text/html; charset=utf-8' },
      body: '<html><body><h1>Soirée</h1></body></html>'
    });
    sink.serve('/fake.json', { status: 200, headers: { 'content-type': 'application/json' }, body: { type: 'Event' } });
    for (const path of ['/events/looks-like-one', '/fake.json']) {
      const url = `${sink.baseUrl}${path}`;
      const events = await searcher.query<FoundEvents>(SEARCH_EVENTS, { term: url });
      expect(events.errors).toBeUndefined();
      expect(events.data?.searchEvents).toEqual({ total: 0, elements: [] });
      const interact = await searcher.query('query($uri: String!) { interact(uri: $uri) { url } }', { uri: url });
      expect(interact.errors?.[0]).toMatchObject({ code: 'not_found', field: 'uri' });
    }
    expect(sink.requests.some((r) => r.url === '/events/looks-like-one')).toBe(true);
    const { rows } = await b.app.database.pool.query(
      'select (select count(*) from events where ap_id like $1)::int as events, (select count(*) from actors where ap_id like $1)::int as actors',
      [`${sink.baseUrl}%`]
    );
    expect(rows[0]).toEqual({ events: 0, actors: 0 });
  });
});

describe('after B follows A’s relay', () => {
  beforeAll(async () => {
    const [adminA, adminB] = await Promise.all([createAdministrator(a.app), createAdministrator(b.app)]);
    await followRelay({ app: b.app, admin: adminB }, { app: a.app, admin: adminA });
  }, 60_000);

  it('A’s new public event is found by searchEvents on B with INTERNAL, not with SELF', async () => {
    const event = await publishOnA('Conférence sur les abeilles', '2032-10-01T18:00:00Z');
    await waitFor(() => storedOnB(event.apId), { what: 'the event to reach B through the relay' });
    const internal = await gql<FoundEvents>(b.app, SEARCH_EVENTS, { term: 'abeilles', searchTarget: 'INTERNAL' });
    expect(internal.data?.searchEvents.elements.map((e) => [e.title, e.local])).toEqual([
      ['Conférence sur les abeilles', false]
    ]);
    const self = await gql<FoundEvents>(b.app, SEARCH_EVENTS, { term: 'abeilles', searchTarget: 'SELF' });
    expect(self.data?.searchEvents).toEqual({ total: 0, elements: [] });
    // On A, it is its own.
    const onA = await gql<FoundEvents>(a.app, SEARCH_EVENTS, { term: 'abeilles', searchTarget: 'SELF' });
    expect(onA.data?.searchEvents.elements.map((e) => [e.title, e.local])).toEqual([
      ['Conférence sur les abeilles', true]
    ]);
  });
});
