import { and, eq } from 'drizzle-orm';
import { DomainError } from '../../core/errors.ts';
import { actors, follows, type Follow } from '../../db/schema/actors.ts';
import { transaction } from '../../db/transaction.ts';
import type { FollowsService } from '../actors/index.ts';
import type { ServiceDeps } from '../deps.ts';
import { resolveActing, type Acting } from './acting.ts';
import { loadGroup, requireGroupPermission } from './membership.ts';

/** Who may approve or refuse a group's followers: those who approve its members (moderators and up). */
const FOLLOWERS_ACTION = 'members.approve' as const;

/**
 * A profile follows a group without joining it (local or remote group), chooses whether to hear of
 * its new events, and the group's moderators approve the followers of a group that asks for it.
 * Checks live here; the follow rows (and what federation sends) are the follows service's.
 */
export class GroupFollowsService {
  private readonly deps: ServiceDeps;
  private readonly follows: FollowsService;
  constructor(deps: ServiceDeps, followsService: FollowsService) {
    this.deps = deps;
    this.follows = followsService;
  }

  /** The acting profile follows the group (waiting for approval when the group approves by hand). */
  async follow(acting: Acting, groupId: number, notify = true): Promise<Follow> {
    const actorId = await transaction(this.deps.pool, async (tx) => {
      const actor = await resolveActing(tx, acting);
      const group = await loadGroup(tx, groupId);
      if (actor.id === group.id) throw new DomainError('validation', 'A group cannot follow itself');
      return actor.id;
    });
    return this.follows.requestFollow(actorId, groupId, { notify });
  }

  /** The follower turns the news of the group's new events on or off. */
  async updateFollow(acting: Acting, followId: number, notify: boolean): Promise<Follow> {
    await this.ownFollow(acting, followId);
    return this.follows.setNotify(followId, notify);
  }

  /** The acting profile stops following the group (or withdraws its request). */
  async unfollow(acting: Acting, groupId: number): Promise<Follow> {
    const follow = await transaction(this.deps.pool, async (tx) => {
      const actor = await resolveActing(tx, acting);
      const [row] = await tx.db
        .select()
        .from(follows)
        .innerJoin(actors, eq(actors.id, follows.targetId))
        .where(and(eq(follows.followerId, actor.id), eq(follows.targetId, groupId), eq(actors.type, 'Group')));
      if (!row) throw new DomainError('not_found', 'You are not following this group', { field: 'groupId' });
      return row.follows;
    });
    return this.follows.unfollow(follow.id);
  }

  /** A moderator approves a pending follower, or refuses (removes) a follower. */
  async decide(acting: Acting, followId: number, approved: boolean): Promise<Follow> {
    await transaction(this.deps.pool, async (tx) => {
      const actor = await resolveActing(tx, acting);
      const [follow] = await tx.db.select().from(follows).where(eq(follows.id, followId));
      if (!follow) throw new DomainError('not_found', 'Follower not found', { field: 'id' });
      const group = await loadGroup(tx, follow.targetId).catch(() => {
        throw new DomainError('not_found', 'Follower not found', { field: 'id' });
      });
      if (group.domain !== null) throw new DomainError('forbidden', 'This group is run on another server');
      await requireGroupPermission(tx.db, group.id, actor.id, FOLLOWERS_ACTION);
    });
    return approved ? this.follows.approve(followId) : this.follows.reject(followId);
  }

  private async ownFollow(acting: Acting, followId: number): Promise<Follow> {
    return transaction(this.deps.pool, async (tx) => {
      const actor = await resolveActing(tx, acting);
      const [follow] = await tx.db.select().from(follows).where(eq(follows.id, followId));
      if (!follow || follow.followerId !== actor.id) {
        throw new DomainError('not_found', 'Follow not found', { field: 'followId' });
      }
      return follow;
    });
  }
}
