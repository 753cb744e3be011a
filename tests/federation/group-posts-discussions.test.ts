import { signRequest } from '@fedify/fedify';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '#lib/server/db/schema/actors.ts';
import { deliveries, outboxActivities } from '#lib/server/db/schema/federation.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { changesWhile } from '../helpers/db-snapshot.ts';
import { DELETE_COMMENT, EDIT_COMMENT, LIST } from '../helpers/discussions.ts';
import { groupBy, person, type TestPerson } from '../helpers/groups.ts';
import { hostOf } from '../helpers/instances.ts';
import { actorDocument, AP_JSON, startRemoteSink, type RemoteSink } from '../helpers/remote-sink.ts';
import { localActorKey, newSigningKey, signedPost, type GeneratedKey } from '../helpers/signed-post.ts';
import { waitFor } from '../helpers/wait.ts';

/**
 * Group posts and discussions between two real instances, in Mobilizon's dialect: A hosts the
 * group (Rose created it), B's profile Bea is a member. What Rose writes on A reaches B (members-only
 * posts only to members' servers); what Bea writes from B reaches A, checked there against her role,
 * and A's members see it. Edits, renames and deletions travel both ways; a stranger's messages
 * change nothing.
 */
let a: TestApp;
let b: TestApp;
let rose: TestPerson;
let bea: TestPerson;
let sink: RemoteSink;
let malloryKey: GeneratedKey;
let mallory: string;
let onA: Actor;
let onB: Actor;

const acting = (p: TestPerson) => ({ userId: p.user.id, actorId: p.profile.id });
const AS = 'https://www.w3.org/ns/activitystreams';

beforeAll(async () => {
  [a, b] = await Promise.all([createTestApp(), createTestApp()]);
  rose = await person(a.app);
  bea = await person(b.app);
  sink = await startRemoteSink();
  mallory = `${sink.baseUrl}/@mallory`;
  malloryKey = await newSigningKey(`${mallory}#main-key`);
  sink.serve('/@mallory', { headers: AP_JSON, body: actorDocument(mallory, malloryKey.publicKeyPem) });
  sink.serve('/@mallory/inbox', { status: 202 });

  onA = await groupBy(a.app, rose, { openness: 'open' });
  onB = await b.app.federation!.resolveActor(onA.apId);
  await b.app.services.members.join(acting(bea), onB.id);
  await waitFor(
    async () => (await b.app.services.queries.groups.membership(onB.id, bea.profile.id))?.role === 'member',
    { what: 'Bea to be a member' }
  );
}, 90_000);
afterAll(async () => Promise.all([a?.stop(), b?.stop(), sink?.close()]));

const beaOnA = () => a.app.federation!.resolveActor(bea.profile.apId);

/** The inboxes A queued an activity about this object for. */
async function inboxesReached(objectApId: string): Promise<string[]> {
  const rows = await a.app.database.db
    .select({ inbox: deliveries.inboxUrl, json: outboxActivities.json })
    .from(deliveries)
    .innerJoin(outboxActivities, eq(deliveries.activityId, outboxActivities.id));
  return rows.filter((r) => JSON.stringify(r.json).includes(objectApId)).map((r) => r.inbox);
}

