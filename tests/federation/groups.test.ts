import { signRequest } from '@fedify/fedify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '#lib/server/db/schema/actors.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { changesWhile } from '../helpers/db-snapshot.ts';
import { createUserWithProfile } from '../helpers/factories.ts';
import { readFixture } from '../helpers/foreign-world.ts';
import { clientAs } from '../helpers/graphql.ts';
import { groupBy } from '../helpers/groups.ts';
import { hostOf } from '../helpers/instances.ts';
import { actorDocument, AP_JSON, startRemoteSink, type RemoteSink } from '../helpers/remote-sink.ts';
import { localActorKey, newSigningKey, signedPost, type GeneratedKey } from '../helpers/signed-post.ts';
import { waitFor } from '../helpers/wait.ts';

/**
 * Groups between two real instances: A hosts the groups (Rose runs them), B's profile Bea joins
 * them — by invitation, freely, or by a request A approves — and B learns every decision A makes
 * (roles, removal, the group's changes and deletion). A's private collections answer only signed
 * fetches by members, checked at each request.
 */
type Person = Awaited<ReturnType<typeof createUserWithProfile>>;

let a: TestApp;
let b: TestApp;
let rose: Person;
let carl: Person;
let bea: Person;
let sink: RemoteSink;
let malloryKey: GeneratedKey;

const acting = (p: Person) => ({ userId: p.user.id, actorId: p.profile.id });
const AP_ACCEPT = { accept: 'application/activity+json' };

beforeAll(async () => {
  [a, b] = await Promise.all([createTestApp(), createTestApp()]);
  rose = await createUserWithProfile(a.app, { username: 'rose' });
  carl = await createUserWithProfile(a.app, { username: 'carl' });
  bea = await createUserWithProfile(b.app, { username: 'bea' });
  sink = await startRemoteSink();
  malloryKey = await newSigningKey(`${sink.baseUrl}/@mallory#main-key`);
  sink.serve('/@mallory', {
    headers: AP_JSON,
    body: actorDocument(`${sink.baseUrl}/@mallory`, malloryKey.publicKeyPem)
  });
}, 60_000);
afterAll(async () => Promise.all([a?.stop(), b?.stop(), sink?.close()]));

/** A group of Rose's on A, and B's copy of it (as B's people find it). */
async function groupOfRose(openness: 'invite_only' | 'moderated' | 'open') {
  const onA = await groupBy(a.app, rose, { openness });
  const onB = await b.app.federation!.resolveActor(onA.apId);
  return { onA, onB };
}

const beaOnA = () => a.app.federation!.resolveActor(bea.profile.apId);
const roleOnA = async (group: Actor) =>
  (await a.app.services.queries.groups.membership(group.id, (await beaOnA()).id))?.role;
const roleOnB = async (group: Actor) =>
  (await b.app.services.queries.groups.membership(group.id, bea.profile.id))?.role;

/** A GET of A's document signed with the key of B's profile Bea. */
async function signedGetAsBea(url: string): Promise<Response> {
  const key = await localActorKey(b.app, 'bea');
  const request = await signRequest(new Request(url, { headers: AP_ACCEPT }), key.privateKey, new URL(key.keyId), {
    spec: 'draft-cavage-http-signatures-12'
  });
  return fetch(request);
}

describe('the Group actor', () => {
  it('is served in Mobilizon’s shape, found by WebFinger, and stored by B with its collections', async () => {
    const { onA, onB } = await groupOfRose('moderated');
    const response = await fetch(onA.apId, { headers: AP_ACCEPT });
    expect(response.status).toBe(200);
    const doc = (await response.json()) as Record<string, unknown>;
    expect(doc.type).toBe('Group');
    expect(doc.id).toBe(onA.apId);
    for (const name of ['members', 'resources', 'todos', 'posts', 'events', 'discussions']) {
      expect(doc[name]).toBe(`${onA.apId}/${name}`);
      expect((doc.endpoints as Record<string, string>)[name]).toBe(`${onA.apId}/${name}`);
    }
    expect((doc.endpoints as Record<string, string>).sharedInbox).toBe(`${a.baseUrl}/inbox`);
    expect(doc).toMatchObject({ openness: 'moderated', memberCount: 1, discoverable: true });
    expect(doc.manuallyApprovesFollowers).toBe(false);
    expect(doc.publicKey).toMatchObject({ id: `${onA.apId}#main-key`, owner: onA.apId });
    expect(String((doc.publicKey as Record<string, string>).publicKeyPem)).toContain('BEGIN PUBLIC KEY');
    const context = JSON.stringify(doc['@context']);
    expect(context).toContain('mz:members');
    expect(context).toContain('mz:openness');

    const finger = await fetch(
      `${a.baseUrl}/.well-known/webfinger?resource=acct:${onA.preferredUsername}@${hostOf(a.app)}`
    );
    expect(finger.status).toBe(200);
    const jrd = (await finger.json()) as { links: { rel: string; href?: string }[] };
    expect(jrd.links.find((l) => l.rel === 'self')?.href).toBe(onA.apId);

    expect(onB).toMatchObject({
      type: 'Group',
      membersUrl: `${onA.apId}/members`,
      postsUrl: `${onA.apId}/posts`,
      discussionsUrl: `${onA.apId}/discussions`,
      openness: 'moderated',
      memberCount: 1
    });
  });
});

