import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeGeohash } from '#lib/geo/geohash.ts';
import { MAX_SEARCH_LIMIT } from '#lib/server/domain/search/index.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createUserWithProfile } from '../helpers/factories.ts';
import { clientAs, gql } from '../helpers/graphql.ts';
import { hasMobilizonCorpus, loadMobilizonOperations } from '../helpers/mobilizon-operations.ts';
import { startRemoteSink, type RemoteSink } from '../helpers/remote-sink.ts';
import type { EventHit, ProfileHit } from '#lib/api/search.ts';
import { load } from '../../src/routes/search/+page.server.ts';

/**
 * searchEvents / searchPersons / searchGroups / interact on one instance: what is listed (public,
 * published, not over), the filters Mobilizon's client sends, SELF against INTERNAL, pages, and
 * that a pasted address makes this server fetch only for signed-in people, within a limit.
 */
let t: TestApp;
let sink: RemoteSink;
let organizer: Awaited<ReturnType<typeof createUserWithProfile>>;
let searcher: Awaited<ReturnType<typeof clientAs>>;
let bikeUrl: string;

const SEARCH = `query($term: String, $tags: String, $type: EventType, $category: String, $searchTarget: SearchTarget,
  $beginsOn: DateTime, $endsOn: DateTime, $location: String, $radius: Float, $page: Int, $limit: Int, $sortBy: SearchEventSortOptions) {
  searchEvents(term: $term, tags: $tags, type: $type, category: $category, searchTarget: $searchTarget, beginsOn: $beginsOn,
    endsOn: $endsOn, location: $location, radius: $radius, page: $page, limit: $limit, sortBy: $sortBy) {
    total elements { __typename id title url ... on Event { local visibility } }
  }
}`;
type SearchResult = { searchEvents: { total: number; elements: { title: string; url: string; local: boolean }[] } };

const search = async (variables: Record<string, unknown>, token?: string) => {
  const result = await gql<SearchResult>(t.app, SEARCH, variables, { token });
  expect(result.errors).toBeUndefined();
  return result.data!.searchEvents;
};
const titles = async (variables: Record<string, unknown>) => (await search(variables)).elements.map((e) => e.title);

const PERSONS = `query($term: String, $page: Int, $limit: Int) {
  searchPersons(term: $term, page: $page, limit: $limit) { total elements { id preferredUsername name domain url } }
}`;
type PersonsResult = {
  searchPersons: { total: number; elements: { preferredUsername: string; domain: string | null }[] };
};

async function insertRemote(apId: string, username: string) {
  const { rows } = await t.app.database.pool.query<{ id: string }>(
    `insert into actors (type, preferred_username, domain, name, ap_id, url, inbox_url)
     values ('Person', $1, 'remote.example', $2, $3, $3, $3 || '/inbox') returning id`,
    [username, `Remote ${username}`, apId]
  );
  return Number(rows[0]!.id);
}

