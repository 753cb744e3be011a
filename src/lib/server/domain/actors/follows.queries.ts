import { and, asc, eq, isNotNull, or, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { actors, follows, type Actor, type Follow } from '../../db/schema/actors.ts';

export interface FollowWithActors {
  follow: Follow;
  follower: Actor;
  target: Actor;
}

export class FollowsQueries {
  private readonly db: Database;
  constructor(db: Database) {
    this.db = db;
  }

  async withActors(followId: number): Promise<FollowWithActors | undefined> {
    const [follow] = await this.db.select().from(follows).where(eq(follows.id, followId));
    if (!follow) return undefined;
    const rows = await this.db
      .select()
      .from(actors)
      .where(sql`${actors.id} in (${follow.followerId}, ${follow.targetId})`);
    const byId = new Map(rows.map((a) => [a.id, a]));
    const f = byId.get(follow.followerId);
    const t = byId.get(follow.targetId);
    return f && t ? { follow, follower: f, target: t } : undefined;
  }

  /** Remote actors linked to one by a follow either way: who must hear that it is gone. */
  remoteCounterparts(actorId: number): Promise<Actor[]> {
    return this.db
      .selectDistinctOn([actors.id], { actor: actors })
      .from(follows)
      .innerJoin(
        actors,
        or(
          and(eq(follows.targetId, actorId), eq(actors.id, follows.followerId)),
          and(eq(follows.followerId, actorId), eq(actors.id, follows.targetId))
        )
      )
      .where(and(isNotNull(actors.domain), or(eq(follows.targetId, actorId), eq(follows.followerId, actorId))))
      .orderBy(asc(actors.id))
      .then((rows) => rows.map((r) => r.actor));
  }

  /** Accepted followers of an actor, a page at a time. */
  followersOf(actorId: number, page: { limit: number; offset: number }): Promise<Actor[]> {
    return this.db
      .select({ actor: actors })
      .from(follows)
      .innerJoin(actors, eq(actors.id, follows.followerId))
      .where(and(eq(follows.targetId, actorId), eq(follows.approved, true)))
      .orderBy(asc(follows.id))
      .limit(page.limit)
      .offset(page.offset)
      .then((rows) => rows.map((r) => r.actor));
  }

  followingOf(actorId: number, page: { limit: number; offset: number }): Promise<Actor[]> {
    return this.db
      .select({ actor: actors })
      .from(follows)
      .innerJoin(actors, eq(actors.id, follows.targetId))
      .where(and(eq(follows.followerId, actorId), eq(follows.approved, true)))
      .orderBy(asc(follows.id))
      .limit(page.limit)
      .offset(page.offset)
      .then((rows) => rows.map((r) => r.actor));
  }

  async countFollowers(actorId: number): Promise<number> {
    const [row] = await this.db
      .select({ n: sql<number>`count(*)::int` })
      .from(follows)
      .where(and(eq(follows.targetId, actorId), eq(follows.approved, true)));
    return row?.n ?? 0;
  }

  async countFollowing(actorId: number): Promise<number> {
    const [row] = await this.db
      .select({ n: sql<number>`count(*)::int` })
      .from(follows)
      .where(and(eq(follows.followerId, actorId), eq(follows.approved, true)));
    return row?.n ?? 0;
  }

  async isFollowing(followerId: number, targetId: number): Promise<Follow | undefined> {
    const [row] = await this.db
      .select()
      .from(follows)
      .where(and(eq(follows.followerId, followerId), eq(follows.targetId, targetId)));
    return row;
  }
}
