import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createUserWithProfile } from '../helpers/factories.ts';
import { clientAs, gql } from '../helpers/graphql.ts';
import { hasMobilizonCorpus, mobilizonOperation } from '../helpers/mobilizon-operations.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ listen: false, workers: false });
});
afterAll(async () => t?.stop());

const LOGIN =
  'mutation($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken refreshToken user { id email role } } }';

describe('accounts slice', () => {
  it('logs in, answers loggedUser, rotates refresh tokens and revokes a reused one', async () => {
    const { email, password } = await createUserWithProfile(t.app);
    const login = await gql<{
      login: { accessToken: string; refreshToken: string; user: { email: string; role: string } };
    }>(t.app, LOGIN, { email, password });
    expect(login.errors).toBeUndefined();
    expect(login.data?.login.user).toMatchObject({ email, role: 'USER' });

    const me = await gql<{ loggedUser: { email: string } }>(
      t.app,
      '{ loggedUser { email } }',
      {},
      { token: login.data!.login.accessToken }
    );
    expect(me.data?.loggedUser.email).toBe(email);

    const first = login.data!.login.refreshToken;
    const refreshed = await gql<{ refreshToken: { accessToken: string; refreshToken: string } }>(
      t.app,
      'mutation($t: String!) { refreshToken(refreshToken: $t) { accessToken refreshToken } }',
      { t: first }
    );
    expect(refreshed.data?.refreshToken.refreshToken).toBeTruthy();
    expect(refreshed.data?.refreshToken.refreshToken).not.toBe(first);

    // Reusing the first token is theft: it fails and revokes the new one too.
    const reuse = await gql(t.app, 'mutation($t: String!) { refreshToken(refreshToken: $t) { accessToken } }', {
      t: first
    });
    expect(reuse.errors?.[0]).toMatchObject({ code: 'unauthenticated', status_code: 401 });
    const second = await gql(t.app, 'mutation($t: String!) { refreshToken(refreshToken: $t) { accessToken } }', {
      t: refreshed.data!.refreshToken.refreshToken
    });
    expect(second.errors?.[0]?.code).toBe('unauthenticated');
  });

  it('refuses wrong credentials with the same message for unknown emails', async () => {
    const { email } = await createUserWithProfile(t.app);
    const wrong = await gql(t.app, LOGIN, { email, password: 'not the password' });
    const unknown = await gql(t.app, LOGIN, { email: 'nobody@example.org', password: 'whatever password' });
    expect(wrong.errors?.[0]).toMatchObject({ code: 'unauthenticated', status_code: 401 });
    expect(unknown.errors?.[0]?.message).toBe(wrong.errors?.[0]?.message);
  });

  it('answers HTTP 401 to a bad token and asks for sign-in without one', async () => {
    const bad = await gql(t.app, '{ loggedUser { id } }', {}, { token: 'not-a-token' });
    expect(bad.status).toBe(401);
    const anonymous = await gql(t.app, '{ loggedUser { id } }');
    expect(anonymous.status).toBe(200);
    expect(anonymous.errors?.[0]).toMatchObject({ code: 'unauthenticated', status_code: 401, field: null });
  });

  it('creates profiles with validated, unique usernames', async () => {
    const { email, password } = await createUserWithProfile(t.app);
    const client = await clientAs(t.app, email, password);
    const create =
      'mutation($u: String!) { createPerson(preferredUsername: $u, name: "Second") { id preferredUsername } }';
    const ok = await client.query<{ createPerson: { preferredUsername: string } }>(create, { u: 'second_profile' });
    expect(ok.data?.createPerson.preferredUsername).toBe('second_profile');
    const taken = await client.query(create, { u: 'second_profile' });
    expect(taken.errors?.[0]).toMatchObject({ field: 'preferredUsername', status_code: 409 });
    const invalid = await client.query(create, { u: 'Not Valid!' });
    expect(invalid.errors?.[0]).toMatchObject({ code: 'validation', field: 'preferredUsername' });
    const reserved = await client.query(create, { u: 'relay' });
    expect(reserved.errors?.[0]?.message).toMatch(/reserved/);
    const ids = await client.query<{ identities: { preferredUsername: string }[] }>(
      '{ identities { preferredUsername } }'
    );
    expect(ids.data?.identities.map((i) => i.preferredUsername)).toContain('second_profile');
  });
});

describe('GraphiQL', () => {
  it('is served to a browser on GET /api', async () => {
    const response = await t.app.handle(new Request(`${t.baseUrl}/api`, { headers: { accept: 'text/html' } }));
    expect(response?.status).toBe(200);
    expect(response?.headers.get('content-type')).toContain('text/html');
    const html = await response!.text();
    expect(html).toMatch(/graphiql/i);
    // Self-hosted: nothing is loaded from a CDN.
    expect(html).not.toMatch(/unpkg\.com|jsdelivr|cdnjs/);
  });
});