beforeAll(async () => {
  t = await createTestApp({ listen: false, workers: false });
  sink = await startRemoteSink();
  organizer = await createUserWithProfile(t.app, { username: 'rose' });
  const make = (title: string, extra: Record<string, unknown> = {}) =>
    t.app.services.events.createEvent(organizer.user.id, {
      organizerActorId: organizer.profile.id,
      title,
      beginsOn: new Date('2034-05-10T10:00:00Z'),
      endsOn: new Date('2034-05-10T12:00:00Z'),
      ...extra
    });
  const bike = await make('Atelier vélo', {
    description: '<p>Réparer ses freins</p>',
    category: 'SPORTS',
    tags: ['Vélo'],
    physicalAddress: { description: 'Place du Capitole', locality: 'Toulouse', geom: '1.4437;43.6045' }
  });
  bikeUrl = bike.url;
  await make('Café des langues', {
    options: { isOnline: true },
    beginsOn: new Date('2034-06-01T18:00:00Z'),
    endsOn: new Date('2034-06-01T20:00:00Z')
  });
  await make('Atelier vélo brouillon', { draft: true });
  await make('Atelier vélo privé', { visibility: 'private' });
  await make('Atelier vélo discret', { visibility: 'unlisted' });
  const past = await make('Atelier vélo passé');
  await t.app.database.pool.query(
    `update events set begins_on = now() - interval '3 days', ends_on = now() - interval '2 days' where id = $1`,
    [past.id]
  );
  // An event from another server, stored here as relays and lookups store them.
  const remoteOrganizer = await insertRemote('https://remote.example/@lea', 'lea');
  await t.app.database.pool.query(
    `insert into events (uuid, ap_id, url, local, title, begins_on, organizer_actor_id, published_at)
     values (gen_random_uuid(), 'https://remote.example/events/1', 'https://remote.example/events/1', false,
             'Atelier vélo à Lyon', '2034-05-20T10:00:00Z', $1, now())`,
    [remoteOrganizer]
  );
  const suspended = await insertRemote('https://remote.example/@spam', 'velospam');
  await t.app.database.pool.query('update actors set suspended = true where id = $1', [suspended]);
  await t.app.database.pool.query(
    `insert into events (uuid, ap_id, url, local, title, begins_on, organizer_actor_id)
     values (gen_random_uuid(), 'https://remote.example/events/2', 'https://remote.example/events/2', false,
             'Atelier vélo suspendu', '2034-05-20T10:00:00Z', $1)`,
    [suspended]
  );
  const person = await createUserWithProfile(t.app, { username: 'searcher' });
  searcher = await clientAs(t.app, person.email, person.password);
});
afterAll(async () => {
  await sink?.close();
  await t?.stop();
});

describe('searchEvents', () => {
  it('finds public, published events not over yet, by words in the title or description, accents aside', async () => {
    expect(await titles({ term: 'velo' })).toEqual(['Atelier vélo', 'Atelier vélo à Lyon']);
    expect(await titles({ term: 'VÉLO atelier' })).toEqual(['Atelier vélo', 'Atelier vélo à Lyon']);
    expect(await titles({ term: 'freins' })).toEqual(['Atelier vélo']);
    expect(await titles({ term: 'pétanque' })).toEqual([]);
    // LIKE wildcards in a term are taken literally.
    expect(await titles({ term: '%' })).toEqual([]);
  });

  it('never lists drafts, private, unlisted or past events, nor those of suspended organizers, even to their organizer', async () => {
    const client = await clientAs(t.app, organizer.email, organizer.password);
    const result = await client.query<SearchResult>(SEARCH, { term: 'vélo', limit: 50 });
    const listed = result.data!.searchEvents.elements.map((e) => e.title);
    expect(listed).toEqual(['Atelier vélo', 'Atelier vélo à Lyon']);
    expect(result.data!.searchEvents.total).toBe(2);
  });

  it('INTERNAL (the default) includes events stored from other servers; SELF only this instance’s', async () => {
    expect(await titles({ term: 'vélo', searchTarget: 'INTERNAL' })).toContain('Atelier vélo à Lyon');
    expect(await titles({ term: 'vélo', searchTarget: 'GLOBAL' })).toContain('Atelier vélo à Lyon');
    expect(await titles({ term: 'vélo', searchTarget: 'SELF' })).toEqual(['Atelier vélo']);
  });

  it('filters by type, category, tags, dates and place', async () => {
    expect(await titles({ type: 'ONLINE' })).toEqual(['Café des langues']);
    expect(await titles({ type: 'IN_PERSON', searchTarget: 'SELF' })).toEqual(['Atelier vélo']);
    expect(await titles({ category: 'SPORTS' })).toEqual(['Atelier vélo']);
    expect(await titles({ tags: 'velo, autre' })).toEqual(['Atelier vélo']);
    expect(await titles({ beginsOn: '2034-05-15T00:00:00Z', endsOn: '2034-05-31T00:00:00Z' })).toEqual([
      'Atelier vélo à Lyon'
    ]);
    // Events not over at beginsOn: the past one is listed when asked from before it.
    expect(await titles({ term: 'passé', beginsOn: '2000-01-01T00:00:00Z' })).toEqual(['Atelier vélo passé']);
    expect(await titles({ location: encodeGeohash(43.6, 1.44), radius: 10 })).toEqual(['Atelier vélo']);
    expect(await titles({ location: encodeGeohash(48.85, 2.35), radius: 10 })).toEqual([]);
  });

  it('sorts by start time', async () => {
    expect(await titles({ sortBy: 'START_TIME_DESC' })).toEqual([
      'Café des langues',
      'Atelier vélo à Lyon',
      'Atelier vélo'
    ]);
  });

  it('pages, and never answers more than the maximum a page', async () => {
    const first = await search({ sortBy: 'START_TIME_ASC', limit: 2, page: 1 });
    const second = await search({ sortBy: 'START_TIME_ASC', limit: 2, page: 2 });
    expect(first.total).toBe(3);
    expect(first.elements.map((e) => e.title)).toEqual(['Atelier vélo', 'Atelier vélo à Lyon']);
    expect(second.elements.map((e) => e.title)).toEqual(['Café des langues']);
    await t.app.database.pool.query(
      `insert into events (uuid, ap_id, url, title, begins_on, organizer_actor_id)
       select gen_random_uuid(), 'http://bulk/' || n, 'http://bulk/' || n, 'Bulk ' || n, '2035-01-01', $1
       from generate_series(1, $2::int) n`,
      [organizer.profile.id, MAX_SEARCH_LIMIT + 5]
    );
    const all = await search({ term: 'bulk', limit: 1000 });
    expect(all.total).toBe(MAX_SEARCH_LIMIT + 5);
    expect(all.elements).toHaveLength(MAX_SEARCH_LIMIT);
  });

  it('answers a pasted address of an event stored here with that event, to anyone', async () => {
    const result = await search({ term: bikeUrl });
    expect(result).toMatchObject({ total: 1, elements: [{ title: 'Atelier vélo', local: true }] });
    expect((await search({ term: 'https://remote.example/events/1' })).elements.map((e) => e.title)).toEqual([
      'Atelier vélo à Lyon'
    ]);
  });
});

