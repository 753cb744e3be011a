import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import { DomainError } from '../../core/errors.ts';
import type { Actor } from '../../db/schema/actors.ts';
import { members, type Member, type MemberRole } from '../../db/schema/groups.ts';
import { transaction, type Transaction } from '../../db/transaction.ts';
import type { ServiceDeps } from '../deps.ts';
import { resolveActing, type Acting } from './acting.ts';
import { ASSIGNABLE_ROLES, isMemberRole, roleRank } from './group-roles.ts';
import { RemoteMemberships } from './remote-members.ts';
import { changeMemberRole, deleteMemberRow, insertMemberRow, lockedMemberRow } from './member-rows.ts';
import { loadGroup, loadMember, requireGroupPermission } from './membership.ts';

const ADMIN_ROLES: MemberRole[] = ['administrator', 'creator'];

/** Joining, leaving, inviting, approving and managing the members of groups. */
export class MembersService {
  private readonly deps: ServiceDeps;
  /** What the servers of remote groups decide for our profiles' memberships. */
  readonly remote: RemoteMemberships;
  constructor(deps: ServiceDeps) {
    this.deps = deps;
    this.remote = new RemoteMemberships(deps);
  }

  /**
   * A profile joins an open group, or asks to join a moderated one. A group run elsewhere decides
   * itself: the request waits for its answer. A remote profile's Join names its membership with
   * its own id (`apId`), which the answers repeat.
   */
  async join(acting: Acting, groupId: number, options: { apId?: string | null } = {}): Promise<Member> {
    return transaction(this.deps.pool, async (tx) => {
      const actor = await resolveActing(tx, acting);
      const group = await loadGroup(tx, groupId, true);
      if (actor.id === group.id)
        throw new DomainError('validation', 'A group cannot join itself', { field: 'groupId' });
      const existing = await this.rowOf(tx, group.id, actor.id);
      if (existing && (isMemberRole(existing.role) || existing.role === 'not_approved')) {
        throw new DomainError('conflict', 'You are already a member of this group or asked to be', {
          reason: 'already_member',
          field: 'groupId'
        });
      }
      if (existing?.role === 'invited')
        return this.changeRole(tx, existing, 'member', actor.id, 'member_accepted_invitation');
      if (existing?.role === 'rejected' && group.domain === null) {
        throw new DomainError('forbidden', 'This group has refused your membership', {
          field: 'groupId',
          reason: 'refused'
        });
      }
      let role: MemberRole;
      if (group.domain !== null) role = 'not_approved';
      else if (group.openness === 'open') role = 'member';
      else if (group.openness === 'moderated') role = 'not_approved';
      else
        throw new DomainError('forbidden', 'This group only takes members it invites', {
          field: 'groupId',
          reason: 'invite_only'
        });
      if (existing)
        return this.changeRole(tx, existing, role, actor.id, role === 'member' ? 'member_joined' : 'member_request');
      const subject = role === 'member' ? 'member_joined' : 'member_request';
      return this.insertMember(tx, group.id, actor, role, null, subject, actor.id, options.apId ?? null);
    });
  }

  /** A member leaves; the last administrator must hand the group over first. */
  async leave(acting: Acting, groupId: number): Promise<Member> {
    return transaction(this.deps.pool, async (tx) => {
      const actor = await resolveActing(tx, acting);
      const group = await loadGroup(tx, groupId, true);
      const existing = await this.rowOf(tx, group.id, actor.id);
      if (!existing || existing.role === 'rejected') {
        throw new DomainError('not_found', 'You are not a member of this group', { field: 'groupId' });
      }
      if (ADMIN_ROLES.includes(existing.role) && (await this.otherAdministrators(tx, group.id, actor.id)) === 0) {
        throw new DomainError('forbidden', 'You are the last administrator of this group: name another one first', {
          reason: 'last_administrator',
          field: 'groupId'
        });
      }
      const subject = existing.role === 'invited' ? 'member_rejected_invitation' : 'member_quit';
      return this.deleteMember(tx, existing, actor.id, subject);
    });
  }

