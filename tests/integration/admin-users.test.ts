import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { clientAs, gql } from '../helpers/graphql.ts';
import { createUserWithProfile } from '../helpers/factories.ts';
import { hasMobilizonCorpus, mobilizonOperation } from '../helpers/mobilizon-operations.ts';

const LIST = `query($email: String, $ip: String, $page: Int, $limit: Int, $direction: SortDirection) {
  users(email: $email, currentSignInIp: $ip, page: $page, limit: $limit, sort: ID, direction: $direction) {
    total
    elements { id email disabled actors { id preferredUsername } settings { timezone } }
  }
}`;
const GET = `query($id: ID!) {
  user(id: $id) {
    id email role locale confirmedAt confirmationSentAt lastSignInAt currentSignInAt currentSignInIp
    lastSignInIp disabled mediaSize defaultActor { id } actors { id preferredUsername }
  }
}`;

interface Listed {
  id: string;
  email: string;
  disabled: boolean;
  actors: { id: string; preferredUsername: string }[];
  settings: { timezone: string | null } | null;
}
type Client = Awaited<ReturnType<typeof clientAs>>;

let t: TestApp;
let admin: Client;
let moderator: Client;
let plain: Client;
const people: Awaited<ReturnType<typeof createUserWithProfile>>[] = [];

async function withRole(role: 'moderator' | 'administrator') {
  const account = await createUserWithProfile(t.app);
  await t.app.services.accountAdmin.modify(account.email, { role });
  return clientAs(t.app, account.email, account.password);
}

beforeAll(async () => {
  t = await createTestApp({ listen: false, workers: false });
  admin = await withRole('administrator');
  moderator = await withRole('moderator');
  const someone = await createUserWithProfile(t.app);
  plain = await clientAs(t.app, someone.email, someone.password);
  for (let i = 0; i < 3; i++) {
    const person = await createUserWithProfile(t.app, { email: `listed${i}@crowd.example` });
    await t.app.services.actors.createPerson(person.user.id, { preferredUsername: `second${i}`, name: 'Second' });
    people.push(person);
  }
});
afterAll(async () => t?.stop());