describe('a pasted address of another server', () => {
  it('is not fetched for anonymous visitors: they get what is stored here only', async () => {
    sink.serve('/events/unknown', { status: 200, headers: { 'content-type': 'text/html' }, body: '<p>hi</p>' });
    const before = sink.requests.length;
    expect(await search({ term: `${sink.baseUrl}/events/unknown` })).toEqual({ total: 0, elements: [] });
    const persons = await gql<PersonsResult>(t.app, PERSONS, { term: `someone@${sink.host}` });
    expect(persons.data?.searchPersons.total).toBe(0);
    const interact = await gql(t.app, 'query($uri: String!) { interact(uri: $uri) { url } }', {
      uri: `${sink.baseUrl}/events/unknown`
    });
    expect(interact.errors?.[0]?.code).toBe('not_found');
    expect(sink.requests.length).toBe(before);
  });

  it('is fetched for a signed-in person, through the checked fetch; a web page gives nothing, and nothing is stored', async () => {
    const before = sink.requests.length;
    const result = await searcher.query<SearchResult>(SEARCH, { term: `${sink.baseUrl}/events/unknown` });
    expect(result.data?.searchEvents).toEqual({ total: 0, elements: [] });
    const asked = sink.requests.slice(before);
    expect(asked.map((r) => r.url)).toEqual(['/events/unknown']);
    expect(asked[0]!.headers.accept).toContain('application/activity+json');
    const { rows } = await t.app.database.pool.query('select 1 from events where ap_id like $1', [`${sink.baseUrl}%`]);
    expect(rows).toHaveLength(0);
  });

  it('is limited per person: past the limit, the look-up is refused', async () => {
    sink.serve('/nothing', { status: 404, body: 'Not found' });
    const person = await createUserWithProfile(t.app);
    const client = await clientAs(t.app, person.email, person.password);
    const codes: (string | undefined)[] = [];
    for (let i = 0; i < 31; i++) {
      const result = await client.query(SEARCH, { term: `${sink.baseUrl}/nothing` });
      codes.push(result.errors?.[0]?.code);
    }
    expect(codes.slice(0, 30).every((c) => c === undefined)).toBe(true);
    expect(codes[30]).toBe('rate_limited');
  });
});

