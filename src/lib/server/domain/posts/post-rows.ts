import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { DomainError } from '../../core/errors.ts';
import { posts, type Post } from '../../db/schema/groups.ts';
import type { Transaction } from '../../db/transaction.ts';
import { recordGroupActivity } from '../groups/index.ts';
import { postSlug, postUrl } from './post-slug.ts';

export type PostValues = Omit<typeof posts.$inferInsert, 'id' | 'uuid' | 'slug' | 'apId' | 'url'>;

/**
 * Inserts a post under a fresh slug (`title-1a2b3c4d`); on the rare clash of the uuid part another
 * uuid is drawn. `apId` null: a local post, whose id is its page (`/p/<slug>`).
 */
export async function insertPost(
  tx: Transaction,
  publicUrl: string,
  values: PostValues,
  remote: { apId: string; url: string } | null = null
): Promise<Post> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const uuid = randomUUID();
    const slug = postSlug(values.title, uuid);
    const url = postUrl(publicUrl, slug);
    const [row] = await tx.db
      .insert(posts)
      .values({ ...values, uuid, slug, apId: remote?.apId ?? url, url: remote?.url ?? url })
      .onConflictDoNothing()
      .returning();
    if (row) return row;
    if (remote) {
      const [known] = await tx.db.select({ id: posts.id }).from(posts).where(eq(posts.apId, remote.apId));
      if (known) throw new DomainError('conflict', 'This post is already known', { field: 'id' });
    }
  }
  throw new Error('no free slug for this post');
}

/** Locks a post, or not found. */
export async function lockPost(tx: Transaction, where: { id: number } | { apId: string }): Promise<Post | undefined> {
  const [row] = await tx.db
    .select()
    .from(posts)
    .where('id' in where ? eq(posts.id, where.id) : eq(posts.apId, where.apId))
    .for('update');
  return row;
}

export async function updatePostRow(tx: Transaction, id: number, set: Partial<PostValues>): Promise<Post> {
  const [row] = await tx.db
    .update(posts)
    .set({ ...set, updatedAt: sql`greatest(now(), ${posts.updatedAt} + interval '1 millisecond')` })
    .where(eq(posts.id, id))
    .returning();
  return row!;
}

export type PostHistorySubject = 'post_created' | 'post_updated' | 'post_deleted';

/** One line of the group's history about a post (drafts stay out of it: members would read their titles). */
export async function recordPostHistory(
  tx: Transaction,
  post: Post,
  authorId: number | null,
  subject: PostHistorySubject
): Promise<void> {
  await recordGroupActivity(tx, {
    groupId: post.groupId,
    authorId,
    type: 'post',
    subject,
    subjectParams: { post_title: post.title, post_slug: post.slug },
    objectId: post.id
  });
}
