import { and, eq, inArray, or, type SQL } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { DomainError } from '../../core/errors.ts';
import { actors, follows, type Follow } from '../../db/schema/actors.ts';
import { transaction, type Transaction } from '../../db/transaction.ts';
import type { ServiceDeps } from '../deps.ts';
import { followRefusal, isInstanceActor, type FollowRefusal } from './follows.policy.ts';

/** What became of a Follow received from another server. */
export type ReceivedFollow =
  { follow: Follow; refused: null } | { follow: null; refused: Exclude<FollowRefusal, null> };

/** Follow relations between actors, whether the follower or the target is local or remote. */
export class FollowsService {
  private readonly deps: ServiceDeps;
  constructor(deps: ServiceDeps) {
    this.deps = deps;
  }

  /**
   * A local actor asks to follow another actor; federation sends the Follow when the target lives
   * elsewhere. A local group is followed at once unless it approves its followers by hand.
   * `notify`: whether the follower hears of the target's new events.
   */
  async requestFollow(followerId: number, targetId: number, options: { notify?: boolean } = {}): Promise<Follow> {
    if (followerId === targetId) throw new DomainError('validation', 'An actor cannot follow itself');
    return transaction(this.deps.pool, async (tx) => {
      const [follower] = await tx.db.select().from(actors).where(eq(actors.id, followerId));
      const [target] = await tx.db.select().from(actors).where(eq(actors.id, targetId));
      if (!follower || follower.domain !== null) throw new DomainError('not_found', 'Follower not found');
      if (!target || target.suspended) throw new DomainError('not_found', 'Actor to follow not found');
      const local = target.domain === null;
      if (local && followRefusal(target)) throw new DomainError('forbidden', 'This actor cannot be followed');
      const approved = local && !target.manuallyApprovesFollowers && !isInstanceActor(target);
      const [follow] = await tx.db
        .insert(follows)
        .values({
          followerId,
          targetId,
          approved,
          notify: options.notify ?? true,
          apId: `${this.deps.config.publicUrl}/follow/${randomUUID()}`
        })
        .onConflictDoNothing()
        .returning();
      if (!follow) throw new DomainError('conflict', 'You are already following this actor');
      await this.deps.events.record(tx, 'FollowRequested', { followId: follow.id });
      return follow;
    });
  }

  /** A follower chooses whether to hear of the target's new events. */
  async setNotify(followId: number, notify: boolean): Promise<Follow> {
    const [follow] = await this.deps.db
      .update(follows)
      .set({ notify, updatedAt: new Date() })
      .where(eq(follows.id, followId))
      .returning();
    if (!follow) throw new DomainError('not_found', 'Follow not found');
    return follow;
  }

  /**
   * Someone follows a local actor. Only the instance actor and groups may be followed: a follow of a
   * profile is refused (a Reject is sent). Accepted at once unless the target approves followers by
   * hand, as the relay always does (administrators are told). Idempotent on the Follow's id.
   */
  async receiveFollow(input: { followerId: number; targetId: number; apId: string }): Promise<ReceivedFollow> {
    return transaction(this.deps.pool, async (tx) => {
      const [target] = await tx.db.select().from(actors).where(eq(actors.id, input.targetId));
      const [follower] = await tx.db.select().from(actors).where(eq(actors.id, input.followerId));
      if (!target || target.domain !== null || target.suspended) throw new DomainError('not_found', 'Actor not found');
      if (!follower || follower.domain === null) throw new DomainError('not_found', 'Follower not found');
      if (follower.suspended) throw new DomainError('forbidden', 'This actor is suspended');
      const refused = followRefusal(target);
      if (refused) {
        await this.deps.events.record(tx, 'FollowRejected', {
          followApId: input.apId,
          followerId: input.followerId,
          targetId: input.targetId
        });
        return { follow: null, refused };
      }
      const [existing] = await tx.db
        .select()
        .from(follows)
        .where(and(eq(follows.followerId, input.followerId), eq(follows.targetId, input.targetId)));
      if (existing) return { follow: existing, refused: null };
      const approved = !target.manuallyApprovesFollowers && !isInstanceActor(target);
      const [follow] = await tx.db
        .insert(follows)
        .values({ ...input, approved })
        .onConflictDoNothing()
        .returning();
      if (!follow) {
        const [again] = await tx.db.select().from(follows).where(eq(follows.apId, input.apId));
        if (!again) throw new DomainError('conflict', 'Follow could not be recorded');
        return { follow: again, refused: null };
      }
      if (approved) await this.deps.events.record(tx, 'FollowAccepted', { followId: follow.id });
      else if (isInstanceActor(target)) {
        await this.deps.events.record(tx, 'InstanceFollowRequested', { followId: follow.id });
      }
      return { follow, refused: null };
    });
  }