describe('searchPersons', () => {
  it('finds local and known remote profiles by username, name or handle; never suspended ones', async () => {
    const byName = await gql<PersonsResult>(t.app, PERSONS, { term: 'lea' });
    expect(byName.data?.searchPersons.elements).toEqual([
      expect.objectContaining({ preferredUsername: 'lea', domain: 'remote.example' })
    ]);
    const byHandle = await gql<PersonsResult>(t.app, PERSONS, { term: '@lea@remote.example' });
    expect(byHandle.data?.searchPersons).toMatchObject({ total: 1, elements: [{ preferredUsername: 'lea' }] });
    const local = await gql<PersonsResult>(t.app, PERSONS, { term: 'rose' });
    expect(local.data?.searchPersons.elements.map((p) => p.preferredUsername)).toEqual(['rose']);
    const localHandle = await gql<PersonsResult>(t.app, PERSONS, { term: `rose@${t.app.config.domain}` });
    expect(localHandle.data?.searchPersons.elements.map((p) => p.preferredUsername)).toEqual(['rose']);
    const suspended = await gql<PersonsResult>(t.app, PERSONS, { term: 'velospam' });
    expect(suspended.data?.searchPersons.total).toBe(0);
  });

  it('lists nobody for an empty term, and never exposes an email', async () => {
    const empty = await gql<PersonsResult>(t.app, PERSONS, { term: '' });
    expect(empty.data?.searchPersons).toEqual({ total: 0, elements: [] });
    const withEmail = await gql(t.app, '{ searchPersons(term: "rose") { elements { email } } }');
    expect(withEmail.errors?.[0]?.message).toMatch(/email/);
  });
});

describe('searchGroups and interact', () => {
  it('answers an empty page of groups', async () => {
    const result = await gql(t.app, '{ searchGroups(term: "vélo") { total elements { __typename id } } }');
    expect(result.data).toEqual({ searchGroups: { total: 0, elements: [] } });
  });

  it('interact answers the event, the profile, the comment or nothing for an address', async () => {
    const query = 'query($uri: String!) { interact(uri: $uri) { __typename url ... on Event { title } } }';
    const event = await gql(t.app, query, { uri: bikeUrl });
    expect(event.data).toEqual({ interact: { __typename: 'Event', url: bikeUrl, title: 'Atelier vélo' } });
    const person = await gql(t.app, query, { uri: organizer.profile.apId });
    expect(person.data).toMatchObject({ interact: { __typename: 'Person' } });
    const bike = await t.app.services.queries.events.byApId(bikeUrl);
    const comment = await t.app.services.comments.create(organizer.user.id, {
      eventId: bike!.id,
      actorId: organizer.profile.id,
      text: '<p>On apporte les rustines</p>'
    });
    const commented = await gql(
      t.app,
      `query($uri: String!) { interact(uri: $uri) { __typename url ... on Comment { text } } }`,
      {
        uri: comment.apId
      }
    );
    expect(commented.data).toEqual({
      interact: { __typename: 'Comment', url: comment.url, text: '<p>On apporte les rustines</p>' }
    });
    const words = await gql(t.app, query, { uri: 'not an address' });
    expect(words.errors?.[0]?.code).toBe('validation');
  });
});

