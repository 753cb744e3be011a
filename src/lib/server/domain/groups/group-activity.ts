import { groupActivities, type GroupActivity } from '../../db/schema/groups.ts';
import type { Transaction } from '../../db/transaction.ts';

export interface GroupActivityEntry {
  groupId: number;
  authorId: number | null;
  type: GroupActivity['type'];
  /** Mobilizon's subject names: `member_joined`, `post_created`, `resource_moved`… */
  subject: string;
  subjectParams?: Record<string, string>;
  objectId?: number | null;
}

/** Writes one line of the group's history, in the transaction of the change it tells of. */
export async function recordGroupActivity(tx: Transaction, entry: GroupActivityEntry): Promise<void> {
  await tx.db.insert(groupActivities).values({
    groupId: entry.groupId,
    authorId: entry.authorId,
    type: entry.type,
    subject: entry.subject,
    subjectParams: entry.subjectParams ?? {},
    objectId: entry.objectId ?? null
  });
}