describe('B’s profile and A’s groups', () => {
  it('is invited, sees the invitation, accepts, and is a member on both sides', async () => {
    const { onA, onB } = await groupOfRose('invite_only');
    await a.app.services.members.invite(acting(rose), onA.id, await beaOnA());
    const invited = await waitFor(
      async () => {
        const row = await b.app.services.queries.groups.membership(onB.id, bea.profile.id);
        return row?.role === 'invited' ? row : undefined;
      },
      { what: 'the invitation to reach B' }
    );
    const client = await clientAs(b.app, bea.email, bea.password);
    const listed = await client.query<{
      person: { memberships: { elements: { role: string; parent: { preferredUsername: string } }[] } };
    }>(`query($id: ID!) { person(id: $id) { memberships { elements { role parent { preferredUsername } } } } }`, {
      id: String(bea.profile.id)
    });
    expect(listed.errors).toBeUndefined();
    expect(listed.data?.person.memberships.elements).toContainEqual({
      role: 'INVITED',
      parent: { preferredUsername: onA.preferredUsername }
    });

    await b.app.services.members.acceptInvitation(acting(bea), invited.id);
    expect(await roleOnB(onB)).toBe('member');
    await waitFor(async () => (await roleOnA(onA)) === 'member', { what: 'A to take the acceptance' });
  });

  it('joins an open group: waits on B, taken by A, accepted back', async () => {
    const { onA, onB } = await groupOfRose('open');
    const asked = await b.app.services.members.join(acting(bea), onB.id);
    expect(asked.role).toBe('not_approved');
    await waitFor(async () => (await roleOnA(onA)) === 'member', { what: 'A to take the Join' });
    await waitFor(async () => (await roleOnB(onB)) === 'member', { what: 'A’s Accept to reach B' });
  });

  it('asks a moderated group; A approves, changes the role, removes; B follows and loses access at once', async () => {
    const { onA, onB } = await groupOfRose('moderated');
    await b.app.services.members.join(acting(bea), onB.id);
    await waitFor(async () => (await roleOnA(onA)) === 'not_approved', { what: 'the request to reach A' });
    expect(await roleOnB(onB)).toBe('not_approved');
    const rowOnA = (await a.app.services.queries.groups.membership(onA.id, (await beaOnA()).id))!;
    await a.app.services.members.approve(acting(rose), rowOnA.id);
    await waitFor(async () => (await roleOnB(onB)) === 'member', { what: 'the approval to reach B' });

    await a.app.services.members.updateRole(acting(rose), rowOnA.id, 'moderator');
    await waitFor(async () => (await roleOnB(onB)) === 'moderator', { what: 'the new role to reach B' });

    // A member's signed fetch of the members collection: Mobilizon's shape, roles included.
    const members = await signedGetAsBea(`${onA.apId}/members`);
    expect(members.status).toBe(200);
    const collection = (await members.json()) as Record<string, unknown>;
    const fixture = readFixture('mobilizon-members-collection.json');
    expect(Object.keys(collection).sort()).toEqual(Object.keys(fixture).sort());
    const first = collection.first as Record<string, unknown>;
    expect(Object.keys(first).sort()).toEqual(Object.keys(fixture.first as object).sort());
    expect(collection.totalItems).toBe(2);
    const items = first.orderedItems as Record<string, unknown>[];
    const fixtureItem = (fixture.first as { orderedItems: object[] }).orderedItems[0]!;
    for (const item of items) expect(Object.keys(item).sort()).toEqual(Object.keys(fixtureItem).sort());
    expect(items).toContainEqual({
      type: 'Member',
      id: rowOnA.apId,
      actor: bea.profile.apId,
      object: onA.apId,
      role: 'moderator'
    });
    expect(items.find((m) => m.actor === rose.profile.apId)?.role).toBe('creator');
    // Private collections and Member objects for members; never without a signature.
    expect((await signedGetAsBea(`${onA.apId}/discussions`)).status).toBe(200);
    expect((await fetch(`${onA.apId}/members`, { headers: AP_ACCEPT })).status).toBe(401);

    await a.app.services.members.remove(acting(rose), rowOnA.id);
    // Refused at once, before B has heard of it: access is read from the membership, never cached.
    expect((await signedGetAsBea(`${onA.apId}/members`)).status).toBe(403);
    expect((await signedGetAsBea(`${onA.apId}/discussions`)).status).toBe(403);
    await waitFor(async () => (await roleOnB(onB)) === undefined, { what: 'the removal to reach B' });
  });

  it('leaves from B: the membership goes on A', async () => {
    const { onA, onB } = await groupOfRose('open');
    await b.app.services.members.join(acting(bea), onB.id);
    await waitFor(async () => (await roleOnB(onB)) === 'member', { what: 'the join' });
    await b.app.services.members.leave(acting(bea), onB.id);
    expect(await roleOnB(onB)).toBeUndefined();
    await waitFor(async () => (await roleOnA(onA)) === undefined, { what: 'the Leave to reach A' });
  });

  it('hears of the group’s changes and of its deletion', async () => {
    const { onA, onB } = await groupOfRose('open');
    await b.app.services.members.join(acting(bea), onB.id);
    await waitFor(async () => (await roleOnB(onB)) === 'member', { what: 'the join' });
    await a.app.services.groups.updateGroup(rose.user.id, rose.profile.id, onA.id, {
      name: 'Renamed association',
      openness: 'moderated'
    });
    await waitFor(
      async () => {
        const copy = await b.app.services.queries.actors.byId(onB.id);
        return copy?.name === 'Renamed association' && copy.openness === 'moderated';
      },
      { what: 'the Update to reach B' }
    );
    await a.app.services.groups.deleteGroup(rose.user.id, rose.profile.id, onA.id);
    await waitFor(async () => (await b.app.services.queries.actors.byId(onB.id))?.deletedAt, {
      what: 'the Delete to reach B'
    });
    expect(await roleOnB(onB)).toBeUndefined();
  });
});