describe('the /search page', () => {
  type LoadEvent = Parameters<typeof load>[0];
  interface Loaded {
    term: string;
    lookup: boolean;
    signedIn: boolean;
    problem: string | null;
    events: { total: number; elements: EventHit[] };
    profiles: { total: number; elements: ProfileHit[] };
  }
  const base = () => t.app.config.publicUrl;
  const pageLoad = async (query: string, token?: string) =>
    (await load({
      url: new URL(`${base()}/search?${query}`),
      locals: { accessToken: token },
      cookies: { get: () => undefined, set: () => {}, delete: () => {} },
      parent: async () => ({ user: token ? { id: 'signed-in' } : null }),
      fetch: (path: string | URL | Request, init?: RequestInit) =>
        t.app.handle(new Request(new URL(String(path), base()), init), '198.18.9.9') as Promise<Response>
    } as unknown as LoadEvent)) as Loaded;

  it('lists events (local and from other servers) and profiles, as a GET form without JavaScript sends', async () => {
    const data = await pageLoad('term=v%C3%A9lo');
    expect(data.events.elements.map((e) => [e.title, e.local])).toEqual([
      ['Atelier vélo', true],
      ['Atelier vélo à Lyon', false]
    ]);
    expect(data.events.elements[1]!.url).toBe('https://remote.example/events/1');
    expect((await pageLoad('term=v%C3%A9lo&scope=local')).events.elements.map((e) => e.title)).toEqual([
      'Atelier vélo'
    ]);
    expect((await pageLoad('term=rose')).profiles.elements.map((p) => p.preferredUsername)).toEqual(['rose']);
    expect(await pageLoad('')).toMatchObject({ term: '', events: { total: 0 }, problem: null });
  });

  it('marks a pasted address, and tells anonymous visitors to sign in for other servers', async () => {
    const data = await pageLoad(`term=${encodeURIComponent(`${sink.baseUrl}/events/unknown`)}`);
    expect(data).toMatchObject({ lookup: true, signedIn: false, events: { total: 0 }, profiles: { total: 0 } });
  });

  it('says when the look-ups were too many', async () => {
    const person = await createUserWithProfile(t.app);
    const client = await clientAs(t.app, person.email, person.password);
    for (let i = 0; i < 30; i++) await client.query(SEARCH, { term: `${sink.baseUrl}/nothing` });
    const data = await pageLoad(`term=${encodeURIComponent(`${sink.baseUrl}/nothing`)}`, client.accessToken);
    expect(data.problem).toBe('rateLimited');
  });
});

describe.skipIf(!hasMobilizonCorpus())("Mobilizon's search documents", () => {
  const documents = () => loadMobilizonOperations().filter((op) => op.file === 'search.graphql');

  it('SearchEvents, as the search page and the calendar send them', async () => {
    const [page, calendar] = documents().filter((op) => op.name === 'SearchEvents');
    const found = await gql<{ searchEvents: { total: number; elements: { title: string; __typename: string }[] } }>(
      t.app,
      page!.source,
      { term: 'vélo', eventPage: 1, limit: 10, type: 'IN_PERSON' }
    );
    expect(found.errors).toBeUndefined();
    expect(found.data?.searchEvents.elements.map((e) => [e.title, e.__typename])).toEqual([
      ['Atelier vélo', 'Event'],
      ['Atelier vélo à Lyon', 'Event']
    ]);
    const month = await gql<{ searchEvents: { total: number } }>(t.app, calendar!.source, {
      beginsOn: '2034-05-01T00:00:00Z',
      endsOn: '2034-05-31T23:59:59Z',
      eventPage: 1,
      limit: 10
    });
    expect(month.errors).toBeUndefined();
    expect(month.data?.searchEvents.total).toBe(2);
  });

  it('SearchEventsAndGroups, SearchPersons and Interact', async () => {
    const op = (name: string) => documents().find((o) => o.name === name)!.source;
    const both = await gql<{ searchEvents: { total: number }; searchGroups: { total: number } }>(
      t.app,
      op('SearchEventsAndGroups'),
      { term: 'langues', searchTarget: 'INTERNAL', eventPage: 1, groupPage: 1, limit: 16, sortByEvents: 'MATCH_DESC' }
    );
    expect(both.errors).toBeUndefined();
    expect(both.data).toMatchObject({ searchEvents: { total: 1 }, searchGroups: { total: 0 } });
    const persons = await gql<PersonsResult>(t.app, op('SearchPersons'), { searchText: 'rose', page: 1, limit: 10 });
    expect(persons.data?.searchPersons.elements.map((p) => p.preferredUsername)).toEqual(['rose']);
    const interact = await gql<{ interact: { __typename: string; title: string } }>(t.app, op('Interact'), {
      uri: bikeUrl
    });
    expect(interact.errors).toBeUndefined();
    expect(interact.data?.interact).toMatchObject({ __typename: 'Event', title: 'Atelier vélo' });
  });
});
