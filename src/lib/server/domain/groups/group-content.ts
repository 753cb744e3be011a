import { eq } from 'drizzle-orm';
import { groupActivities } from '../../db/schema/groups.ts';
import type { Transaction } from '../../db/transaction.ts';
import type { DomainEventRecorder } from '../../jobs/domain-events.ts';

/**
 * Removes what one context holds for a deleted group (its events, posts, discussions…). Each
 * context writes its own tables: services.ts hands the groups context one remover per context.
 */
export type GroupContentRemover = (tx: Transaction, events: DomainEventRecorder, groupId: number) => Promise<void>;

/**
 * Everything a deleted group held, in the transaction of its deletion, so that the group's
 * tombstone never keeps content alive: each context's content, then the group's history.
 */
export async function deleteGroupContent(
  tx: Transaction,
  events: DomainEventRecorder,
  groupId: number,
  removers: readonly GroupContentRemover[]
): Promise<void> {
  for (const remove of removers) await remove(tx, events, groupId);
  await tx.db.delete(groupActivities).where(eq(groupActivities.groupId, groupId));
}
