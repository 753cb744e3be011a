import { eq } from 'drizzle-orm';
import { todoLists } from '../../db/schema/groups.ts';
import type { Transaction } from '../../db/transaction.ts';

/** A deleted group's todo lists go with it, and their todos by cascade. */
export async function deleteTodosOfGroup(tx: Transaction, groupId: number): Promise<void> {
  await tx.db.delete(todoLists).where(eq(todoLists.groupId, groupId));
}
