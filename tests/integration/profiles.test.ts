import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { clientAs, gql } from '../helpers/graphql.ts';
import { createUserWithProfile } from '../helpers/factories.ts';
import { hasMobilizonCorpus, mobilizonOperation } from '../helpers/mobilizon-operations.ts';

const UPDATE =
  'mutation($id: ID!, $name: String, $summary: String, $avatar: MediaInput) { updatePerson(id: $id, name: $name, summary: $summary, avatar: $avatar) { id name summary } }';
const DELETE = 'mutation($id: ID!) { deletePerson(id: $id) { id preferredUsername } }';
const CHANGE_DEFAULT =
  'mutation($u: String!) { changeDefaultActor(preferredUsername: $u) { id defaultActor { id preferredUsername } } }';
const CREATE = 'mutation($u: String!) { createPerson(preferredUsername: $u) { id preferredUsername } }';
const IDENTITIES = '{ identities { id preferredUsername } }';
const DEFAULT = '{ loggedUser { defaultActor { id } } }';
const PERSON = 'query($id: ID!) { person(id: $id) { id preferredUsername name } }';
const FETCH = 'query($u: String!) { fetchPerson(preferredUsername: $u) { id preferredUsername name summary url } }';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ listen: false, workers: false });
});
afterAll(async () => t?.stop());

/** A signed-in user with two profiles; the first is the default. */
async function twoProfiles() {
  const owner = await createUserWithProfile(t.app);
  const second = await t.app.services.actors.createPerson(owner.user.id, {
    preferredUsername: `alt_${owner.profile.id}_z`,
    name: 'Second face',
    summary: 'Another side'
  });
  const me = await clientAs(t.app, owner.email, owner.password);
  return { ...owner, second, me };
}

describe('updatePerson', () => {
  it('updates name and summary, and moves updatedAt', async () => {
    const { profile, me } = await twoProfiles();
    const res = await me.query<{ updatePerson: { name: string; summary: string } }>(UPDATE, {
      id: String(profile.id),
      name: 'New name',
      summary: 'New summary'
    });
    expect(res.errors).toBeUndefined();
    expect(res.data?.updatePerson).toMatchObject({ name: 'New name', summary: 'New summary' });
    const after = await t.app.services.queries.actors.byId(profile.id);
    expect(after!.updatedAt.getTime()).toBeGreaterThan(profile.updatedAt.getTime());
    expect(after!.name).toBe('New name');
  });

  it('refuses other people, anonymous callers and unknown pictures', async () => {
    const { profile } = await twoProfiles();
    const stranger = await createUserWithProfile(t.app);
    const them = await clientAs(t.app, stranger.email, stranger.password);
    expect((await them.query(UPDATE, { id: String(profile.id), name: 'Hijacked' })).errors?.[0]?.code).toBe(
      'not_found'
    );
    expect((await gql(t.app, UPDATE, { id: String(profile.id), name: 'Anon' })).errors?.[0]?.code).toBe(
      'unauthenticated'
    );
    const own = await clientAs(t.app, stranger.email, stranger.password);
    // a picture that does not exist (tests/integration/media.test.ts covers other people's)
    const avatar = await own.query(UPDATE, { id: String(stranger.profile.id), avatar: { mediaId: '999999' } });
    expect(avatar.errors?.[0]).toMatchObject({ code: 'not_found', field: 'avatar' });
    expect((await t.app.services.queries.actors.byId(profile.id))!.name).toBe('Test Person');
  });
});

describe('deletePerson', () => {
  it('tombstones a profile and makes the oldest remaining one the default', async () => {
    const { profile, second, me } = await twoProfiles();
    const res = await me.query<{ deletePerson: { preferredUsername: string } }>(DELETE, { id: String(profile.id) });
    expect(res.errors).toBeUndefined();
    expect(res.data?.deletePerson.preferredUsername).toBe(profile.preferredUsername);
    const ids = await me.query<{ identities: { id: string }[] }>(IDENTITIES);
    expect(ids.data?.identities.map((i) => i.id)).toEqual([String(second.id)]);
    expect(
      (await me.query<{ loggedUser: { defaultActor: { id: string } } }>(DEFAULT)).data?.loggedUser.defaultActor.id
    ).toBe(String(second.id));
    const row = await t.app.services.queries.actors.byId(profile.id);
    expect(row).toMatchObject({ name: null, summary: null, userId: null });
    // The keys sign the federated Delete first (a job; tests/federation/delete-profile.test.ts).
    const { rows } = await t.app.database.pool.query(
      "select count(*)::int as n from domain_events where type = 'PersonDeleted' and (payload->>'actorId')::bigint = $1",
      [profile.id]
    );
    expect(rows[0].n).toBe(1);
    expect(row!.deletedAt).toBeInstanceOf(Date);
    expect(await t.app.services.queries.actors.localByUsername(profile.preferredUsername)).toBeUndefined();
    const gone = await t.app.handle(
      new Request(`${t.baseUrl}/@${profile.preferredUsername}`, { headers: { accept: 'application/activity+json' } })
    );
    expect(gone?.status).toBe(410);
    expect(await gone?.json()).toMatchObject({ type: 'Tombstone', formerType: 'Person' });

    // the username stays taken
    const reuse = await me.query(CREATE, { u: profile.preferredUsername });
    expect(reuse.errors?.[0]).toMatchObject({ field: 'preferredUsername' });
  });

  it('never deletes the last profile, nor someone else’s', async () => {
    const { profile, second, me } = await twoProfiles();
    const stranger = await createUserWithProfile(t.app);
    const them = await clientAs(t.app, stranger.email, stranger.password);
    expect((await them.query(DELETE, { id: String(profile.id) })).errors?.[0]?.code).toBe('not_found');
    expect((await gql(t.app, DELETE, { id: String(profile.id) })).errors?.[0]?.code).toBe('unauthenticated');
    expect((await me.query(DELETE, { id: String(second.id) })).errors).toBeUndefined();
    const last = await me.query(DELETE, { id: String(profile.id) });
    expect(last.errors?.[0]).toMatchObject({ code: 'unauthorized', field: 'id' });
  });
});

