import { aliasedTable, and, asc, desc, eq, isNotNull, isNull, or, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { actors, follows, type Actor } from '../../db/schema/actors.ts';
import { instances } from '../../db/schema/federation.ts';
import type { FollowWithActors } from '../actors/index.ts';
import type { RelayAddress } from './address.ts';

const followerActor = aliasedTable(actors, 'follower');
const targetActor = aliasedTable(actors, 'target');

export interface RelayFollowPage {
  page?: number | null;
  limit?: number | null;
  direction?: 'asc' | 'desc' | null;
}

/** Who follows this instance's relay, whom it follows, and remote actors by their address. */
export class RelayFollowsQueries {
  private readonly db: Database;
  constructor(db: Database) {
    this.db = db;
  }

  /** Remote actors following (or asking to follow) our relay, newest change first. */
  followers(relayId: number, page: RelayFollowPage): Promise<{ total: number; elements: FollowWithActors[] }> {
    return this.pageOf(and(eq(follows.targetId, relayId), isNotNull(followerActor.domain))!, page);
  }

  /** Remote actors our relay follows (or asked to). */
  followings(relayId: number, page: RelayFollowPage): Promise<{ total: number; elements: FollowWithActors[] }> {
    return this.pageOf(and(eq(follows.followerId, relayId), isNotNull(targetActor.domain))!, page);
  }

  private async pageOf(where: ReturnType<typeof eq>, page: RelayFollowPage) {
    const limit = Math.min(Math.max(page.limit ?? 10, 1), 100);
    const offset = (Math.max(page.page ?? 1, 1) - 1) * limit;
    const order = page.direction === 'asc' ? asc(follows.updatedAt) : desc(follows.updatedAt);
    const base = () =>
      this.db
        .select({ follow: follows, follower: followerActor, target: targetActor })
        .from(follows)
        .innerJoin(followerActor, eq(followerActor.id, follows.followerId))
        .innerJoin(targetActor, eq(targetActor.id, follows.targetId))
        .where(where);
    const [elements, [counted]] = await Promise.all([
      base().orderBy(order, desc(follows.id)).limit(limit).offset(offset),
      this.db
        .select({ n: sql<number>`count(*)::int` })
        .from(follows)
        .innerJoin(followerActor, eq(followerActor.id, follows.followerId))
        .innerJoin(targetActor, eq(targetActor.id, follows.targetId))
        .where(where)
    ]);
    return { total: counted?.n ?? 0, elements };
  }

  /**
   * The remote actor an address names: `name@domain`, or for a bare domain that instance's actor
   * (the one recorded for it, else the one named `relay`).
   */
  async remoteByAddress(address: RelayAddress): Promise<Actor | undefined> {
    const onDomain = and(eq(actors.domain, address.domain), isNull(actors.deletedAt));
    if (address.username !== null) {
      const [actor] = await this.db
        .select()
        .from(actors)
        .where(and(onDomain, sql`lower(${actors.preferredUsername}) = ${address.username}`))
        .limit(1);
      return actor;
    }
    const [actor] = await this.db
      .select({ actor: actors })
      .from(actors)
      .leftJoin(instances, eq(instances.domain, actors.domain))
      .where(
        and(
          onDomain,
          or(
            eq(actors.id, instances.relayActorId),
            and(eq(actors.type, 'Application'), sql`lower(${actors.preferredUsername}) = 'relay'`)
          )
        )
      )
      .orderBy(sql`(${actors.id} = ${instances.relayActorId}) desc nulls last`, asc(actors.id))
      .limit(1);
    return actor?.actor;
  }
}
