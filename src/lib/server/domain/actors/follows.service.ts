import { and, eq, inArray } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { DomainError } from '../../core/errors.ts';
import { actors, follows, type Follow } from '../../db/schema/actors.ts';
import { transaction } from '../../db/transaction.ts';
import type { ServiceDeps } from '../deps.ts';

/** Follow relations between actors, whether the follower or the target is local or remote. */
export class FollowsService {
  private readonly deps: ServiceDeps;
  constructor(deps: ServiceDeps) {
    this.deps = deps;
  }

  /** A local actor asks to follow another actor; federation sends the Follow. */
  async requestFollow(followerId: number, targetId: number): Promise<Follow> {
    if (followerId === targetId) throw new DomainError('validation', 'An actor cannot follow itself');
    return transaction(this.deps.pool, async (tx) => {
      const [follower] = await tx.db.select().from(actors).where(eq(actors.id, followerId));
      const [target] = await tx.db.select().from(actors).where(eq(actors.id, targetId));
      if (!follower || follower.domain !== null) throw new DomainError('not_found', 'Follower not found');
      if (!target || target.suspended) throw new DomainError('not_found', 'Actor to follow not found');
      const [follow] = await tx.db
        .insert(follows)
        .values({ followerId, targetId, apId: `${this.deps.config.publicUrl}/follow/${randomUUID()}` })
        .onConflictDoNothing()
        .returning();
      if (!follow) throw new DomainError('conflict', 'You are already following this actor');
      await this.deps.events.record(tx, 'FollowRequested', { followId: follow.id });
      return follow;
    });
  }

  /**
   * Someone follows a local actor. Accepted at once unless the target approves followers by hand.
   * Idempotent on the Follow's id: a replayed activity changes nothing.
   */
  async receiveFollow(input: { followerId: number; targetId: number; apId: string }): Promise<Follow> {
    return transaction(this.deps.pool, async (tx) => {
      const [target] = await tx.db.select().from(actors).where(eq(actors.id, input.targetId));
      if (!target || target.domain !== null || target.suspended) throw new DomainError('not_found', 'Actor not found');
      const [existing] = await tx.db
        .select()
        .from(follows)
        .where(and(eq(follows.followerId, input.followerId), eq(follows.targetId, input.targetId)));
      if (existing) return existing;
      const approved = !target.manuallyApprovesFollowers;
      const [follow] = await tx.db
        .insert(follows)
        .values({ ...input, approved })
        .onConflictDoNothing()
        .returning();
      if (!follow) {
        const [again] = await tx.db.select().from(follows).where(eq(follows.apId, input.apId));
        if (!again) throw new DomainError('conflict', 'Follow could not be recorded');
        return again;
      }
      if (approved) await this.deps.events.record(tx, 'FollowAccepted', { followId: follow.id });
      return follow;
    });
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
}
