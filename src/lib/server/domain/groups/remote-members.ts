import { eq } from 'drizzle-orm';
import { DomainError } from '../../core/errors.ts';
import { actors, type Actor } from '../../db/schema/actors.ts';
import { members, type Member, type MemberRole } from '../../db/schema/groups.ts';
import { transaction, type Transaction } from '../../db/transaction.ts';
import type { ServiceDeps } from '../deps.ts';
import { resolveActing, type Acting } from './acting.ts';
import { isMemberRole } from './group-roles.ts';
import { changeMemberRole, deleteMemberRow, insertMemberRow, lockedMemberRow } from './member-rows.ts';
import { loadGroup } from './membership.ts';

/** What a remote group's server decided about a membership it holds. */
export type RemoteDecision =
  /** A request or an invitation became a membership (with the role the group gives, member by default). */
  | { kind: 'accepted'; role?: MemberRole | null }
  /** A request to join was refused. */
  | { kind: 'rejected' }
  /** The group changed the role (Update of the Member). */
  | { kind: 'role'; role: MemberRole }
  /** The member was removed from the group. */
  | { kind: 'removed' };

/** Which membership: its id as the group's server names it, or the (group, profile) pair. */
export interface RemoteMemberRef {
  groupId: number;
  apId?: string | null;
  actorId?: number | null;
}

/**
 * A remote group's server holds the memberships of its group; what it tells us about our profiles'
 * memberships is applied here. Only the group itself, or an actor of the group's own server (its
 * moderators sign Mobilizon's Invite and Remove), may speak for the group: anyone else is refused.
 */
export class RemoteMemberships {
  private readonly deps: ServiceDeps;
  constructor(deps: ServiceDeps) {
    this.deps = deps;
  }

  /** Applies a decision to a membership of a remote group; undefined when no such membership is here. */
  async applyDecision(acting: Acting, ref: RemoteMemberRef, decision: RemoteDecision): Promise<Member | undefined> {
    return transaction(this.deps.pool, async (tx) => {
      const { speaker, group } = await this.groupVoice(tx, acting, ref.groupId);
      const row = await this.rowOf(tx, group.id, ref);
      if (!row) {
        // The group may name a membership of one of our profiles we did not know of (made there).
        if (decision.kind !== 'role' || !ref.actorId || !isMemberRole(decision.role)) return undefined;
        const actor = await this.localPerson(tx, ref.actorId);
        if (!actor) return undefined;
        const input = { groupId: group.id, actor, role: decision.role, invitedById: null, apId: ref.apId ?? null };
        return insertMemberRow(this.deps, tx, input, 'member_joined', speaker.id);
      }
      switch (decision.kind) {
        case 'accepted': {
          if (isMemberRole(row.role)) return row;
          const role = decision.role && isMemberRole(decision.role) ? decision.role : 'member';
          return changeMemberRole(this.deps, tx, row, role, speaker.id, 'member_approved');
        }
        case 'rejected':
          if (row.role !== 'not_approved' && row.role !== 'invited') return row;
          return changeMemberRole(this.deps, tx, row, 'rejected', speaker.id, 'member_rejected');
        case 'role':
          if (row.role === decision.role) return row;
          return changeMemberRole(this.deps, tx, row, decision.role, speaker.id, 'member_updated');
        case 'removed':
          return deleteMemberRow(this.deps, tx, row, speaker.id, 'member_removed');
      }
    });
  }

  /**
   * A remote group invites one of our profiles: an `invited` row named by the group's id for it,
   * listed among the profile's invitations. Nothing changes for a profile already in the group.
   */
  async receiveInvite(
    acting: Acting,
    invite: { groupId: number; inviteeId: number; apId: string }
  ): Promise<Member | undefined> {
    return transaction(this.deps.pool, async (tx) => {
      const { speaker, group } = await this.groupVoice(tx, acting, invite.groupId);
      const invitee = await this.localPerson(tx, invite.inviteeId);
      if (!invitee) throw new DomainError('not_found', 'No such profile to invite', { field: 'targetActorUsername' });
      const existing = await lockedMemberRow(tx, group.id, invitee.id);
      if (existing && (isMemberRole(existing.role) || existing.role === 'invited')) return existing;
      const [taken] = await tx.db.select({ id: members.id }).from(members).where(eq(members.apId, invite.apId));
      if (taken) return undefined;
      if (existing) {
        await tx.db
          .update(members)
          .set({ apId: invite.apId, invitedById: speaker.id })
          .where(eq(members.id, existing.id));
        const renamed = { ...existing, apId: invite.apId, invitedById: speaker.id };
        return changeMemberRole(this.deps, tx, renamed, 'invited', speaker.id, 'member_invited');
      }
      const input = {
        groupId: group.id,
        actor: invitee,
        role: 'invited' as const,
        invitedById: speaker.id,
        apId: invite.apId
      };
      return insertMemberRow(this.deps, tx, input, 'member_invited', speaker.id);
    });
  }

  /** A remote group is gone: our profiles' memberships of it go too (no event: nobody is told). */
  async forgetGroup(groupId: number): Promise<number> {
    const gone = await this.deps.db.delete(members).where(eq(members.groupId, groupId)).returning({ id: members.id });
    return gone.length;
  }

  // ---- helpers ----

  /** The acting actor speaks for this remote group: it is the group, or lives on its server. */
  private async groupVoice(tx: Transaction, acting: Acting, groupId: number) {
    const speaker = await resolveActing(tx, acting);
    const group = await loadGroup(tx, groupId, true);
    if (group.domain === null) {
      throw new DomainError('forbidden', 'This group is run here', { field: 'groupId' });
    }
    if (speaker.id !== group.id && speaker.domain?.toLowerCase() !== group.domain.toLowerCase()) {
      throw new DomainError('forbidden', 'Only the group’s server decides its memberships', { field: 'groupId' });
    }
    return { speaker, group };
  }

  private async rowOf(tx: Transaction, groupId: number, ref: RemoteMemberRef): Promise<Member | undefined> {
    if (ref.apId) {
      const [byApId] = await tx.db.select().from(members).where(eq(members.apId, ref.apId)).for('update');
      if (byApId) return byApId.groupId === groupId ? byApId : undefined;
    }
    return ref.actorId ? lockedMemberRow(tx, groupId, ref.actorId) : undefined;
  }

  private async localPerson(tx: Transaction, actorId: number): Promise<Actor | undefined> {
    const [actor] = await tx.db.select().from(actors).where(eq(actors.id, actorId));
    if (!actor || actor.domain !== null || actor.type !== 'Person' || actor.deletedAt || actor.suspended)
      return undefined;
    return actor;
  }
}
