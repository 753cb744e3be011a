import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { comments } from '#lib/server/db/schema/comments.ts';
import { domainEvents } from '#lib/server/db/schema/index.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createUserWithProfile } from '../helpers/factories.ts';
import { clientAs, gql } from '../helpers/graphql.ts';
import { hasMobilizonCorpus, mobilizonOperation } from '../helpers/mobilizon-operations.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ listen: false, workers: false });
});
afterAll(() => t?.stop());

const CREATE = `mutation($eventId: ID!, $text: String!, $inReplyToCommentId: ID) {
  createComment(eventId: $eventId, text: $text, inReplyToCommentId: $inReplyToCommentId) {
    id uuid url text visibility totalReplies actor { id preferredUsername }
    inReplyToComment { id } originComment { id } event { id } } }`;
const UPDATE = `mutation($commentId: ID!, $text: String!) {
  updateComment(commentId: $commentId, text: $text) { id text updatedAt } }`;
const DELETE = `mutation($commentId: ID!) { deleteComment(commentId: $commentId) { id text deletedAt } }`;
const THREADS = `query($uuid: UUID!) { event(uuid: $uuid) { comments {
  id text visibility deletedAt totalReplies actor { id }
  replies { id text deletedAt visibility inReplyToComment { id } originComment { id } actor { id } } } } }`;
const THREAD = `query($id: ID!) { thread(id: $id) { id text } }`;

type Created = {
  createComment: {
    id: string;
    uuid: string;
    url: string;
    text: string;
    visibility: string;
    totalReplies: number;
    actor: { id: string; preferredUsername: string };
    inReplyToComment: { id: string } | null;
    originComment: { id: string } | null;
    event: { id: string };
  };
};
type Reply = {
  id: string;
  text: string | null;
  deletedAt: string | null;
  visibility: string;
  inReplyToComment: { id: string } | null;
  originComment: { id: string } | null;
  actor: { id: string } | null;
};
type Threads = {
  event: {
    comments: {
      id: string;
      text: string | null;
      visibility: string;
      deletedAt: string | null;
      totalReplies: number;
      actor: { id: string } | null;
      replies: Reply[];
    }[];
  };
};

type Moderation = 'allow_all' | 'moderated' | 'closed';

/** An organizer with an event, and a client for them. */
async function eventBy(options: { commentModeration?: Moderation; draft?: boolean } = {}) {
  const organizer = await createUserWithProfile(t.app);
  const event = await t.app.services.events.createEvent(organizer.user.id, {
    organizerActorId: organizer.profile.id,
    title: 'Repair café',
    beginsOn: new Date('2031-03-01T10:00:00Z'),
    draft: options.draft ?? false,
    options: options.commentModeration ? { commentModeration: options.commentModeration } : {}
  });
  const client = await clientAs(t.app, organizer.email, organizer.password);
  return { organizer, event, client };
}

async function someone() {
  const person = await createUserWithProfile(t.app);
  return { ...person, client: await clientAs(t.app, person.email, person.password) };
}

async function comment(
  client: Awaited<ReturnType<typeof someone>>['client'],
  eventId: number,
  text: string,
  to?: string
) {
  const res = await client.query<Created>(CREATE, { eventId: String(eventId), text, inReplyToCommentId: to ?? null });
  expect(res.errors).toBeUndefined();
  return res.data!.createComment;
}

async function recorded(type: string, commentId: string) {
  const rows = await t.app.database.db.select().from(domainEvents).where(eq(domainEvents.type, type));
  return rows.filter((r) => (r.payload as { commentId?: number }).commentId === Number(commentId)).length;
}