/** A GET of A's document signed as B's profile Bea (or not signed). */
async function getAsBea(url: string, signed = true): Promise<Record<string, unknown>> {
  const request = new Request(url, { headers: { accept: 'application/activity+json' } });
  const key = await localActorKey(b.app, bea.profile.preferredUsername);
  const options = { spec: 'draft-cavage-http-signatures-12' } as const;
  const response = await fetch(
    signed ? await signRequest(request, key.privateKey, new URL(key.keyId), options) : request
  );
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

const itemsOf = (collection: Record<string, unknown>) =>
  (collection.orderedItems as Record<string, unknown>[] | undefined) ??
  ((collection.first as Record<string, unknown>).orderedItems as Record<string, unknown>[]);

async function setBeaRoleOnA(role: 'member' | 'moderator') {
  const row = (await a.app.services.queries.groups.membership(onA.id, (await beaOnA()).id))!;
  if (row.role !== role) await a.app.services.members.updateRole(acting(rose), row.id, role);
  await waitFor(async () => (await b.app.services.queries.groups.membership(onB.id, bea.profile.id))?.role === role, {
    what: `Bea to be ${role} on B`
  });
}

describe('posts', () => {
  it('A’s posts reach B’s member (members-only ones only members’ servers); edits and deletions follow', async () => {
    // Mallory, on a server of no member, follows the group.
    const follow = { '@context': AS, id: `${mallory}/follow/1`, type: 'Follow', actor: mallory, object: onA.apId };
    expect((await signedPost(`${a.baseUrl}/inbox`, follow, malloryKey)).status).toBeLessThan(300);
    await waitFor(
      async () => (await a.app.services.queries.groups.remoteAudience(onA.id, true)).some((x) => x.apId === mallory),
      { what: 'Mallory to follow the group' }
    );

    const open = await a.app.services.posts.createPost(acting(rose), {
      groupId: onA.id,
      title: 'Spring clean-up',
      body: '<p>Bring gloves.</p>',
      visibility: 'public'
    });
    const closed = await a.app.services.posts.createPost(acting(rose), {
      groupId: onA.id,
      title: 'Treasurer’s report',
      body: '<p>For members.</p>',
      visibility: 'private'
    });
    const copy = await waitFor(() => b.app.services.queries.posts.byApId(open.apId), { what: 'the public post' });
    expect(copy).toMatchObject({ title: 'Spring clean-up', visibility: 'public', local: false, groupId: onB.id });
    expect(copy.body).toContain('Bring gloves.');
    const closedCopy = await waitFor(() => b.app.services.queries.posts.byApId(closed.apId), {
      what: 'the members-only post'
    });
    expect(closedCopy.visibility).toBe('private');

    // Bea sees both in the group's posts, through Mobilizon's API on B.
    const seen = await bea.client.query<{ group: { posts: { total: number; elements: { title: string }[] } } }>(
      `query($name: String!) { group(preferredUsername: $name) { posts { total elements { title } } } }`,
      { name: `${onA.preferredUsername}@${hostOf(a.app)}` }
    );
    expect(seen.errors).toBeUndefined();
    expect(seen.data?.group.posts.elements.map((p) => p.title).sort()).toEqual([
      'Spring clean-up',
      'Treasurer’s report'
    ]);

    // The follower's server got the public post, never the members-only one.
    const mallorysInbox = `${mallory}/inbox`;
    await waitFor(async () => (await inboxesReached(open.apId)).includes(mallorysInbox), { what: 'the follower' });
    expect(await inboxesReached(closed.apId)).not.toContain(mallorysInbox);
    expect(await inboxesReached(closed.apId)).toContain(`${b.baseUrl}/inbox`);

    // A's posts collection embeds the Articles: all of them for a member, the public ones for anyone.
    const forMember = itemsOf(await getAsBea(`${onA.apId}/posts`));
    expect(forMember.map((item) => [item.type, item.id]).sort()).toEqual(
      [
        ['Article', closed.apId],
        ['Article', open.apId]
      ].sort()
    );
    expect(forMember.find((item) => item.id === open.apId)).toMatchObject({
      name: 'Spring clean-up',
      attributedTo: onA.apId,
      actor: rose.profile.apId
    });
    expect(itemsOf(await getAsBea(`${onA.apId}/posts`, false)).map((item) => item.id)).toEqual([open.apId]);

    await a.app.services.posts.updatePost(acting(rose), open.id, { title: 'Spring clean-up, Saturday' });
    await waitFor(
      async () => (await b.app.services.queries.posts.byApId(open.apId))?.title === 'Spring clean-up, Saturday',
      {
        what: 'the update'
      }
    );
    await a.app.services.posts.deletePost(acting(rose), open.id);
    await waitFor(async () => !(await b.app.services.queries.posts.byApId(open.apId)), { what: 'the deletion' });
    expect(await b.app.services.queries.posts.byApId(closed.apId)).toBeDefined();
  });

  it('Bea writes posts in A’s group from B once a moderator there; as a plain member A refuses', async () => {
    await setBeaRoleOnA('member');
    // A Create B's server would not send (B checks too), sent anyway: A checks the role itself.
    const forged = `${b.baseUrl}/p/forged-${Date.now()}`;
    const article = {
      type: 'Article',
      id: forged,
      name: 'Not allowed',
      content: '<p>Members do not write posts.</p>',
      actor: bea.profile.apId,
      attributedTo: onA.apId,
      to: [AS + '#Public']
    };
    const create = {
      '@context': AS,
      id: `${forged}/activity`,
      type: 'Create',
      actor: bea.profile.apId,
      object: article
    };
    const beaKey = await localActorKey(b.app, bea.profile.preferredUsername);
    const changes = await changesWhile(a.app, () => signedPost(`${a.baseUrl}/inbox`, create, beaKey));
    expect(changes.filter((line) => line.startsWith('posts:'))).toEqual([]);
    expect(await a.app.services.queries.posts.byApId(forged)).toBeUndefined();

    await setBeaRoleOnA('moderator');
    const post = await b.app.services.posts.createPost(acting(bea), {
      groupId: onB.id,
      title: 'Notes from B',
      body: '<p>Written on B.</p>',
      visibility: 'public'
    });
    const onAPost = await waitFor(() => a.app.services.queries.posts.byApId(post.apId), { what: 'Bea’s post on A' });
    expect(onAPost).toMatchObject({ title: 'Notes from B', groupId: onA.id, local: false });
    expect(onAPost.authorId).toBe((await beaOnA()).id);
    // A's members see it in the group's list.
    const listed = await a.app.services.queries.posts.ofGroup(onA.id, 'creator', 1, 10);
    expect(listed.elements.map((p) => p.apId)).toContain(post.apId);

    await b.app.services.posts.updatePost(acting(bea), post.id, { title: 'Notes from B, revised' });
    await waitFor(
      async () => (await a.app.services.queries.posts.byApId(post.apId))?.title === 'Notes from B, revised',
      {
        what: 'Bea’s edit on A'
      }
    );
    await b.app.services.posts.deletePost(acting(bea), post.id);
    await waitFor(async () => !(await a.app.services.queries.posts.byApId(post.apId)), { what: 'Bea’s deletion on A' });
    await setBeaRoleOnA('member');
  });
});

describe('discussions', () => {
  const discussionsOnA = () =>
    rose.client.query<{
      group: { discussions: { elements: { title: string; lastComment: { text: string } | null }[] } };
    }>(LIST, { name: onA.preferredUsername });

  async function messagesOf(app: TestApp, apId: string) {
    const discussion = await app.app.services.queries.discussions.byApId(apId);
    if (!discussion) return undefined;
    return (await app.app.services.queries.discussions.comments(discussion.id, { page: 1, limit: 50 })).elements;
  }

  it('travel both ways: started, answered, renamed, edited, deleted', async () => {
    // Rose starts one on A; Bea reads it on B and answers from B.
    const roses = await a.app.services.discussions.create(acting(rose), {
      groupId: onA.id,
      title: 'Picnic',
      text: '<p>Where shall we go?</p>'
    });
    const copy = await waitFor(() => b.app.services.queries.discussions.byApId(roses.apId), {
      what: 'the discussion on B'
    });
    expect(copy).toMatchObject({ title: 'Picnic', groupId: onB.id });
    expect((await messagesOf(b, roses.apId))?.map((m) => m.text)).toEqual(['<p>Where shall we go?</p>']);

    const { comment: reply } = await b.app.services.discussions.reply(acting(bea), {
      discussionId: copy.id,
      text: '<p>The lake!</p>'
    });
    await waitFor(async () => (await messagesOf(a, roses.apId))?.some((m) => m.apId === reply.apId), {
      what: 'Bea’s reply on A'
    });

    // Bea starts one from B: A's members see it and its message.
    const beas = await b.app.services.discussions.create(acting(bea), {
      groupId: onB.id,
      title: 'Carpooling',
      text: '<p>I have two seats.</p>'
    });
    await waitFor(() => a.app.services.queries.discussions.byApId(beas.apId), { what: 'Bea’s discussion on A' });
    const listed = await discussionsOnA();
    expect(listed.errors).toBeUndefined();
    expect(listed.data?.group.discussions.elements).toContainEqual(
      expect.objectContaining({ title: 'Carpooling', lastComment: { text: '<p>I have two seats.</p>' } })
    );

    // Rose answers Bea's discussion on A: it reaches B.
    const { comment: roseAnswer } = await a.app.services.discussions.reply(acting(rose), {
      discussionId: (await a.app.services.queries.discussions.byApId(beas.apId))!.id,
      text: '<p>Count me in.</p>'
    });
    await waitFor(async () => (await messagesOf(b, beas.apId))?.some((m) => m.apId === roseAnswer.apId), {
      what: 'Rose’s answer on B'
    });

    // A's discussions collection embeds each discussion's Note, for members.
    const collection = itemsOf(await getAsBea(`${onA.apId}/discussions`));
    expect(collection).toContainEqual(
      expect.objectContaining({ type: 'Note', id: roses.apId, name: 'Picnic', context: roses.apId })
    );

    // Rose renames hers: B follows.
    await a.app.services.discussions.rename(acting(rose), { discussionId: roses.id, title: 'Picnic in June' });
    await waitFor(
      async () => (await b.app.services.queries.discussions.byApId(roses.apId))?.title === 'Picnic in June',
      {
        what: 'the new title on B'
      }
    );

    // Edits, both ways.
    const edited = await bea.client.query(EDIT_COMMENT, {
      commentId: String(reply.id),
      text: '<p>The lake, at noon!</p>'
    });
    expect(edited.errors).toBeUndefined();
    await waitFor(
      async () => (await a.app.services.queries.comments.byApId(reply.apId))?.text === '<p>The lake, at noon!</p>',
      { what: 'Bea’s edit on A' }
    );
    const roseFirst = (await messagesOf(a, roses.apId))![0]!;
    const roseEdit = await rose.client.query(EDIT_COMMENT, {
      commentId: String(roseFirst.id),
      text: '<p>Where shall we go in June?</p>'
    });
    expect(roseEdit.errors).toBeUndefined();
    await waitFor(
      async () =>
        (await b.app.services.queries.comments.byApId(roseFirst.apId))?.text === '<p>Where shall we go in June?</p>',
      { what: 'Rose’s edit on B' }
    );

    // Deletions of messages: Bea her own from B; Rose, a moderator, Bea's first one in Bea's discussion.
    const removed = await bea.client.query(DELETE_COMMENT, { commentId: String(reply.id) });
    expect(removed.errors).toBeUndefined();
    await waitFor(async () => (await a.app.services.queries.comments.byApId(reply.apId))?.deletedAt, {
      what: 'Bea’s deletion on A'
    });
    const beasFirstOnA = (await a.app.services.queries.comments.byApId((await messagesOf(b, beas.apId))![0]!.apId))!;
    const moderated = await rose.client.query(DELETE_COMMENT, { commentId: String(beasFirstOnA.id) });
    expect(moderated.errors).toBeUndefined();
    await waitFor(async () => (await b.app.services.queries.comments.byApId(beasFirstOnA.apId))?.deletedAt, {
      what: 'the moderator’s deletion on B'
    });

    // Rose deletes her discussion: gone on B too.
    await a.app.services.discussions.delete(acting(rose), roses.id);
    await waitFor(async () => !(await b.app.services.queries.discussions.byApId(roses.apId)), {
      what: 'the deletion on B'
    });
  });

  it('a stranger’s messages for A’s group change nothing', async () => {
    const discussion = await a.app.services.discussions.create(acting(rose), {
      groupId: onA.id,
      title: 'Members only',
      text: '<p>Hello members.</p>'
    });
    const note = (id: string, extra: Record<string, unknown>) => ({
      type: 'Note',
      id,
      content: '<p>Let me in.</p>',
      actor: mallory,
      attributedTo: onA.apId,
      to: [`${onA.apId}/members`],
      ...extra
    });
    const activities = [
      // A reply in Rose's discussion.
      note(`${mallory}/notes/1`, { context: discussion.apId }),
      // A new discussion.
      note(`${mallory}/notes/2`, { context: `${mallory}/discussions/1`, name: 'Takeover' })
    ].map((object) => ({ '@context': AS, id: `${object.id}/activity`, type: 'Create', actor: mallory, object }));
    for (const activity of activities) {
      const changes = await changesWhile(a.app, () => signedPost(`${a.baseUrl}/inbox`, activity, malloryKey));
      expect(changes).toEqual([]);
    }
    expect((await messagesOf(a, discussion.apId))?.map((m) => m.text)).toEqual(['<p>Hello members.</p>']);
    expect(await a.app.services.queries.discussions.byApId(`${mallory}/discussions/1`)).toBeUndefined();
  });
});