  /** A moderator or administrator invites a profile (local or remote) to a local group. */
  async invite(acting: Acting, groupId: number, target: Actor): Promise<Member> {
    return transaction(this.deps.pool, async (tx) => {
      const actor = await resolveActing(tx, acting);
      const group = await loadGroup(tx, groupId, true);
      this.requireLocal(group);
      await requireGroupPermission(tx.db, group.id, actor.id, 'members.invite');
      if (target.type !== 'Person' || target.deletedAt || target.suspended) {
        throw new DomainError('not_found', 'No such profile to invite', { field: 'targetActorUsername' });
      }
      const existing = await this.rowOf(tx, group.id, target.id);
      if (existing && (isMemberRole(existing.role) || existing.role === 'invited')) {
        throw new DomainError('conflict', 'This profile is already a member or invited', {
          reason: 'already_member',
          field: 'targetActorUsername'
        });
      }
      if (existing) {
        await tx.db.update(members).set({ invitedById: actor.id }).where(eq(members.id, existing.id));
        return this.changeRole(tx, { ...existing, invitedById: actor.id }, 'invited', actor.id, 'member_invited');
      }
      return this.insertMember(tx, group.id, target, 'invited', actor.id, 'member_invited', actor.id);
    });
  }

  /** The invited profile accepts. */
  async acceptInvitation(acting: Acting, memberId: number): Promise<Member> {
    return transaction(this.deps.pool, async (tx) => {
      const actor = await resolveActing(tx, acting);
      const member = await this.ownInvitation(tx, memberId, actor.id);
      return this.changeRole(tx, member, 'member', actor.id, 'member_accepted_invitation');
    });
  }

  /** The invited profile declines: the invitation is gone, returned with the role rejected. */
  async rejectInvitation(acting: Acting, memberId: number): Promise<Member> {
    return transaction(this.deps.pool, async (tx) => {
      const actor = await resolveActing(tx, acting);
      const member = await this.ownInvitation(tx, memberId, actor.id);
      return this.deleteMember(tx, member, actor.id, 'member_rejected_invitation');
    });
  }

  /** A moderator lets in someone who asked to join. */
  async approve(acting: Acting, memberId: number): Promise<Member> {
    return transaction(this.deps.pool, async (tx) => {
      const { member, actor } = await this.managed(tx, acting, memberId, 'members.approve');
      if (member.role !== 'not_approved') {
        throw new DomainError('validation', 'This profile has not asked to join', {
          field: 'memberId',
          reason: 'not_pending'
        });
      }
      return this.changeRole(tx, member, 'member', actor.id, 'member_approved');
    });
  }

  /** A moderator refuses a request to join (the profile may not ask again). */
  async reject(acting: Acting, memberId: number): Promise<Member> {
    return transaction(this.deps.pool, async (tx) => {
      const { member, actor } = await this.managed(tx, acting, memberId, 'members.approve');
      if (member.role !== 'not_approved') {
        throw new DomainError('validation', 'This profile has not asked to join', {
          field: 'memberId',
          reason: 'not_pending'
        });
      }
      return this.changeRole(tx, member, 'rejected', actor.id, 'member_rejected');
    });
  }

