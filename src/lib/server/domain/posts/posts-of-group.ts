import { eq } from 'drizzle-orm';
import { posts } from '../../db/schema/groups.ts';
import type { Transaction } from '../../db/transaction.ts';

/** A deleted group's posts go with it (their tags and history by cascade). */
export async function deletePostsOfGroup(tx: Transaction, groupId: number): Promise<void> {
  await tx.db.delete(posts).where(eq(posts.groupId, groupId));
}
