import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../db/schema/actors.ts';
import { members, type Member, type MemberRole } from '../../db/schema/groups.ts';
import type { Transaction } from '../../db/transaction.ts';
import type { ServiceDeps } from '../deps.ts';
import { recordGroupActivity } from './group-activity.ts';
import { memberApId } from './group-urls.ts';

/**
 * The writes of membership rows, each with its line of history and its domain event, shared by the
 * local use cases (members.service.ts) and what remote servers tell (remote-members.ts).
 */

/** The (group, profile) row, locked. */
export async function lockedMemberRow(tx: Transaction, groupId: number, actorId: number): Promise<Member | undefined> {
  const [row] = await tx.db
    .select()
    .from(members)
    .where(and(eq(members.groupId, groupId), eq(members.actorId, actorId)))
    .for('update');
  return row;
}

export async function insertMemberRow(
  deps: ServiceDeps,
  tx: Transaction,
  row: { groupId: number; actor: Actor; role: MemberRole; invitedById: number | null; apId?: string | null },
  subject: string,
  byActorId: number = row.actor.id
): Promise<Member> {
  const uuid = randomUUID();
  const [member] = await tx.db
    .insert(members)
    .values({
      uuid,
      apId: row.apId ?? memberApId(deps.config.publicUrl, uuid),
      groupId: row.groupId,
      actorId: row.actor.id,
      role: row.role,
      invitedById: row.invitedById
    })
    .returning();
  await memberTold(deps, tx, member!, null, byActorId, subject);
  return member!;
}

export async function changeMemberRole(
  deps: ServiceDeps,
  tx: Transaction,
  member: Member,
  role: MemberRole,
  byActorId: number,
  subject: string
): Promise<Member> {
  const [updated] = await tx.db
    .update(members)
    .set({ role, updatedAt: new Date() })
    .where(eq(members.id, member.id))
    .returning();
  await memberTold(deps, tx, updated!, member.role, byActorId, subject);
  return updated!;
}

/** The row goes; returned with the role rejected (what Mobilizon answers for a removed membership). */
export async function deleteMemberRow(
  deps: ServiceDeps,
  tx: Transaction,
  member: Member,
  byActorId: number,
  subject: string
): Promise<Member> {
  await tx.db.delete(members).where(eq(members.id, member.id));
  await recordGroupActivity(tx, {
    groupId: member.groupId,
    authorId: byActorId,
    type: 'member',
    subject,
    subjectParams: { member_actor_id: String(member.actorId) },
    objectId: member.id
  });
  await deps.events.record(tx, 'MemberRemoved', {
    groupId: member.groupId,
    actorId: member.actorId,
    memberApId: member.apId,
    role: member.role,
    byActorId
  });
  return { ...member, role: 'rejected', updatedAt: new Date() };
}

async function memberTold(
  deps: ServiceDeps,
  tx: Transaction,
  member: Member,
  from: MemberRole | null,
  byActorId: number,
  subject: string
) {
  await recordGroupActivity(tx, {
    groupId: member.groupId,
    authorId: byActorId,
    type: 'member',
    subject,
    subjectParams: { member_actor_id: String(member.actorId), role: member.role },
    objectId: member.id
  });
  await deps.events.record(tx, 'MemberChanged', {
    memberId: member.id,
    actorId: member.actorId,
    groupId: member.groupId,
    from,
    to: member.role,
    byActorId
  });
}
