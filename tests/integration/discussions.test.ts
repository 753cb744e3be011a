import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '#lib/server/db/schema/actors.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import {
  CREATE,
  DELETE,
  DELETE_COMMENT,
  EDIT_COMMENT,
  LIST,
  ONE,
  RENAME,
  REPLY,
  discussionState,
  factsOf
} from '../helpers/discussions.ts';
import { groupBy, person, withRole, type TestPerson } from '../helpers/groups.ts';
import { gql } from '../helpers/graphql.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ listen: false, workers: false });
});
afterAll(() => t?.stop());

interface DiscussionData {
  id: string;
  title: string;
  slug: string;
  updatedAt: string;
  lastComment: { id: string; text: string | null; deletedAt: string | null; actor: { id: string } | null } | null;
  creator: { id: string } | null;
  actor: { id: string; preferredUsername: string };
}

const expectError = (res: { errors?: { code?: string }[] }, code: string) =>
  expect(res.errors?.[0]?.code, JSON.stringify(res.errors)).toBe(code);

/** A group with one profile in each role (and someone outside it). */
async function cast() {
  const admin = await person(t.app);
  const group = await groupBy(t.app, admin);
  const [moderator, member, other, outsider, invited] = await Promise.all([
    person(t.app),
    person(t.app),
    person(t.app),
    person(t.app),
    person(t.app)
  ]);
  await withRole(t.app, group, moderator.profile, 'moderator');
  await withRole(t.app, group, member.profile, 'member');
  await withRole(t.app, group, other.profile, 'member');
  await withRole(t.app, group, invited.profile, 'invited');
  return { group, admin, moderator, member, other, outsider, invited };
}

async function start(who: TestPerson, group: Actor, title = 'Picnic in June', text = '<p>Who brings what?</p>') {
  const res = await who.client.query<{ createDiscussion: DiscussionData }>(CREATE, {
    title,
    text,
    actorId: String(group.id)
  });
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data!.createDiscussion;
}

describe('starting a discussion', () => {
  it('stores the thread and its first message, sanitized, with Mobilizon’s URLs, history and fact', async () => {
    const { group, member } = await cast();
    const d = await start(
      member,
      group,
      '  Picnic   in June ',
      '<p onclick="x()">Who <em>brings</em> what?<script>x()</script></p>'
    );
    expect(d).toMatchObject({
      title: 'Picnic in June',
      creator: { id: String(member.profile.id) },
      actor: { id: String(group.id), preferredUsername: group.preferredUsername },
      lastComment: { text: '<p>Who <em>brings</em> what?</p>', actor: { id: String(member.profile.id) } }
    });
    expect(d.slug).toMatch(/^picnic-in-june-[0-9a-f]{8}$/);
    const { threads, messages, history } = await discussionState(t.app, group.id);
    const base = t.app.config.publicUrl;
    expect(threads).toHaveLength(1);
    expect(threads[0]).toMatchObject({
      apId: `${base}/@${group.preferredUsername}/c/${d.slug}`,
      url: `${base}/@${group.preferredUsername}/c/${d.slug}`,
      local: true,
      creatorId: member.profile.id
    });
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ eventId: null, discussionId: threads[0]!.id, actorId: member.profile.id });
    expect(messages[0]!.apId).toBe(`${base}/comments/${messages[0]!.uuid}`);
    expect(history).toEqual([
      { subject: 'discussion_created', params: expect.objectContaining({ discussion_title: 'Picnic in June' }) }
    ]);
    expect(await factsOf(t.app, 'DiscussionCreated')).toContainEqual({
      discussionId: threads[0]!.id,
      commentId: messages[0]!.id
    });
  });

  it('gives each thread its own slug, even with the same title', async () => {
    const { group, member } = await cast();
    const a = await start(member, group, 'Été 2031 : réunion !');
    const b = await start(member, group, 'Été 2031 : réunion !');
    expect(a.slug).toMatch(/^ete-2031-reunion-[0-9a-f]{8}$/);
    expect(b.slug).not.toBe(a.slug);
    expect((await start(member, group, 'اجتماع')).slug).toMatch(/^discussion-[0-9a-f]{8}$/);
  });

  it('refuses anonymous callers, non-members, invitees and bad input, storing nothing', async () => {
    const { group, member, outsider, invited } = await cast();
    const vars = { title: 'Hello', text: '<p>Hi</p>', actorId: String(group.id) };
    expectError(await gql(t.app, CREATE, vars), 'unauthenticated');
    expectError(await outsider.client.query(CREATE, vars), 'unauthorized');
    expectError(await invited.client.query(CREATE, vars), 'unauthorized');
    const reasons = [
      [{ title: '   ' }, 'title', 'empty'],
      [{ title: 'x'.repeat(201) }, 'title', 'too_long'],
      [{ text: '<script>alert(1)</script>' }, 'text', 'empty'],
      [{ text: 'x'.repeat(100_001) }, 'text', 'too_long']
    ] as const;
    for (const [change, field, reason] of reasons) {
      const refused = await member.client.query(CREATE, { ...vars, ...change });
      expectError(refused, 'validation');
      expect(refused.errors![0]).toMatchObject({ field, reason });
    }
    expectError(await member.client.query(CREATE, { ...vars, actorId: '999999999' }), 'not_found');
    expectError(await member.client.query(CREATE, { ...vars, actorId: String(member.profile.id) }), 'not_found');
    const { threads, messages, history } = await discussionState(t.app, group.id);
    expect([threads.length, messages.length, history.length]).toEqual([0, 0, 0]);
  });
});

