import { eq } from 'drizzle-orm';
import { comments, type Comment } from '../../db/schema/comments.ts';
import type { Transaction } from '../../db/transaction.ts';
import type { ServiceDeps } from '../deps.ts';
import { recordTombstone } from '../fediverse/index.ts';

/**
 * A comment becomes a tombstone: its text goes, its row stays so that its thread keeps its shape,
 * and its id is remembered as gone (a late Create never brings it back). `byActorId` is who
 * removed it, when a profile did: federation signs the Delete with it when it is not the author's.
 */
export async function tombstoneComment(
  deps: ServiceDeps,
  tx: Transaction,
  comment: Comment,
  byActorId: number | null
): Promise<Comment> {
  const now = new Date();
  const [deleted] = await tx.db
    .update(comments)
    .set({ text: null, deletedAt: now, updatedAt: now })
    .where(eq(comments.id, comment.id))
    .returning();
  if (!deleted) throw new Error('comment not deleted');
  await recordTombstone(tx, comment.apId, 'Note', byActorId);
  await deps.events.record(tx, 'CommentDeleted', { commentId: deleted.id, byActorId });
  return deleted;
}
