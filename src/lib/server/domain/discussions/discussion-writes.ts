import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { DomainError } from '../../core/errors.ts';
import type { Actor } from '../../db/schema/actors.ts';
import { comments, type Comment } from '../../db/schema/comments.ts';
import { discussions, type Discussion } from '../../db/schema/groups.ts';
import type { Transaction } from '../../db/transaction.ts';
import { recordTombstone } from '../fediverse/index.ts';
import { recordGroupActivity } from '../groups/index.ts';
import { discussionSlug } from './slug.ts';

/** Where a group's discussion lives here: `/@group/c/slug` (`group@domain` for a remote group). */
export function discussionUrl(publicUrl: string, group: Actor, slug: string): string {
  const handle = group.domain ? `${group.preferredUsername}@${group.domain}` : group.preferredUsername;
  return `${publicUrl}/@${handle}/c/${slug}`;
}

export interface NewDiscussionRow {
  group: Actor;
  creator: Actor;
  title: string;
  /** For a discussion started elsewhere: its id there (and page); ours are built from the slug. */
  remote?: { apId: string; url: string };
  createdAt?: Date;
}

/** Stores a discussion with a slug of its own (a longer uuid part on the rare collision). */
export async function insertDiscussion(tx: Transaction, publicUrl: string, row: NewDiscussionRow): Promise<Discussion> {
  const uuid = randomUUID();
  for (const length of [8, 12, 32]) {
    const slug = discussionSlug(row.title, uuid, length);
    const url = row.remote?.url ?? discussionUrl(publicUrl, row.group, slug);
    const [inserted] = await tx.db
      .insert(discussions)
      .values({
        uuid,
        slug,
        apId: row.remote?.apId ?? url,
        url,
        local: !row.remote,
        title: row.title,
        groupId: row.group.id,
        creatorId: row.creator.id,
        ...(row.createdAt ? { createdAt: row.createdAt, updatedAt: row.createdAt } : {})
      })
      .onConflictDoNothing()
      .returning();
    if (inserted) return inserted;
    if (row.remote) {
      const [known] = await tx.db.select().from(discussions).where(eq(discussions.apId, row.remote.apId));
      if (known) return known;
    }
  }
  throw new DomainError('conflict', 'Could not name this discussion', { field: 'title' });
}

export interface NewMessageRow {
  discussion: Discussion;
  author: Actor;
  text: string;
  remote?: { apId: string; url: string; uuid: string | null; publishedAt: Date | null };
}

/** Stores one message of a discussion; the discussion moves up (its `updatedAt` follows replies). */
export async function insertMessage(tx: Transaction, publicUrl: string, row: NewMessageRow): Promise<Comment> {
  const uuid = row.remote?.uuid ?? randomUUID();
  const url = row.remote?.url ?? `${publicUrl}/comments/${uuid}`;
  const publishedAt = row.remote?.publishedAt ?? new Date();
  const [comment] = await tx.db
    .insert(comments)
    .values({
      uuid,
      apId: row.remote?.apId ?? url,
      url,
      local: !row.remote,
      text: row.text,
      // Addressed to the group's members, never public.
      visibility: 'private',
      actorId: row.author.id,
      discussionId: row.discussion.id,
      publishedAt,
      createdAt: publishedAt,
      updatedAt: publishedAt
    })
    .onConflictDoNothing()
    .returning();
  if (!comment) throw new DomainError('conflict', 'This message is already stored', { field: 'id' });
  const movedAt = publishedAt > row.discussion.updatedAt ? publishedAt : row.discussion.updatedAt;
  await tx.db.update(discussions).set({ updatedAt: movedAt }).where(eq(discussions.id, row.discussion.id));
  return comment;
}

export async function renameDiscussion(tx: Transaction, discussion: Discussion, title: string): Promise<Discussion> {
  const [renamed] = await tx.db
    .update(discussions)
    .set({ title, updatedAt: new Date() })
    .where(eq(discussions.id, discussion.id))
    .returning();
  if (!renamed) throw new Error('discussion not renamed');
  return renamed;
}

/** The discussion and its messages go; their ids are remembered as gone. */
export async function removeDiscussion(tx: Transaction, discussion: Discussion, byActorId: number | null) {
  const messages = await tx.db
    .select({ apId: comments.apId })
    .from(comments)
    .where(eq(comments.discussionId, discussion.id));
  await tx.db.delete(comments).where(eq(comments.discussionId, discussion.id));
  await tx.db.delete(discussions).where(eq(discussions.id, discussion.id));
  await recordTombstone(tx, discussion.apId, 'Note', byActorId);
  for (const { apId } of messages) await recordTombstone(tx, apId, 'Note', byActorId);
  return messages.map((m) => m.apId);
}

/** One line of the group's history about a discussion (Mobilizon's subjects and parameters). */
export function recordDiscussionActivity(
  tx: Transaction,
  discussion: Discussion,
  authorId: number | null,
  subject: 'discussion_created' | 'discussion_replied' | 'discussion_renamed' | 'discussion_deleted',
  extra: Record<string, string> = {}
): Promise<void> {
  return recordGroupActivity(tx, {
    groupId: discussion.groupId,
    authorId,
    type: 'discussion',
    subject,
    subjectParams: { discussion_title: discussion.title, discussion_slug: discussion.slug, ...extra },
    objectId: discussion.id
  });
}

/** A message becomes a tombstone (text gone, row kept). */
export async function tombstoneMessage(tx: Transaction, comment: Comment, byActorId: number | null): Promise<Comment> {
  const now = new Date();
  const [deleted] = await tx.db
    .update(comments)
    .set({ text: null, deletedAt: now, updatedAt: now })
    .where(eq(comments.id, comment.id))
    .returning();
  if (!deleted) throw new Error('message not deleted');
  await recordTombstone(tx, comment.apId, 'Note', byActorId);
  return deleted;
}