describe('seeing discussions', () => {
  it('lists them to members, latest activity first, paginated; others see none and no thread', async () => {
    const { group, member, other, outsider, invited } = await cast();
    const first = await start(member, group, 'First');
    const second = await start(other, group, 'Second');
    await member.client.query(REPLY, { discussionId: first.id, text: '<p>Bump</p>' });
    const list = await other.client.query<{ group: { discussions: { total: number; elements: DiscussionData[] } } }>(
      LIST,
      { name: group.preferredUsername }
    );
    expect(list.data!.group.discussions).toEqual({
      total: 2,
      elements: [
        { id: first.id, title: 'First', lastComment: { text: '<p>Bump</p>' } },
        { id: second.id, title: 'Second', lastComment: { text: '<p>Who brings what?</p>' } }
      ]
    });
    const page2 = await other.client.query<{ group: { discussions: { total: number; elements: { id: string }[] } } }>(
      LIST,
      { name: group.preferredUsername, page: 2, limit: 1 }
    );
    expect(page2.data!.group.discussions).toEqual({
      total: 2,
      elements: [{ id: second.id, title: 'Second', lastComment: { text: '<p>Who brings what?</p>' } }]
    });
    for (const res of [
      await gql(t.app, LIST, { name: group.preferredUsername }),
      await outsider.client.query(LIST, { name: group.preferredUsername }),
      await invited.client.query(LIST, { name: group.preferredUsername })
    ]) {
      expect(res.data).toEqual({ group: { discussions: { total: 0, elements: [] } } });
    }
    expectError(await gql(t.app, ONE, { slug: first.slug }), 'not_found');
    expectError(await outsider.client.query(ONE, { slug: first.slug }), 'not_found');
    expectError(await outsider.client.query(ONE, { id: first.id }), 'not_found');
    expectError(await member.client.query(ONE, { slug: 'no-such-thread' }), 'not_found');
    const one = await member.client.query<{ discussion: DiscussionData }>(ONE, { id: first.id });
    expect(one.data!.discussion.slug).toBe(first.slug);
  });

  it('shows a thread’s messages oldest first, a page at a time', async () => {
    const { group, member, other } = await cast();
    const d = await start(member, group);
    for (const n of [1, 2, 3]) await other.client.query(REPLY, { discussionId: d.id, text: `<p>Reply ${n}</p>` });
    const res = await member.client.query<{
      discussion: { comments: { total: number; elements: { text: string }[] } };
    }>(ONE, { slug: d.slug, page: 2, limit: 2 });
    expect(res.data!.discussion.comments).toMatchObject({
      total: 4,
      elements: [{ text: '<p>Reply 2</p>' }, { text: '<p>Reply 3</p>' }]
    });
  });
});

