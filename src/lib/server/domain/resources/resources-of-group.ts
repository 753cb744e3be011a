import { eq } from 'drizzle-orm';
import { resources } from '../../db/schema/groups.ts';
import type { Transaction } from '../../db/transaction.ts';

/** A deleted group's resources go with it, folders and all. */
export async function deleteResourcesOfGroup(tx: Transaction, groupId: number): Promise<void> {
  await tx.db.delete(resources).where(eq(resources.groupId, groupId));
}