  /** A local actor approves a pending follow of it; the Accept is sent. Approving twice changes nothing. */
  async approve(followId: number): Promise<Follow> {
    return transaction(this.deps.pool, async (tx) => {
      const follow = await this.lockedWithLocalTarget(tx, followId);
      if (follow.approved) return follow;
      const [updated] = await tx.db
        .update(follows)
        .set({ approved: true, updatedAt: new Date() })
        .where(eq(follows.id, followId))
        .returning();
      await this.deps.events.record(tx, 'FollowAccepted', { followId });
      return updated!;
    });
  }

  /** A local actor refuses (or stops accepting) a follower: the row goes and a Reject is sent. */
  async reject(followId: number): Promise<Follow> {
    return transaction(this.deps.pool, async (tx) => {
      const follow = await this.lockedWithLocalTarget(tx, followId);
      await tx.db.delete(follows).where(eq(follows.id, followId));
      await this.deps.events.record(tx, 'FollowRejected', {
        followApId: follow.apId,
        followerId: follow.followerId,
        targetId: follow.targetId
      });
      return follow;
    });
  }

  /** A local actor stops following a remote one (or withdraws its request): an Undo is sent. */
  async unfollow(followId: number): Promise<Follow> {
    return transaction(this.deps.pool, async (tx) => {
      const [follow] = await tx.db.select().from(follows).where(eq(follows.id, followId)).for('update');
      if (!follow) throw new DomainError('not_found', 'Follow not found');
      const [follower] = await tx.db.select().from(actors).where(eq(actors.id, follow.followerId));
      if (!follower || follower.domain !== null) throw new DomainError('not_found', 'Follow not found');
      await tx.db.delete(follows).where(eq(follows.id, followId));
      await this.deps.events.record(tx, 'FollowUndone', {
        followApId: follow.apId,
        followerId: follow.followerId,
        targetId: follow.targetId
      });
      return follow;
    });
  }

  /**
   * A remote follower undid its follow. Only the follower may: the row is matched on the follower
   * and on the Follow's id (or, when the Undo names an unknown id, on the target it followed).
   */
  async receiveUndo(input: {
    followerId: number;
    followApId: string | null;
    targetId: number | null;
  }): Promise<boolean> {
    const which: SQL[] = [];
    if (input.followApId) which.push(eq(follows.apId, input.followApId));
    if (input.targetId !== null) which.push(eq(follows.targetId, input.targetId));
    if (which.length === 0) return false;
    const removed = await this.deps.db
      .delete(follows)
      .where(and(eq(follows.followerId, input.followerId), or(...which)))
      .returning({ id: follows.id });
    return removed.length > 0;
  }

  /** The followed remote actor refused our follow. Only the target may: matched on the id and the target. */
  async receiveReject(input: { followApId: string; targetId: number }): Promise<boolean> {
    const removed = await this.deps.db
      .delete(follows)
      .where(and(eq(follows.apId, input.followApId), eq(follows.targetId, input.targetId)))
      .returning({ id: follows.id });
    return removed.length > 0;
  }

  /** Remote actors that can no longer be reached stop following anyone here. */
  async removeFollowsOf(actorIds: readonly number[]): Promise<number> {
    if (actorIds.length === 0) return 0;
    const removed = await this.deps.db
      .delete(follows)
      .where(inArray(follows.followerId, [...actorIds]))
      .returning({ id: follows.id });
    return removed.length;
  }

  /** The target accepted our follow request. Returns false when no such request is pending. */
  async markAccepted(input: { followApId: string; targetId: number }): Promise<boolean> {
    const updated = await this.deps.db
      .update(follows)
      .set({ approved: true, updatedAt: new Date() })
      .where(and(eq(follows.apId, input.followApId), eq(follows.targetId, input.targetId)))
      .returning();
    return updated.length > 0;
  }

  private async lockedWithLocalTarget(tx: Transaction, followId: number): Promise<Follow> {
    const [follow] = await tx.db.select().from(follows).where(eq(follows.id, followId)).for('update');
    if (!follow) throw new DomainError('not_found', 'Follow not found');
    const [target] = await tx.db.select().from(actors).where(eq(actors.id, follow.targetId));
    if (!target || target.domain !== null) throw new DomainError('not_found', 'Follow not found');
    return follow;
  }
}