describe('replying', () => {
  it('adds a message, moves the thread, records history and the fact with the message', async () => {
    const { group, member, other } = await cast();
    const d = await start(member, group);
    await new Promise((r) => setTimeout(r, 10));
    const res = await other.client.query<{ replyToDiscussion: DiscussionData }>(REPLY, {
      discussionId: d.id,
      text: '<p>I bring <strong>bread</strong><img src="https://evil.example/x.png" onerror="x()"></p>'
    });
    expect(res.errors).toBeUndefined();
    const replied = res.data!.replyToDiscussion;
    expect(replied.lastComment).toMatchObject({ actor: { id: String(other.profile.id) } });
    expect(replied.lastComment!.text).toContain('<strong>bread</strong>');
    expect(replied.lastComment!.text).not.toContain('onerror');
    expect(new Date(replied.updatedAt).getTime()).toBeGreaterThan(new Date(d.updatedAt).getTime());
    const { messages, history } = await discussionState(t.app, group.id);
    expect(messages).toHaveLength(2);
    expect(history.map((h) => h.subject).sort()).toEqual(['discussion_created', 'discussion_replied']);
    expect(await factsOf(t.app, 'DiscussionReplied')).toContainEqual({
      discussionId: Number(d.id),
      commentId: Number(replied.lastComment!.id)
    });
  });

  it('refuses anonymous callers, non-members and empty messages, changing nothing', async () => {
    const { group, member, outsider, invited } = await cast();
    const d = await start(member, group);
    const before = await discussionState(t.app, group.id);
    expectError(await gql(t.app, REPLY, { discussionId: d.id, text: '<p>x</p>' }), 'unauthenticated');
    expectError(await outsider.client.query(REPLY, { discussionId: d.id, text: '<p>x</p>' }), 'not_found');
    expectError(await invited.client.query(REPLY, { discussionId: d.id, text: '<p>x</p>' }), 'not_found');
    expectError(await member.client.query(REPLY, { discussionId: d.id, text: '<p> </p>' }), 'validation');
    expectError(await member.client.query(REPLY, { discussionId: '0', text: '<p>x</p>' }), 'not_found');
    expect(await discussionState(t.app, group.id)).toEqual(before);
  });
});

describe('renaming', () => {
  it('lets its creator and moderators rename it (its address stays), not other members', async () => {
    const { group, admin, moderator, member, other, outsider } = await cast();
    const d = await start(member, group, 'Old title');
    const byCreator = await member.client.query<{ updateDiscussion: { title: string; slug: string } }>(RENAME, {
      discussionId: d.id,
      title: 'New title'
    });
    expect(byCreator.data!.updateDiscussion).toEqual({ id: d.id, title: 'New title', slug: d.slug });
    expect(
      (await moderator.client.query(RENAME, { discussionId: d.id, title: 'By moderator' })).errors
    ).toBeUndefined();
    expect((await admin.client.query(RENAME, { discussionId: d.id, title: 'By admin' })).errors).toBeUndefined();
    const before = await discussionState(t.app, group.id);
    expectError(await other.client.query(RENAME, { discussionId: d.id, title: 'Mine now' }), 'unauthorized');
    expectError(await outsider.client.query(RENAME, { discussionId: d.id, title: 'Mine now' }), 'not_found');
    expectError(await gql(t.app, RENAME, { discussionId: d.id, title: 'Mine now' }), 'unauthenticated');
    expectError(await member.client.query(RENAME, { discussionId: d.id, title: ' ' }), 'validation');
    expect(await discussionState(t.app, group.id)).toEqual(before);
    expect(before.threads[0]!.title).toBe('By admin');
    expect(before.history.filter((h) => h.subject === 'discussion_renamed').map((h) => h.params)).toEqual([
      expect.objectContaining({ discussion_title: 'New title', old_discussion_title: 'Old title' }),
      expect.objectContaining({ discussion_title: 'By moderator', old_discussion_title: 'New title' }),
      expect.objectContaining({ discussion_title: 'By admin', old_discussion_title: 'By moderator' })
    ]);
    expect(await factsOf(t.app, 'DiscussionRenamed')).toContainEqual({
      discussionId: Number(d.id),
      oldTitle: 'Old title',
      byActorId: member.profile.id
    });
  });
});

