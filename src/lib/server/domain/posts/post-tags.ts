import { asc, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { tags, type Tag } from '../../db/schema/events.ts';
import { postTags } from '../../db/schema/groups.ts';
import type { Transaction } from '../../db/transaction.ts';
import type { PostTagInput } from './posts.inputs.ts';

/** Replaces a post's tags; new tags are created, known ones (by slug) keep their first title. */
export async function setPostTags(tx: Transaction, postId: number, list: readonly PostTagInput[]): Promise<void> {
  await tx.db.delete(postTags).where(eq(postTags.postId, postId));
  if (list.length === 0) return;
  await tx.db
    .insert(tags)
    .values(list.map((t) => ({ slug: t.slug, title: t.title })))
    .onConflictDoNothing({ target: tags.slug });
  const rows = await tx.db
    .select({ id: tags.id })
    .from(tags)
    .where(
      inArray(
        tags.slug,
        list.map((t) => t.slug)
      )
    );
  await tx.db.insert(postTags).values(rows.map((r) => ({ postId, tagId: r.id })));
}

/** Tags of many posts at once, in title order. */
export async function tagsOfPosts(db: Database, postIds: readonly number[]): Promise<Map<number, Tag[]>> {
  const result = new Map<number, Tag[]>();
  if (postIds.length === 0) return result;
  const rows = await db
    .select({ postId: postTags.postId, tag: tags })
    .from(postTags)
    .innerJoin(tags, eq(tags.id, postTags.tagId))
    .where(inArray(postTags.postId, [...postIds]))
    .orderBy(asc(tags.title));
  for (const row of rows) result.set(row.postId, [...(result.get(row.postId) ?? []), row.tag]);
  return result;
}