describe('comments on an event', () => {
  it('creates a comment as the current profile, sanitized, with its url and a recorded fact', async () => {
    const { event } = await eventBy();
    const ann = await someone();
    const created = await comment(
      ann.client,
      event.id,
      '<p onclick="x()">Hello <strong>all</strong><script>evil()</script></p>'
    );
    expect(created.text).toBe('<p>Hello <strong>all</strong></p>');
    expect(created.visibility).toBe('PUBLIC');
    expect(created.actor).toEqual({ id: String(ann.profile.id), preferredUsername: ann.profile.preferredUsername });
    expect(created.url).toBe(`${t.app.config.publicUrl}/comments/${created.uuid}`);
    expect(created.event.id).toBe(String(event.id));
    expect(created.inReplyToComment).toBeNull();
    expect(created.originComment).toBeNull();
    expect(await recorded('CommentCreated', created.id)).toBe(1);
  });

  it('refuses empty, blank-after-sanitizing and too long texts, storing nothing', async () => {
    const { event } = await eventBy();
    const ann = await someone();
    for (const text of ['', '   ', '<script>alert(1)</script>', '<p> </p>', `<p>${'a'.repeat(10_001)}</p>`]) {
      const res = await ann.client.query(CREATE, { eventId: String(event.id), text });
      expect(res.errors?.[0]).toMatchObject({ code: 'validation', field: 'text' });
    }
    expect(await t.app.database.db.$count(comments, eq(comments.eventId, event.id))).toBe(0);
  });

  it('threads replies under their first comment, counting them, oldest first', async () => {
    const { event, client: organizerClient } = await eventBy();
    const ann = await someone();
    const bob = await someone();
    const root = await comment(ann.client, event.id, 'Can I bring a toaster?');
    const reply = await comment(bob.client, event.id, 'Yes please', root.id);
    const replyToReply = await comment(ann.client, event.id, 'Great, thanks', reply.id);
    expect(reply.inReplyToComment?.id).toBe(root.id);
    expect(reply.originComment?.id).toBe(root.id);
    // A reply to a reply stays in the same thread, and remembers whom it answers.
    expect(replyToReply.inReplyToComment?.id).toBe(reply.id);
    expect(replyToReply.originComment?.id).toBe(root.id);
    const second = await comment(bob.client, event.id, 'Second thread');

    const anonymous = await gql<Threads>(t.app, THREADS, { uuid: event.uuid });
    expect(anonymous.errors).toBeUndefined();
    const threads = anonymous.data!.event.comments;
    expect(threads.map((c) => [c.id, c.totalReplies])).toEqual([
      [root.id, 2],
      [second.id, 0]
    ]);
    expect(threads[0]!.replies.map((r) => [r.id, r.inReplyToComment?.id])).toEqual([
      [reply.id, root.id],
      [replyToReply.id, reply.id]
    ]);
    const thread = await organizerClient.query<{ thread: { id: string; text: string }[] }>(THREAD, { id: root.id });
    expect(thread.data?.thread.map((c) => c.text)).toEqual(['Yes please', 'Great, thanks']);
  });

  it('refuses a reply to a comment of another event', async () => {
    const { event } = await eventBy();
    const { event: other } = await eventBy();
    const ann = await someone();
    const elsewhere = await comment(ann.client, other.id, 'Elsewhere');
    const res = await ann.client.query(CREATE, {
      eventId: String(event.id),
      text: 'Hi',
      inReplyToCommentId: elsewhere.id
    });
    expect(res.errors?.[0]).toMatchObject({ code: 'not_found', field: 'inReplyToCommentId' });
  });

  it('lets the author edit their comment, and nobody else', async () => {
    const { event, client: organizerClient } = await eventBy();
    const ann = await someone();
    const bob = await someone();
    const mine = await comment(ann.client, event.id, 'First version');
    const edited = await ann.client.query<{ updateComment: { text: string } }>(UPDATE, {
      commentId: mine.id,
      text: '<p>Second <em>version</em><img src=x onerror=alert(1)></p>'
    });
    expect(edited.errors).toBeUndefined();
    expect(edited.data?.updateComment.text).toBe('<p>Second <em>version</em><img src="x" /></p>');
    expect(await recorded('CommentUpdated', mine.id)).toBe(1);

    for (const other of [bob.client, organizerClient]) {
      const refused = await other.query(UPDATE, { commentId: mine.id, text: 'Hijacked' });
      expect(refused.errors?.[0]).toMatchObject({ code: 'unauthorized', status_code: 403 });
    }
    const [row] = await t.app.database.db
      .select()
      .from(comments)
      .where(eq(comments.id, Number(mine.id)));
    expect(row?.text).toBe('<p>Second <em>version</em><img src="x" /></p>');
    const empty = await ann.client.query(UPDATE, { commentId: mine.id, text: '<b></b>' });
    expect(empty.errors?.[0]).toMatchObject({ code: 'validation' });
  });

  it('deletes as a tombstone: text gone, deletedAt set, replies kept', async () => {
    const { event } = await eventBy();
    const ann = await someone();
    const bob = await someone();
    const root = await comment(ann.client, event.id, 'To be removed');
    const reply = await comment(bob.client, event.id, 'A reply', root.id);
    const deleted = await ann.client.query<{ deleteComment: { id: string; text: string | null; deletedAt: string } }>(
      DELETE,
      { commentId: root.id }
    );
    expect(deleted.errors).toBeUndefined();
    expect(deleted.data?.deleteComment.text).toBeNull();
    expect(deleted.data?.deleteComment.deletedAt).toBeTruthy();
    expect(await recorded('CommentDeleted', root.id)).toBe(1);

    const [row] = await t.app.database.db
      .select()
      .from(comments)
      .where(eq(comments.id, Number(root.id)));
    expect(row).toMatchObject({ text: null });
    expect(row?.deletedAt).toBeInstanceOf(Date);
    const threads = (await gql<Threads>(t.app, THREADS, { uuid: event.uuid })).data!.event.comments;
    expect(threads).toHaveLength(1);
    expect(threads[0]).toMatchObject({ id: root.id, text: null, actor: null, totalReplies: 1 });
    expect(threads[0]!.deletedAt).toBeTruthy();
    expect(threads[0]!.replies.map((r) => [r.id, r.text])).toEqual([[reply.id, 'A reply']]);

    const again = await ann.client.query(DELETE, { commentId: root.id });
    expect(again.errors?.[0]).toMatchObject({ code: 'validation' });
    const edit = await ann.client.query(UPDATE, { commentId: root.id, text: 'Back' });
    expect(edit.errors?.[0]).toMatchObject({ code: 'validation' });
    const replyToTombstone = await bob.client.query(CREATE, {
      eventId: String(event.id),
      text: 'Hm',
      inReplyToCommentId: root.id
    });
    expect(replyToTombstone.errors?.[0]).toMatchObject({ code: 'validation' });

    // A deleted comment without replies leaves no trace in the threads.
    const lonely = await comment(bob.client, event.id, 'Alone');
    await bob.client.query(DELETE, { commentId: lonely.id });
    const after = (await gql<Threads>(t.app, THREADS, { uuid: event.uuid })).data!.event.comments;
    expect(after.map((c) => c.id)).toEqual([root.id]);
  });

  it("lets organizers (creator, moderator) remove anyone's comment, and not other people", async () => {
    const { event, organizer, client: organizerClient } = await eventBy();
    const ann = await someone();
    const bob = await someone();
    const mod = await someone();
    const first = await comment(ann.client, event.id, 'Off topic');
    const second = await comment(ann.client, event.id, 'Spam');

    const refused = await bob.client.query(DELETE, { commentId: first.id });
    expect(refused.errors?.[0]).toMatchObject({ code: 'unauthorized', status_code: 403 });
    const anonymous = await gql(t.app, DELETE, { commentId: first.id });
    expect(anonymous.errors?.[0]).toMatchObject({ code: 'unauthenticated' });
    const [kept] = await t.app.database.db
      .select()
      .from(comments)
      .where(eq(comments.id, Number(first.id)));
    expect(kept?.text).toBe('Off topic');

    const removed = await organizerClient.query<{ deleteComment: { text: null; deletedAt: string } }>(DELETE, {
      commentId: first.id
    });
    expect(removed.errors).toBeUndefined();
    expect(removed.data?.deleteComment.deletedAt).toBeTruthy();

    const joined = await t.app.services.participation.join(mod.user.id, { eventId: event.id, actorId: mod.profile.id });
    await t.app.services.participation.updateRole(organizer.user.id, { participantId: joined.id, role: 'moderator' });
    const byModerator = await mod.client.query(DELETE, { commentId: second.id });
    expect(byModerator.errors).toBeUndefined();
    const [gone] = await t.app.database.db
      .select()
      .from(comments)
      .where(eq(comments.id, Number(second.id)));
    expect(gone?.text).toBeNull();
  });

  it('refuses anonymous callers and unknown events', async () => {
    const { event } = await eventBy();
    const anonymous = await gql(t.app, CREATE, { eventId: String(event.id), text: 'Hi' });
    expect(anonymous.errors?.[0]).toMatchObject({ code: 'unauthenticated' });
    const ann = await someone();
    const unknown = await ann.client.query(CREATE, { eventId: '999999999', text: 'Hi' });
    expect(unknown.errors?.[0]).toMatchObject({ code: 'not_found' });
    expect(await t.app.database.db.$count(comments, eq(comments.eventId, event.id))).toBe(0);
  });

  it('lets only the organizer comment on a draft, and hides its comments from others', async () => {
    const { event, client: organizerClient } = await eventBy({ draft: true });
    const ann = await someone();
    const refused = await ann.client.query(CREATE, { eventId: String(event.id), text: 'Peek' });
    expect(refused.errors?.[0]).toMatchObject({ code: 'not_found' });
    const note = await comment(organizerClient, event.id, 'Note to self');
    const thread = await ann.client.query(THREAD, { id: note.id });
    expect(thread.errors?.[0]).toMatchObject({ code: 'not_found' });
    const own = await organizerClient.query<Threads>(THREADS, { uuid: event.uuid });
    expect(own.data?.event.comments.map((c) => c.text)).toEqual(['Note to self']);
  });

  it('closed: only organizers comment', async () => {
    const { event, client: organizerClient } = await eventBy({ commentModeration: 'closed' });
    const ann = await someone();
    const refused = await ann.client.query(CREATE, { eventId: String(event.id), text: 'Hello?' });
    expect(refused.errors?.[0]).toMatchObject({ code: 'unauthorized', status_code: 403 });
    const byOrganizer = await comment(organizerClient, event.id, 'Details follow');
    expect(byOrganizer.visibility).toBe('PUBLIC');
    const reply = await ann.client.query(CREATE, {
      eventId: String(event.id),
      text: 'Thanks',
      inReplyToCommentId: byOrganizer.id
    });
    expect(reply.errors?.[0]).toMatchObject({ code: 'unauthorized' });
  });

  it('moderated: comments of non-organizers are seen only by organizers and their author', async () => {
    const { event, client: organizerClient } = await eventBy({ commentModeration: 'moderated' });
    const ann = await someone();
    const bob = await someone();
    const held = await comment(ann.client, event.id, 'Held for review');
    expect(held.visibility).toBe('MODERATED');
    const open = await comment(organizerClient, event.id, 'From the organizer');
    expect(open.visibility).toBe('PUBLIC');
    const heldReply = await comment(bob.client, event.id, 'Held reply', open.id);
    expect(heldReply.visibility).toBe('MODERATED');

    const texts = async (client?: Awaited<ReturnType<typeof someone>>['client']) => {
      const res = client
        ? await client.query<Threads>(THREADS, { uuid: event.uuid })
        : await gql<Threads>(t.app, THREADS, { uuid: event.uuid });
      expect(res.errors).toBeUndefined();
      return res.data!.event.comments.map((c) => [c.text, c.totalReplies, c.replies.map((r) => r.text)]);
    };
    expect(await texts()).toEqual([['From the organizer', 0, []]]);
    expect(await texts(ann.client)).toEqual([
      ['Held for review', 0, []],
      ['From the organizer', 0, []]
    ]);
    expect(await texts(bob.client)).toEqual([['From the organizer', 1, ['Held reply']]]);
    expect(await texts(organizerClient)).toEqual([
      ['Held for review', 0, []],
      ['From the organizer', 1, ['Held reply']]
    ]);
    // Nobody else can answer a comment they cannot see.
    const blind = await bob.client.query(CREATE, {
      eventId: String(event.id),
      text: 'Hm',
      inReplyToCommentId: held.id
    });
    expect(blind.errors?.[0]).toMatchObject({ code: 'not_found' });
  });
});

