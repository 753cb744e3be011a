import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createUserWithProfile } from '../helpers/factories.ts';
import { clientAs, gql } from '../helpers/graphql.ts';
import { hasMobilizonCorpus, mobilizonOperation } from '../helpers/mobilizon-operations.ts';

const CREATE = 'mutation($actorId: ID) { createFeedToken(actorId: $actorId) { token actor { id } user { id } } }';
const DELETE = 'mutation($token: String!) { deleteFeedToken(token: $token) { user { id } actor { id } } }';
const MY_TOKENS = '{ loggedUser { id feedTokens { token actor { id } user { id } } } }';
const PERSON_TOKENS = 'query($u: String!) { fetchPerson(preferredUsername: $u) { id feedTokens { token } } }';

interface Token {
  token: string;
  actor: { id: string } | null;
  user: { id: string } | null;
}

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ listen: false, workers: false });
});
afterAll(async () => t?.stop());

async function someone() {
  const made = await createUserWithProfile(t.app);
  const me = await clientAs(t.app, made.email, made.password);
  return { ...made, me };
}

const tokenCount = async (userId: number) =>
  (await t.app.database.pool.query('select count(*)::int as n from feed_tokens where user_id = $1', [userId])).rows[0]
    .n as number;

describe('createFeedToken', () => {
  it('creates an unguessable, URL-safe token for the account or for one of its profiles', async () => {
    const { me, profile, user } = await someone();
    const account = await me.query<{ createFeedToken: Token }>(CREATE);
    expect(account.errors).toBeUndefined();
    expect(account.data?.createFeedToken).toMatchObject({ actor: null, user: { id: String(user.id) } });
    const token = account.data!.createFeedToken.token;
    expect(token).toMatch(/^[2-9A-HJ-NP-Za-km-z]{22}$/);

    const mine = await me.query<{ createFeedToken: Token }>(CREATE, { actorId: String(profile.id) });
    expect(mine.errors).toBeUndefined();
    expect(mine.data?.createFeedToken.actor).toEqual({ id: String(profile.id) });
    expect(mine.data?.createFeedToken.token).not.toBe(token);

    const many = new Set<string>();
    for (let i = 0; i < 20; i++)
      many.add((await me.query<{ createFeedToken: Token }>(CREATE)).data!.createFeedToken.token);
    expect(many.size).toBe(20);
  });

  it("refuses someone else's profile and creates nothing", async () => {
    const { me, user } = await someone();
    const other = await someone();
    const res = await me.query<{ createFeedToken: Token | null }>(CREATE, { actorId: String(other.profile.id) });
    expect(res.errors?.[0]).toMatchObject({ code: 'unauthorized', status_code: 403, field: 'actorId' });
    expect(res.data?.createFeedToken ?? null).toBeNull();
    const unknown = await me.query(CREATE, { actorId: '999999999' });
    expect(unknown.errors?.[0]?.code).toBe('unauthorized');
    expect(await tokenCount(user.id)).toBe(0);
    expect(await tokenCount(other.user.id)).toBe(0);
  });

  it('needs a signed-in user', async () => {
    const res = await gql(t.app, CREATE);
    expect(res.errors?.[0]?.code).toBe('unauthenticated');
  });
});

describe('feed token lists', () => {
  it("User.feedTokens lists the account's tokens; Person.feedTokens the profile's, to its owner only", async () => {
    const { me, profile } = await someone();
    const accountToken = (await me.query<{ createFeedToken: Token }>(CREATE)).data!.createFeedToken.token;
    const profileToken = (await me.query<{ createFeedToken: Token }>(CREATE, { actorId: String(profile.id) })).data!
      .createFeedToken.token;

    const mine = await me.query<{ loggedUser: { feedTokens: Token[] } }>(MY_TOKENS);
    expect(mine.errors).toBeUndefined();
    expect(mine.data?.loggedUser.feedTokens.map((f) => f.token)).toEqual([accountToken, profileToken]);

    const own = await me.query<{ fetchPerson: { feedTokens: { token: string }[] | null } }>(PERSON_TOKENS, {
      u: profile.preferredUsername
    });
    expect(own.errors).toBeUndefined();
    expect(own.data?.fetchPerson.feedTokens).toEqual([{ token: profileToken }]);

    const stranger = await someone();
    const seen = await stranger.me.query<{ fetchPerson: { id: string; feedTokens: unknown } }>(PERSON_TOKENS, {
      u: profile.preferredUsername
    });
    expect(seen.data?.fetchPerson.id).toBe(String(profile.id));
    expect(seen.data?.fetchPerson.feedTokens).toBeNull();
    const anonymous = await gql<{ fetchPerson: { id: string; feedTokens: unknown } }>(t.app, PERSON_TOKENS, {
      u: profile.preferredUsername
    });
    expect(anonymous.data?.fetchPerson.id).toBe(String(profile.id));
    expect(anonymous.data?.fetchPerson.feedTokens).toBeNull();
    expect(JSON.stringify([seen.raw, anonymous.raw])).not.toContain(profileToken);
  });
});

