import { and, eq, inArray, isNull } from 'drizzle-orm';
import { DomainError } from '../../core/errors.ts';
import type { Database } from '../../db/client.ts';
import { actors, type Actor } from '../../db/schema/actors.ts';
import { members, type Member, type MemberRole } from '../../db/schema/groups.ts';
import type { Transaction } from '../../db/transaction.ts';
import { canInGroup, GROUP_PERMISSIONS, roleRank, type GroupAction } from './group-roles.ts';

type Reader = Database | Transaction['db'];

/** The profile's role in the group, or null when it has no membership row. */
export async function roleInGroup(db: Reader, groupId: number, actorId: number): Promise<MemberRole | null> {
  const [row] = await db
    .select({ role: members.role })
    .from(members)
    .where(and(eq(members.groupId, groupId), eq(members.actorId, actorId)));
  return row?.role ?? null;
}

/** The best role any of these profiles (one person's identities) holds in the group. */
export async function bestRoleInGroup(
  db: Reader,
  groupId: number,
  actorIds: readonly number[]
): Promise<MemberRole | null> {
  if (actorIds.length === 0) return null;
  const rows = await db
    .select({ role: members.role })
    .from(members)
    .where(and(eq(members.groupId, groupId), inArray(members.actorId, [...actorIds])));
  return rows.reduce<MemberRole | null>((best, { role }) => (roleRank(role) > roleRank(best) ? role : best), null);
}

/** A live group (local or remote), locked when asked; anything else is not found. */
export async function loadGroup(tx: Transaction, groupId: number, lock = false): Promise<Actor> {
  const query = tx.db
    .select()
    .from(actors)
    .where(and(eq(actors.id, groupId), eq(actors.type, 'Group'), isNull(actors.deletedAt)));
  const [group] = lock ? await query.for('update') : await query;
  if (!group || group.suspended) throw new DomainError('not_found', 'Group not found', { field: 'groupId' });
  return group;
}

/**
 * Throws unless the profile may do this in the group. Those who are not members learn nothing
 * more than that the group forbids it.
 */
export async function requireGroupPermission(
  db: Reader,
  groupId: number,
  actorId: number,
  action: GroupAction
): Promise<MemberRole> {
  const role = await roleInGroup(db, groupId, actorId);
  if (!canInGroup(role, action)) {
    throw new DomainError('forbidden', permissionMessage(action), { field: 'groupId' });
  }
  return role!;
}

function permissionMessage(action: GroupAction): string {
  const needed = GROUP_PERMISSIONS[action];
  return needed === 'member'
    ? 'Only members of this group can do this'
    : needed === 'moderator'
      ? 'Only moderators and administrators of this group can do this'
      : 'Only administrators of this group can do this';
}

/** A membership row, locked, or not found. */
export async function loadMember(tx: Transaction, memberId: number): Promise<Member> {
  const [member] = await tx.db.select().from(members).where(eq(members.id, memberId)).for('update');
  if (!member) throw new DomainError('not_found', 'Member not found', { field: 'memberId' });
  return member;
}
