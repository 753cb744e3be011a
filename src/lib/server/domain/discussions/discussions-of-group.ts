import { eq } from 'drizzle-orm';
import { discussions } from '../../db/schema/groups.ts';
import type { Transaction } from '../../db/transaction.ts';

/** A deleted group's discussions go with it, and their messages by cascade. */
export async function deleteDiscussionsOfGroup(tx: Transaction, groupId: number): Promise<void> {
  await tx.db.delete(discussions).where(eq(discussions.groupId, groupId));
}