describe('who may speak for a group', () => {
  it('ignores Remove and Update of a Member from an actor that is not the group’s', async () => {
    const { onA, onB } = await groupOfRose('open');
    await a.app.services.members.join(acting(carl), onA.id);
    await b.app.services.members.join(acting(bea), onB.id);
    await waitFor(async () => (await roleOnB(onB)) === 'member', { what: 'the join' });
    const beaRowOnB = (await b.app.services.queries.groups.membership(onB.id, bea.profile.id))!;
    const mallory = `${sink.baseUrl}/@mallory`;
    const base = { '@context': 'https://www.w3.org/ns/activitystreams', actor: mallory, to: [bea.profile.apId] };
    const member = { type: 'Member', id: beaRowOnB.apId, actor: bea.profile.apId, object: onA.apId };
    const remove = { ...base, id: `${mallory}/remove/1`, type: 'Remove', object: beaRowOnB.apId, origin: onA.apId };
    const update = { ...base, id: `${mallory}/update/1`, type: 'Update', object: { ...member, role: 'rejected' } };
    for (const activity of [remove, update]) {
      const changes = await changesWhile(b.app, () => signedPost(`${b.baseUrl}/inbox`, activity, malloryKey));
      expect(changes.filter((line) => line.startsWith('members:'))).toEqual([]);
    }
    expect(await roleOnB(onB)).toBe('member');

    // A member of A's group (not its server) cannot remove another member nor promote itself on A.
    const carlRow = (await a.app.services.queries.groups.membership(onA.id, carl.profile.id))!;
    const beaKey = await localActorKey(b.app, 'bea');
    const beaBase = { '@context': 'https://www.w3.org/ns/activitystreams', actor: bea.profile.apId, to: [onA.apId] };
    const hostile = [
      { ...beaBase, id: `${bea.profile.apId}#remove`, type: 'Remove', object: carlRow.apId, origin: onA.apId },
      {
        ...beaBase,
        id: `${bea.profile.apId}#update`,
        type: 'Update',
        object: { type: 'Member', id: beaRowOnB.apId, actor: bea.profile.apId, object: onA.apId, role: 'administrator' }
      }
    ];
    for (const activity of hostile) {
      const changes = await changesWhile(a.app, () => signedPost(`${a.baseUrl}/inbox`, activity, beaKey));
      expect(changes.filter((line) => line.startsWith('members:'))).toEqual([]);
    }
    expect((await a.app.services.queries.groups.membership(onA.id, carl.profile.id))?.role).toBe('member');
    expect(await roleOnA(onA)).toBe('member');
  });
});
