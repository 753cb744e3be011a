import { eq } from 'drizzle-orm';
import { discussions, groupActivities, posts, resources, todoLists } from '../../db/schema/groups.ts';
import type { Transaction } from '../../db/transaction.ts';
import type { DomainEventRecorder } from '../../jobs/domain-events.ts';
import { deleteEventsOfGroup } from '../events/index.ts';

/**
 * Everything a deleted group held: its events (each deletion told as for any event), posts,
 * discussions with their messages, resources, todo lists and history. Kept in one place so that the
 * group's tombstone never keeps content alive.
 */
export async function deleteGroupContent(tx: Transaction, events: DomainEventRecorder, groupId: number): Promise<void> {
  await deleteEventsOfGroup(tx, events, groupId);
  await tx.db.delete(posts).where(eq(posts.groupId, groupId));
  await tx.db.delete(discussions).where(eq(discussions.groupId, groupId));
  await tx.db.delete(resources).where(eq(resources.groupId, groupId));
  await tx.db.delete(todoLists).where(eq(todoLists.groupId, groupId));
  await tx.db.delete(groupActivities).where(eq(groupActivities.groupId, groupId));
}
