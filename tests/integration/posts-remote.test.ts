import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '#lib/server/db/schema/actors.ts';
import { groupActivities, posts } from '#lib/server/db/schema/groups.ts';
import type { RemotePostInput } from '#lib/server/domain/posts/index.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { groupBy, person, withRole, type TestPerson } from '../helpers/groups.ts';
import { gql } from '../helpers/graphql.ts';

let t: TestApp;
let rose: TestPerson;
let localGroup: Actor;
let remoteMod: Actor;
let remoteMember: Actor;
let remoteGroup: Actor;

const remote = (type: 'Person' | 'Group', name: string) =>
  t.app.services.actors.upsertRemoteActor({
    type,
    apId: `https://far.example/@${name}`,
    preferredUsername: name,
    domain: 'far.example',
    inboxUrl: `https://far.example/@${name}/inbox`,
    sharedInboxUrl: 'https://far.example/inbox'
  });

beforeAll(async () => {
  t = await createTestApp({ listen: false, workers: false });
  rose = await person(t.app);
  localGroup = await groupBy(t.app, rose);
  remoteMod = await remote('Person', 'camille');
  remoteMember = await remote('Person', 'dom');
  remoteGroup = await remote('Group', 'quartier');
  await withRole(t.app, localGroup, remoteMod, 'moderator');
  await withRole(t.app, localGroup, remoteMember, 'member');
});
afterAll(() => t?.stop());

let n = 0;
const article = (overrides: Partial<RemotePostInput> = {}): RemotePostInput => ({
  apId: `https://far.example/p/news-${++n}`,
  url: `https://far.example/p/news-${n}`,
  title: 'News from afar',
  body: '<p onclick="x()">Hello from the other server, with news about the garden and its tomatoes.</p>',
  draft: false,
  visibility: 'public',
  language: 'und',
  tags: ['Far'],
  publishedAt: new Date('2031-01-01T10:00:00Z'),
  updatedAt: new Date('2031-01-01T10:00:00Z'),
  groupId: localGroup.id,
  authorId: null,
  ...overrides
});

const row = async (apId: string) => (await t.app.database.db.select().from(posts).where(eq(posts.apId, apId)))[0];

describe('posts of remote moderators in a local group', () => {
  it('stores the post once, sanitized, with a history line; an older version changes nothing', async () => {
    const data = article();
    const first = await t.app.services.remotePosts.receiveRemotePost({ remoteActorId: remoteMod.id }, data);
    expect(first.outcome).toBe('created');
    const stored = await row(data.apId);
    expect(stored).toMatchObject({
      local: false,
      url: data.url,
      authorId: remoteMod.id,
      groupId: localGroup.id,
      body: '<p>Hello from the other server, with news about the garden and its tomatoes.</p>',
      language: 'en'
    });
    expect(stored!.slug).toMatch(/^news-from-afar-[0-9a-f]{8}$/);
    const again = await t.app.services.remotePosts.receiveRemotePost({ remoteActorId: remoteMod.id }, data);
    expect(again.outcome).toBe('unchanged');
    const newer = await t.app.services.remotePosts.receiveRemotePost(
      { remoteActorId: remoteMod.id },
      { ...data, title: 'News from afar, updated', updatedAt: new Date('2031-01-02T10:00:00Z') }
    );
    expect(newer.outcome).toBe('updated');
    expect((await row(data.apId))!.title).toBe('News from afar, updated');
    const lines = await t.app.database.db
      .select({ subject: groupActivities.subject })
      .from(groupActivities)
      .where(eq(groupActivities.objectId, stored!.id));
    expect(lines.map((l) => l.subject)).toEqual(['post_created', 'post_updated']);
    const read = await gql<{ post: { title: string; author: { id: string } } }>(
      t.app,
      `query($slug: String!) { post(slug: $slug) { title author { id } } }`,
      { slug: stored!.slug }
    );
    expect(read.data?.post).toEqual({ title: 'News from afar, updated', author: { id: String(remoteMod.id) } });
  });

  it('refuses a remote member (not a moderator), storing nothing; local moderators cannot edit it', async () => {
    const data = article();
    await expect(
      t.app.services.remotePosts.receiveRemotePost({ remoteActorId: remoteMember.id }, data)
    ).rejects.toMatchObject({ code: 'forbidden' });
    expect(await row(data.apId)).toBeUndefined();
    await t.app.services.remotePosts.receiveRemotePost({ remoteActorId: remoteMod.id }, data);
    const stored = await row(data.apId);
    await expect(
      t.app.services.posts.updatePost({ userId: rose.user.id, actorId: rose.profile.id }, stored!.id, { title: 'x' })
    ).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('deletes on a remote moderator’s Delete, and the post never comes back', async () => {
    const data = article();
    await t.app.services.remotePosts.receiveRemotePost({ remoteActorId: remoteMod.id }, data);
    await expect(
      t.app.services.remotePosts.receiveRemotePostDelete({ remoteActorId: remoteMember.id }, data.apId)
    ).rejects.toMatchObject({ code: 'forbidden' });
    expect(await t.app.services.remotePosts.receiveRemotePostDelete({ remoteActorId: remoteMod.id }, data.apId)).toBe(
      true
    );
    expect(await row(data.apId)).toBeUndefined();
    const back = await t.app.services.remotePosts.receiveRemotePost(
      { remoteActorId: remoteMod.id },
      { ...data, updatedAt: new Date('2032-01-01T00:00:00Z') }
    );
    expect(back).toEqual({ outcome: 'gone' });
  });
});

describe("copies of a remote group's posts", () => {
  it('stores what the group announced, updates and deletes it, and refuses it for a local group', async () => {
    const data = article({ groupId: remoteGroup.id, authorId: remoteMod.id, visibility: 'private' });
    expect((await t.app.services.remotePosts.postForGroupAnnounce(data)).outcome).toBe('created');
    expect(await row(data.apId)).toMatchObject({ groupId: remoteGroup.id, visibility: 'private', local: false });
    const changed = await t.app.services.remotePosts.postForGroupAnnounce({
      ...data,
      body: '<p>changed</p>',
      updatedAt: new Date('2031-06-01T00:00:00Z')
    });
    expect(changed.outcome).toBe('updated');
    expect((await row(data.apId))!.body).toBe('<p>changed</p>');
    await expect(
      t.app.services.remotePosts.postForGroupAnnounce(article({ groupId: localGroup.id }))
    ).rejects.toMatchObject({ code: 'forbidden' });
    // Another group cannot take it over.
    expect(await t.app.services.remotePosts.postDeletedForGroupAnnounce(localGroup.id, data.apId)).toBe(false);
    expect(await t.app.services.remotePosts.postDeletedForGroupAnnounce(remoteGroup.id, data.apId)).toBe(true);
    expect(await row(data.apId)).toBeUndefined();
  });
});
