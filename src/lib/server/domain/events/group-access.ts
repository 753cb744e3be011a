import { and, eq, inArray, isNull } from 'drizzle-orm';
import { DomainError } from '../../core/errors.ts';
import type { Database } from '../../db/client.ts';
import { actors, type Actor } from '../../db/schema/actors.ts';
import { members, type MemberRole } from '../../db/schema/groups.ts';
import type { Transaction } from '../../db/transaction.ts';
// The groups context imports this one (a group's events): its files are imported one by one, not
// through its index, so that the two modules never wait on each other while loading.
import { canInGroup, roleRank, type GroupAction } from '../groups/group-roles.ts';

type Reader = Database | Transaction['db'];
const FULL_MEMBER: MemberRole[] = ['member', 'moderator', 'administrator', 'creator'];

/** The groups (among `groupIds`, when given) where one of these profiles is a full member: one query. */
export async function memberGroupIds(
  db: Reader,
  actorIds: readonly number[],
  groupIds?: readonly number[]
): Promise<number[]> {
  if (actorIds.length === 0 || groupIds?.length === 0) return [];
  const rows = await db
    .selectDistinct({ groupId: members.groupId })
    .from(members)
    .where(
      and(
        inArray(members.actorId, [...actorIds]),
        inArray(members.role, FULL_MEMBER),
        groupIds ? inArray(members.groupId, [...groupIds]) : undefined
      )
    );
  return rows.map((r) => r.groupId);
}

/** A live local group that may organize events; anything else is refused. */
export async function organizingGroup(tx: Transaction, groupId: number): Promise<Actor> {
  const [group] = await tx.db
    .select()
    .from(actors)
    .where(and(eq(actors.id, groupId), eq(actors.type, 'Group'), isNull(actors.deletedAt)));
  if (!group || group.suspended) throw new DomainError('not_found', 'Group not found', { field: 'attributedToId' });
  if (group.domain !== null) {
    throw new DomainError('forbidden', 'This group is run on another server', { field: 'attributedToId' });
  }
  return group;
}

/**
 * The user's live local profile with the highest role in the group, if that role allows the
 * action (the organizer's profile first when it does): who acts on a group's event.
 */
export async function groupActor(
  tx: Transaction,
  userId: number,
  groupId: number,
  action: GroupAction,
  preferredActorId: number
): Promise<number | null> {
  const rows = await tx.db
    .select({ actorId: members.actorId, role: members.role })
    .from(members)
    .innerJoin(actors, eq(actors.id, members.actorId))
    .where(
      and(eq(members.groupId, groupId), eq(actors.userId, userId), isNull(actors.domain), isNull(actors.deletedAt))
    );
  const allowed = rows.filter((r) => canInGroup(r.role, action));
  if (allowed.length === 0) return null;
  const preferred = allowed.find((r) => r.actorId === preferredActorId);
  if (preferred) return preferred.actorId;
  return allowed.reduce((best, r) => (roleRank(r.role) > roleRank(best.role) ? r : best)).actorId;
}