describe('users (moderators and administrators)', () => {
  it('list accounts newest first with the total, filtered by part of the email, page by page', async () => {
    const all = await moderator.query<{ users: { total: number; elements: Listed[] } }>(LIST, {});
    expect(all.errors).toBeUndefined();
    expect(all.data?.users.total).toBe(6);
    const ids = all.data!.users.elements.map((u) => Number(u.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));

    const crowd = await admin.query<{ users: { total: number; elements: Listed[] } }>(LIST, {
      email: 'CROWD.example',
      limit: 2,
      page: 1,
      direction: 'ASC'
    });
    expect(crowd.data?.users.total).toBe(3);
    expect(crowd.data?.users.elements.map((u) => u.email)).toEqual(['listed0@crowd.example', 'listed1@crowd.example']);
    const second = await admin.query<{ users: { total: number; elements: Listed[] } }>(LIST, {
      email: 'crowd.example',
      limit: 2,
      page: 2,
      direction: 'ASC'
    });
    expect(second.data?.users.elements.map((u) => u.email)).toEqual(['listed2@crowd.example']);
    // Every profile of each account, and the settings a moderator may read.
    expect(crowd.data?.users.elements[0]?.actors.map((a) => a.preferredUsername)).toEqual([
      people[0]!.profile.preferredUsername,
      'second0'
    ]);
    expect(crowd.data?.users.elements[0]?.settings).toEqual({ timezone: null });
  });

  it('treat % and _ in the email filter as plain characters', async () => {
    const res = await admin.query<{ users: { total: number } }>(LIST, { email: '%' });
    expect(res.data?.users.total).toBe(0);
  });

  it('match nobody by sign-in address (none are kept)', async () => {
    const res = await admin.query<{ users: { total: number; elements: Listed[] } }>(LIST, { ip: '127.0.0.1' });
    expect(res.data?.users).toEqual({ total: 0, elements: [] });
  });

  it("load every listed account's profiles and settings in one query each", async () => {
    const spy = vi.spyOn(t.app.services.queries.users, 'profilesOfUsers');
    const settings = vi.spyOn(t.app.services.settings, 'ofUsers');
    try {
      const res = await admin.query<{ users: { elements: Listed[] } }>(LIST, { limit: 10 });
      expect(res.data?.users.elements.length).toBe(6);
      expect(spy).toHaveBeenCalledTimes(1);
      // The caller's own profiles come from the request's identities, already loaded.
      expect(spy.mock.calls[0]?.[0]).toHaveLength(5);
      expect(spy.mock.calls[0]?.[0]).not.toContain(Number(admin.userId));
      expect(settings).toHaveBeenCalledTimes(1);
      expect(settings.mock.calls[0]?.[0]).toHaveLength(5);
    } finally {
      spy.mockRestore();
      settings.mockRestore();
    }
  });

  it('get one account by id', async () => {
    const target = people[1]!;
    await gql(t.app, 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }', {
      e: target.email,
      p: target.password
    });
    const res = await moderator.query<{ user: Record<string, unknown> }>(GET, { id: String(target.user.id) });
    expect(res.errors).toBeUndefined();
    expect(res.data?.user).toMatchObject({
      id: String(target.user.id),
      email: target.email,
      role: 'USER',
      locale: 'en',
      disabled: false,
      currentSignInIp: null,
      lastSignInIp: null,
      mediaSize: 0
    });
    expect(res.data?.user.confirmedAt).toBeTruthy();
    expect(res.data?.user.currentSignInAt).toBeTruthy();
    expect((res.data?.user.actors as unknown[]).length).toBe(2);
    const missing = await admin.query(GET, { id: '999999' });
    expect(missing.errors?.[0]).toMatchObject({ code: 'not_found', status_code: 404 });
  });

  it('refuse other users (403 unauthorized) and anonymous callers (401 unauthenticated)', async () => {
    const list = await plain.query(LIST, {});
    expect(list.data?.users ?? null).toBeNull();
    expect(list.errors?.[0]).toMatchObject({ code: 'unauthorized', status_code: 403 });
    const one = await plain.query(GET, { id: String(people[0]!.user.id) });
    expect(one.errors?.[0]).toMatchObject({ code: 'unauthorized', status_code: 403 });
    const anonymous = await gql(t.app, LIST, {});
    expect(anonymous.errors?.[0]).toMatchObject({ code: 'unauthenticated', status_code: 401 });
    expect((await gql(t.app, GET, { id: '1' })).errors?.[0]?.code).toBe('unauthenticated');
  });

  it("hide another user's settings from non-moderators", async () => {
    // A user reaches other accounts only through these admin fields; their own settings stay readable.
    const me = await plain.query<{ loggedUser: { settings: { timezone: string | null } | null } }>(
      '{ loggedUser { settings { timezone } } }'
    );
    expect(me.data?.loggedUser.settings).toEqual({ timezone: null });
  });
});

describe.skipIf(!hasMobilizonCorpus())("users with Mobilizon's client documents", () => {
  it('ListUsers, with the variables the admin page sends', async () => {
    const res = await admin.query<{ users: { total: number; elements: (Listed & { currentSignInIp: null })[] } }>(
      mobilizonOperation('ListUsers').source,
      { email: 'listed1', currentSignInIp: null, page: 1, limit: 10, sort: 'ID', direction: 'DESC' }
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.users.total).toBe(1);
    expect(res.data?.users.elements[0]).toMatchObject({
      email: 'listed1@crowd.example',
      currentSignInIp: null,
      disabled: false,
      settings: { timezone: null }
    });
    expect(res.data?.users.elements[0]?.actors).toHaveLength(2);
    const refused = await plain.query(mobilizonOperation('ListUsers').source, { page: 1, limit: 10 });
    expect(refused.errors?.[0]).toMatchObject({ code: 'unauthorized', status_code: 403 });
  });
});