describe('deleting', () => {
  it('lets moderators and administrators delete a thread with its messages; nobody else', async () => {
    const { group, admin, moderator, member, outsider } = await cast();
    const a = await start(member, group, 'A');
    const b = await start(member, group, 'B');
    await member.client.query(REPLY, { discussionId: a.id, text: '<p>more</p>' });
    const before = await discussionState(t.app, group.id);
    expectError(await member.client.query(DELETE, { discussionId: a.id }), 'unauthorized');
    expectError(await outsider.client.query(DELETE, { discussionId: a.id }), 'not_found');
    expectError(await gql(t.app, DELETE, { discussionId: a.id }), 'unauthenticated');
    expect(await discussionState(t.app, group.id)).toEqual(before);

    const gone = await moderator.client.query<{ deleteDiscussion: { id: string } }>(DELETE, { discussionId: a.id });
    expect(gone.data!.deleteDiscussion).toEqual({ id: a.id });
    const after = await discussionState(t.app, group.id);
    expect(after.threads.map((d) => d.title)).toEqual(['B']);
    expect(after.messages).toHaveLength(1);
    expect(after.history.filter((h) => h.subject === 'discussion_deleted')).toEqual([
      { subject: 'discussion_deleted', params: expect.objectContaining({ discussion_title: 'A' }) }
    ]);
    const [fact] = (await factsOf(t.app, 'DiscussionDeleted')).filter((f) => f.discussionId === Number(a.id));
    expect(fact).toMatchObject({ groupId: group.id, byActorId: moderator.profile.id });
    expect(fact!.commentApIds).toHaveLength(2);
    expectError(await member.client.query(ONE, { slug: a.slug }), 'not_found');
    expect((await admin.client.query(DELETE, { discussionId: b.id })).errors).toBeUndefined();
    expect((await discussionState(t.app, group.id)).threads).toHaveLength(0);
  });
});

describe('editing and deleting one’s messages', () => {
  it('lets the author edit a message; not another member, not an outsider', async () => {
    const { group, member, other, outsider } = await cast();
    const d = await start(member, group);
    const id = d.lastComment!.id;
    const edited = await member.client.query<{ updateComment: { text: string } }>(EDIT_COMMENT, {
      commentId: id,
      text: '<p>Edited<script>x()</script></p>'
    });
    expect(edited.data!.updateComment).toEqual({ id, text: '<p>Edited</p>' });
    expectError(await other.client.query(EDIT_COMMENT, { commentId: id, text: '<p>x</p>' }), 'unauthorized');
    expectError(await outsider.client.query(EDIT_COMMENT, { commentId: id, text: '<p>x</p>' }), 'not_found');
    expectError(await member.client.query(EDIT_COMMENT, { commentId: id, text: '' }), 'validation');
    const { messages } = await discussionState(t.app, group.id);
    expect(messages[0]!.text).toBe('<p>Edited</p>');
  });

  it('lets the author or a moderator delete a message (a tombstone stays); not others', async () => {
    const { group, moderator, member, other, outsider } = await cast();
    const d = await start(member, group);
    const replied = await other.client.query<{ replyToDiscussion: DiscussionData }>(REPLY, {
      discussionId: d.id,
      text: '<p>Reply</p>'
    });
    const mine = d.lastComment!.id;
    const theirs = replied.data!.replyToDiscussion.lastComment!.id;
    expectError(await member.client.query(DELETE_COMMENT, { commentId: theirs }), 'unauthorized');
    expectError(await outsider.client.query(DELETE_COMMENT, { commentId: theirs }), 'not_found');
    expect((await discussionState(t.app, group.id)).messages.every((m) => m.deletedAt === null)).toBe(true);

    const own = await member.client.query<{ deleteComment: { text: string | null; deletedAt: string | null } }>(
      DELETE_COMMENT,
      { commentId: mine }
    );
    expect(own.data!.deleteComment).toMatchObject({ id: mine, text: null });
    expect(own.data!.deleteComment.deletedAt).not.toBeNull();
    const byModerator = await moderator.client.query(DELETE_COMMENT, { commentId: theirs });
    expect(byModerator.errors).toBeUndefined();
    expectError(await member.client.query(DELETE_COMMENT, { commentId: mine }), 'validation');
    const thread = await member.client.query<{
      discussion: { comments: { total: number; elements: { text: string | null; deletedAt: string | null }[] } };
    }>(ONE, { slug: d.slug });
    expect(thread.data!.discussion.comments.total).toBe(2);
    expect(thread.data!.discussion.comments.elements.every((c) => c.text === null && c.deletedAt !== null)).toBe(true);
  });
});