describe.skipIf(!hasMobilizonCorpus())("Mobilizon's comment documents", () => {
  const op = (name: string) => mobilizonOperation(name).source;

  it('run with the variables the web client sends', async () => {
    const { event, client: organizerClient } = await eventBy();
    const ann = await someone();
    const created = await ann.client.query<{ createComment: { id: string; text: string; actor: { id: string } } }>(
      op('CreateCommentFromEvent'),
      { eventId: String(event.id), text: '<p>Hello</p>', inReplyToCommentId: null, isAnnouncement: false }
    );
    expect(created.errors).toBeUndefined();
    expect(created.data?.createComment).toMatchObject({ text: '<p>Hello</p>', actor: { id: String(ann.profile.id) } });
    const rootId = created.data!.createComment.id;

    const reply = await organizerClient.query<{
      createComment: { id: string; inReplyToComment: { id: string }; originComment: { id: string } };
    }>(op('CreateCommentFromEvent'), { eventId: String(event.id), text: 'Welcome', inReplyToCommentId: rootId });
    expect(reply.errors).toBeUndefined();
    expect(reply.data?.createComment).toMatchObject({
      inReplyToComment: { id: rootId },
      originComment: { id: rootId }
    });

    const threads = await gql<{ event: { comments: { id: string; totalReplies: number }[] } }>(
      t.app,
      op('CommentThreads'),
      { eventUUID: event.uuid }
    );
    expect(threads.errors).toBeUndefined();
    expect(threads.data?.event.comments).toEqual([expect.objectContaining({ id: rootId, totalReplies: 1 })]);

    const withReplies = await gql<{ event: { comments: { replies: { id: string; text: string }[] }[] } }>(
      t.app,
      op('CommentThreadsWithReplies'),
      { eventUUID: event.uuid }
    );
    expect(withReplies.errors).toBeUndefined();
    expect(withReplies.data?.event.comments[0]?.replies).toEqual([
      expect.objectContaining({ id: reply.data!.createComment.id, text: 'Welcome' })
    ]);

    const fetched = await gql<{ thread: { id: string }[] }>(t.app, op('FetchThreadReplies'), { threadId: rootId });
    expect(fetched.errors).toBeUndefined();
    expect(fetched.data?.thread.map((c) => c.id)).toEqual([reply.data!.createComment.id]);

    const updated = await ann.client.query<{ updateComment: { text: string } }>(op('UpdateComment'), {
      commentId: rootId,
      text: '<p>Hello again</p>'
    });
    expect(updated.errors).toBeUndefined();
    expect(updated.data?.updateComment.text).toBe('<p>Hello again</p>');

    const deleted = await ann.client.query<{ deleteComment: { id: string } }>(op('DeleteComment'), {
      commentId: rootId
    });
    expect(deleted.errors).toBeUndefined();
    expect(deleted.data?.deleteComment.id).toBe(rootId);
  });
});

describe('a reply to a private comment', () => {
  it('stays private: answering never makes an exchange public', async () => {
    const organizer = await createUserWithProfile(t.app);
    const event = await t.app.services.events.createEvent(organizer.user.id, {
      organizerActorId: organizer.profile.id,
      title: 'Réunion de voisins',
      beginsOn: new Date('2031-02-02T18:00:00Z')
    });
    // A private reply received from another server (a Mastodon direct message) is stored so.
    const first = await t.app.services.comments.create(organizer.user.id, {
      eventId: event.id,
      actorId: organizer.profile.id,
      text: 'placeholder'
    });
    await t.app.database.db.update(comments).set({ visibility: 'private' }).where(eq(comments.id, first.id));
    const reply = await t.app.services.comments.create(organizer.user.id, {
      eventId: event.id,
      actorId: organizer.profile.id,
      text: 'Réponse',
      inReplyToId: first.id
    });
    expect(reply.visibility).toBe('private');
  });
});