describe('changeDefaultActor, person and identities', () => {
  it('switches the default profile to one of the user’s own', async () => {
    const { second, me, profile } = await twoProfiles();
    const res = await me.query<{ changeDefaultActor: { defaultActor: { id: string } } }>(CHANGE_DEFAULT, {
      u: second.preferredUsername
    });
    expect(res.errors).toBeUndefined();
    expect(res.data?.changeDefaultActor.defaultActor.id).toBe(String(second.id));
    const stranger = await createUserWithProfile(t.app);
    const refused = await me.query(CHANGE_DEFAULT, { u: stranger.profile.preferredUsername });
    expect(refused.errors?.[0]).toMatchObject({ code: 'not_found', field: 'preferredUsername' });
    expect((await gql(t.app, CHANGE_DEFAULT, { u: profile.preferredUsername })).errors?.[0]?.code).toBe(
      'unauthenticated'
    );
  });

  it('shows person(id) to its owner only', async () => {
    const { second, me } = await twoProfiles();
    const own = await me.query<{ person: { preferredUsername: string } }>(PERSON, { id: String(second.id) });
    expect(own.data?.person.preferredUsername).toBe(second.preferredUsername);
    const stranger = await createUserWithProfile(t.app);
    const them = await clientAs(t.app, stranger.email, stranger.password);
    expect((await them.query(PERSON, { id: String(second.id) })).errors?.[0]?.code).toBe('not_found');
    expect((await gql(t.app, PERSON, { id: String(second.id) })).errors?.[0]?.code).toBe('unauthenticated');
  });
});

describe('privacy: nothing public links two profiles of one account', () => {
  it('neither the actor document, WebFinger nor fetchPerson reveals the other profile, the user or the email', async () => {
    const { profile, second, me, email, user } = await twoProfiles();
    const stranger = await createUserWithProfile(t.app);
    const them = await clientAs(t.app, stranger.email, stranger.password);
    const host = new URL(t.baseUrl).host;
    const pairs = [
      [profile, second],
      [second, profile]
    ] as const;
    for (const [shown, hidden] of pairs) {
      const bodies: string[] = [];
      const actorDoc = await t.app.handle(
        new Request(`${t.baseUrl}/@${shown.preferredUsername}`, { headers: { accept: 'application/activity+json' } })
      );
      expect(actorDoc?.status).toBe(200);
      bodies.push(await actorDoc!.text());
      const webfinger = await t.app.handle(
        new Request(`${t.baseUrl}/.well-known/webfinger?resource=acct:${shown.preferredUsername}@${host}`, {
          headers: { accept: 'application/jrd+json' }
        })
      );
      expect(webfinger?.status).toBe(200);
      bodies.push(await webfinger!.text());
      for (const res of [
        await gql(t.app, FETCH, { u: shown.preferredUsername }),
        await them.query(FETCH, { u: shown.preferredUsername })
      ]) {
        expect(res.errors).toBeUndefined();
        bodies.push(JSON.stringify(res.data));
      }
      expect(bodies.join('\n')).toContain(shown.preferredUsername);
      for (const body of bodies) {
        expect(body).not.toContain(hidden.preferredUsername);
        expect(body).not.toContain(`/@${hidden.preferredUsername}`);
        expect(body.toLowerCase()).not.toContain(email.toLowerCase());
        expect(body).not.toMatch(new RegExp(`"(user_?id|userId)"\\s*:\\s*"?${user.id}\\b`));
      }
    }
    // the owner still sees both
    const ids = await me.query<{ identities: { id: string }[] }>(IDENTITIES);
    expect(ids.data?.identities.map((i) => i.id)).toEqual([String(profile.id), String(second.id)]);
  });
});

describe.skipIf(!hasMobilizonCorpus())("profiles with Mobilizon's client documents", () => {
  const op = (name: string) => mobilizonOperation(name).source;
  it('runs Identities, UpdatePerson, ChangeDefaultActor and DeletePerson', async () => {
    const { profile, second, me } = await twoProfiles();
    const identities = await me.query<{ loggedUser: { actors: { id: string }[] } }>(op('Identities'));
    expect(identities.errors).toBeUndefined();
    expect(identities.data?.loggedUser.actors).toHaveLength(2);
    const updated = await me.query<{ updatePerson: { name: string } }>(op('UpdatePerson'), {
      id: String(second.id),
      name: 'Renamed'
    });
    expect(updated.errors).toBeUndefined();
    expect(updated.data?.updatePerson.name).toBe('Renamed');
    const changed = await me.query<{ changeDefaultActor: { defaultActor: { id: string } } }>(op('ChangeDefaultActor'), {
      preferredUsername: second.preferredUsername
    });
    expect(changed.data?.changeDefaultActor.defaultActor.id).toBe(String(second.id));
    const deleted = await me.query<{ deletePerson: { preferredUsername: string } }>(op('DeletePerson'), {
      id: String(profile.id)
    });
    expect(deleted.errors).toBeUndefined();
    expect(deleted.data?.deletePerson.preferredUsername).toBe(profile.preferredUsername);
  });
});