  /** An administrator gives a member another role (member, moderator or administrator). */
  async updateRole(acting: Acting, memberId: number, role: MemberRole): Promise<Member> {
    return transaction(this.deps.pool, async (tx) => {
      const { member, actor } = await this.managed(tx, acting, memberId, 'members.setRole');
      if (!(ASSIGNABLE_ROLES as readonly MemberRole[]).includes(role)) {
        throw new DomainError('validation', 'A member can only be made member, moderator or administrator', {
          field: 'role'
        });
      }
      if (!isMemberRole(member.role)) {
        throw new DomainError('validation', 'Only members can be given a role', { field: 'memberId' });
      }
      if (member.role === 'creator') {
        throw new DomainError('forbidden', "The group's creator keeps that role", {
          field: 'memberId',
          reason: 'creator_role'
        });
      }
      if (member.role === role) return member;
      if (
        ADMIN_ROLES.includes(member.role) &&
        (await this.otherAdministrators(tx, member.groupId, member.actorId)) === 0
      ) {
        throw new DomainError('forbidden', 'The group needs at least one administrator', {
          field: 'role',
          reason: 'last_administrator'
        });
      }
      return this.changeRole(tx, member, role, actor.id, 'member_updated');
    });
  }

  /**
   * A moderator removes a member of a lower role; with `exclude` the profile may not come back
   * unless invited again.
   */
  async remove(acting: Acting, memberId: number, exclude = false): Promise<Member> {
    return transaction(this.deps.pool, async (tx) => {
      const { member, actor, actorRole } = await this.managed(tx, acting, memberId, 'members.remove');
      if (member.actorId === actor.id) {
        throw new DomainError('validation', 'Leave the group instead of removing yourself', {
          field: 'memberId',
          reason: 'yourself'
        });
      }
      if (roleRank(member.role) >= roleRank(actorRole)) {
        throw new DomainError('forbidden', 'You can only remove members of a lower role than yours', {
          reason: 'higher_role',
          field: 'memberId'
        });
      }
      if (exclude) return this.changeRole(tx, member, 'rejected', actor.id, 'member_removed');
      return this.deleteMember(tx, member, actor.id, 'member_removed');
    });
  }

  // ---- helpers ----

  private requireLocal(group: Actor) {
    if (group.domain !== null) {
      throw new DomainError('forbidden', 'This group is run on another server', { field: 'groupId' });
    }
  }

  private async managed(
    tx: Transaction,
    acting: Acting,
    memberId: number,
    action: 'members.approve' | 'members.setRole' | 'members.remove'
  ) {
    const actor = await resolveActing(tx, acting);
    const member = await loadMember(tx, memberId);
    const group = await loadGroup(tx, member.groupId, true);
    this.requireLocal(group);
    const actorRole = await requireGroupPermission(tx.db, group.id, actor.id, action);
    return { actor, member, group, actorRole };
  }

  private async ownInvitation(tx: Transaction, memberId: number, actorId: number): Promise<Member> {
    const member = await loadMember(tx, memberId);
    if (member.actorId !== actorId || member.role !== 'invited') {
      throw new DomainError('not_found', 'Invitation not found', { field: 'id' });
    }
    await loadGroup(tx, member.groupId, true);
    return member;
  }

  private rowOf(tx: Transaction, groupId: number, actorId: number): Promise<Member | undefined> {
    return lockedMemberRow(tx, groupId, actorId);
  }

  private async otherAdministrators(tx: Transaction, groupId: number, actorId: number): Promise<number> {
    const [row] = await tx.db
      .select({ n: sql<number>`count(*)::int` })
      .from(members)
      .where(and(eq(members.groupId, groupId), inArray(members.role, ADMIN_ROLES), ne(members.actorId, actorId)));
    return row?.n ?? 0;
  }

  private insertMember(
    tx: Transaction,
    groupId: number,
    actor: Actor,
    role: MemberRole,
    invitedById: number | null,
    subject: string,
    byActorId: number = actor.id,
    apId: string | null = null
  ): Promise<Member> {
    return insertMemberRow(this.deps, tx, { groupId, actor, role, invitedById, apId }, subject, byActorId);
  }

  private changeRole(tx: Transaction, member: Member, role: MemberRole, byActorId: number, subject: string) {
    return changeMemberRole(this.deps, tx, member, role, byActorId, subject);
  }

  private deleteMember(tx: Transaction, member: Member, byActorId: number, subject: string): Promise<Member> {
    return deleteMemberRow(this.deps, tx, member, byActorId, subject);
  }
}