describe('events slice', () => {
  const CREATE = `mutation($org: ID!, $title: String!, $begins: DateTime!, $ends: DateTime, $tz: Timezone, $place: AddressInput) {
    createEvent(organizerActorId: $org, title: $title, description: "<p>Bring <script>alert(1)</script>snacks</p>", beginsOn: $begins, endsOn: $ends, physicalAddress: $place, options: { timezone: $tz }) {
      uuid title description beginsOn endsOn options { timezone } physicalAddress { locality geom } organizerActor { preferredUsername }
    } }`;

  it('creates an event with a zone and a place, sanitizes its description and finds it by uuid', async () => {
    const { email, password, profile } = await createUserWithProfile(t.app);
    const client = await clientAs(t.app, email, password);
    const created = await client.query<{
      createEvent: { uuid: string; description: string; options: { timezone: string } };
    }>(CREATE, {
      org: profile.id,
      title: 'Climate march',
      begins: '2026-03-14T14:00:00+01:00',
      ends: '2026-03-14T17:00:00+01:00',
      tz: 'Europe/Paris',
      place: { description: 'Place de la République', locality: 'Paris', country: 'France', geom: '2.3631;48.8674' }
    });
    expect(created.errors).toBeUndefined();
    const event = created.data!.createEvent;
    expect(event.description).toBe('<p>Bring snacks</p>');
    expect(event.options.timezone).toBe('Europe/Paris');
    const fetched = await gql<{ event: Record<string, unknown> }>(
      t.app,
      'query($u: UUID!) { event(uuid: $u) { title beginsOn physicalAddress { locality geom } organizerActor { preferredUsername } } }',
      { u: event.uuid }
    );
    expect(fetched.data?.event).toEqual({
      title: 'Climate march',
      beginsOn: '2026-03-14T13:00:00.000Z',
      physicalAddress: { locality: 'Paris', geom: '2.3631;48.8674' },
      organizerActor: { preferredUsername: profile.preferredUsername }
    });
  });

  it('refuses bad input and changes nothing', async () => {
    const { email, password, profile } = await createUserWithProfile(t.app);
    const client = await clientAs(t.app, email, password);
    const before = await t.app.services.queries.events.countLocalEvents();
    const endsFirst = await client.query(CREATE, {
      org: profile.id,
      title: 'Backwards',
      begins: '2026-03-14T14:00:00Z',
      ends: '2026-03-14T13:00:00Z'
    });
    expect(endsFirst.errors?.[0]).toMatchObject({ code: 'validation', field: 'endsOn' });
    const badZone = await client.query(CREATE, {
      org: profile.id,
      title: 'Zone',
      begins: '2026-03-14T14:00:00Z',
      tz: 'Mars/Olympus'
    });
    expect(badZone.errors?.[0]?.message).toMatch(/time zone/i);
    const other = await createUserWithProfile(t.app);
    const notMine = await client.query(CREATE, {
      org: other.profile.id,
      title: 'Impersonation',
      begins: '2026-03-14T14:00:00Z'
    });
    expect(notMine.errors?.[0]).toMatchObject({ code: 'unauthorized', status_code: 403, field: 'organizerActorId' });
    const anonymous = await gql(t.app, CREATE, { org: profile.id, title: 'Anonymous', begins: '2026-03-14T14:00:00Z' });
    expect(anonymous.errors?.[0]).toMatchObject({ code: 'unauthenticated' });
    expect(await t.app.services.queries.events.countLocalEvents()).toBe(before);
  });

  it('answers not found for an unknown event', async () => {
    const missing = await gql(t.app, 'query($u: UUID!) { event(uuid: $u) { title } }', {
      u: '00000000-0000-4000-8000-000000000000'
    });
    expect(missing.errors?.[0]).toMatchObject({ code: 'not_found', status_code: 404 });
  });
});

describe.skipIf(!hasMobilizonCorpus())("Mobilizon's own client documents", () => {
  it('runs Login, Identities, CreatePerson, createEvent and FetchEvent', async () => {
    const { email, password } = await createUserWithProfile(t.app);
    const login = await gql<{ login: { accessToken: string; user: { role: string } } }>(
      t.app,
      mobilizonOperation('Login').source,
      { email, password }
    );
    expect(login.errors).toBeUndefined();
    const token = login.data!.login.accessToken;

    const person = await gql<{ createPerson: { id: string; preferredUsername: string; type: string } }>(
      t.app,
      mobilizonOperation('CreatePerson').source,
      { preferredUsername: 'from_client', name: 'From the client' },
      { token }
    );
    expect(person.errors).toBeUndefined();
    expect(person.data?.createPerson).toMatchObject({ preferredUsername: 'from_client', type: 'PERSON' });

    const identities = await gql<{ loggedUser: { actors: { preferredUsername: string }[] } }>(
      t.app,
      mobilizonOperation('Identities').source,
      {},
      { token }
    );
    expect(identities.errors).toBeUndefined();
    expect(identities.data?.loggedUser.actors.map((a) => a.preferredUsername)).toContain('from_client');

    const created = await gql<{ createEvent: { uuid: string; title: string } }>(
      t.app,
      mobilizonOperation('createEvent').source,
      {
        organizerActorId: person.data!.createPerson.id,
        title: 'Neighbourhood picnic',
        description: '<p>In the park</p>',
        beginsOn: '2026-06-20T10:00:00Z',
        endsOn: '2026-06-20T14:00:00Z',
        status: 'CONFIRMED',
        visibility: 'PUBLIC',
        joinOptions: 'FREE',
        draft: false,
        tags: [],
        onlineAddress: '',
        phoneAddress: '',
        category: 'MEETING',
        physicalAddress: { description: 'Parc des Buttes-Chaumont', locality: 'Paris', country: 'France' },
        options: { timezone: 'Europe/Paris', showStartTime: true, showEndTime: true },
        contacts: [],
        metadata: []
      },
      { token }
    );
    expect(created.errors).toBeUndefined();

    const fetched = await gql<{ event: Record<string, unknown> }>(t.app, mobilizonOperation('FetchEvent').source, {
      uuid: created.data!.createEvent.uuid
    });
    expect(fetched.errors).toBeUndefined();
    expect(fetched.data?.event).toMatchObject({
      title: 'Neighbourhood picnic',
      status: 'CONFIRMED',
      visibility: 'PUBLIC',
      joinOptions: 'FREE',
      category: 'MEETING',
      options: { timezone: 'Europe/Paris' },
      physicalAddress: { locality: 'Paris' },
      organizerActor: { preferredUsername: 'from_client' }
    });
  });
});