describe('deleteFeedToken', () => {
  it("deletes one's own token, and refuses someone else's or an unknown one", async () => {
    const { me, user, profile } = await someone();
    const token = (await me.query<{ createFeedToken: Token }>(CREATE, { actorId: String(profile.id) })).data!
      .createFeedToken.token;
    const other = await someone();
    const refused = await other.me.query(DELETE, { token });
    expect(refused.errors?.[0]?.code).toBe('not_found');
    expect(await tokenCount(user.id)).toBe(1);

    const deleted = await me.query<{ deleteFeedToken: { user: { id: string }; actor: { id: string } | null } }>(
      DELETE,
      { token }
    );
    expect(deleted.errors).toBeUndefined();
    expect(deleted.data?.deleteFeedToken).toEqual({ user: { id: String(user.id) }, actor: { id: String(profile.id) } });
    expect(await tokenCount(user.id)).toBe(0);

    const again = await me.query(DELETE, { token });
    expect(again.errors?.[0]?.code).toBe('not_found');
  });
});

describe.skipIf(!hasMobilizonCorpus())("feed tokens with Mobilizon's client documents", () => {
  const op = (name: string) => mobilizonOperation(name).source;

  it('runs CreateFeedToken, createFeedToken, FeedTokensLoggedUser, FetchPerson and DeleteFeedToken', async () => {
    const { me, user, profile } = await someone();
    const created = await me.query<{ createFeedToken: Token }>(op('CreateFeedToken'), {}, 'CreateFeedToken');
    expect(created.errors).toBeUndefined();
    expect(created.data?.createFeedToken).toMatchObject({ actor: null, user: { id: String(user.id) } });

    const forProfile = await me.query<{ createFeedToken: Token }>(
      op('createFeedToken'),
      { actor_id: String(profile.id) },
      'createFeedToken'
    );
    expect(forProfile.errors).toBeUndefined();
    expect(forProfile.data?.createFeedToken.actor).toEqual({ id: String(profile.id) });

    const listed = await me.query<{ loggedUser: { id: string; feedTokens: Token[] } }>(
      op('FeedTokensLoggedUser'),
      {},
      'FeedTokensLoggedUser'
    );
    expect(listed.errors).toBeUndefined();
    expect(listed.data?.loggedUser.feedTokens).toEqual([
      { token: created.data!.createFeedToken.token, actor: null },
      { token: forProfile.data!.createFeedToken.token, actor: { id: String(profile.id) } }
    ]);

    const person = await me.query<{ fetchPerson: { id: string; feedTokens: { token: string }[] } }>(
      op('FetchPerson'),
      { username: profile.preferredUsername },
      'FetchPerson'
    );
    expect(person.errors).toBeUndefined();
    expect(person.data?.fetchPerson.feedTokens).toEqual([{ token: forProfile.data!.createFeedToken.token }]);
    const anonymous = await gql<{ fetchPerson: { feedTokens: unknown } }>(
      t.app,
      op('FetchPerson'),
      { username: profile.preferredUsername },
      { operationName: 'FetchPerson' }
    );
    expect(anonymous.errors).toBeUndefined();
    expect(anonymous.data?.fetchPerson.feedTokens).toBeNull();

    const deleted = await me.query<{ deleteFeedToken: { actor: { id: string } | null; user: { id: string } } }>(
      op('DeleteFeedToken'),
      { token: forProfile.data!.createFeedToken.token },
      'DeleteFeedToken'
    );
    expect(deleted.errors).toBeUndefined();
    expect(deleted.data?.deleteFeedToken).toEqual({ actor: { id: String(profile.id) }, user: { id: String(user.id) } });
    expect(await tokenCount(user.id)).toBe(1);
  });
});
