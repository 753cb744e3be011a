import { and, eq, inArray, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { actors, type Actor } from '../../db/schema/actors.ts';

/** Follows of this instance's relay actor (other servers following this one), as follower ids. */
const relayFollowerIds = sql`
  select f.follower_id from follows f
  join actors relay on relay.id = f.target_id
  where f.approved and relay.domain is null and relay.type = 'Application'
    and lower(relay.preferred_username) = 'relay'`;

/**
 * Who on other servers must hear of a change to a local object: one statement per question,
 * remote actors only, never a suspended or deleted one.
 */
export class AudienceQueries {
  private readonly db: Database;
  constructor(db: Database) {
    this.db = db;
  }

  private reachable(ids: SQL): Promise<Actor[]> {
    return this.db
      .select()
      .from(actors)
      .where(
        and(
          isNotNull(actors.domain),
          eq(actors.suspended, false),
          isNull(actors.deletedAt),
          sql`${actors.id} in (${ids})`
        )
      );
  }

  /**
   * An event's remote audience: the followers of its organizer and of the actor it is attributed to,
   * the members of its group (Mobilizon adds the group's members collection), its participants (any role), the authors of its comments, and — for a public event — the servers
   * that follow this instance (their relay actors).
   */
  ofEvent(event: { id: number; organizerActorId: number; attributedToId: number | null }, isPublic: boolean) {
    const owner = event.attributedToId ?? event.organizerActorId;
    return this.reachable(sql`
      select f.follower_id from follows f where f.approved and f.target_id in (${event.organizerActorId}, ${owner})
      union select p.actor_id from participants p where p.event_id = ${event.id}
      union select c.actor_id from comments c where c.event_id = ${event.id} and c.actor_id is not null
      union select m.actor_id from members m where m.group_id = ${owner}
        and m.role in ('member', 'moderator', 'administrator', 'creator')
      ${isPublic ? sql`union ${relayFollowerIds}` : sql``}`);
  }

  /** The servers following this instance: their relay actors, to whom the relay announces. */
  relayFollowers(): Promise<Actor[]> {
    return this.reachable(relayFollowerIds);
  }

  /** Remote, reachable actors among these ids (those who took part in a deleted event, say). */
  remoteByIds(ids: readonly number[]): Promise<Actor[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db
      .select()
      .from(actors)
      .where(and(inArray(actors.id, [...ids]), isNotNull(actors.domain), eq(actors.suspended, false)));
  }
}
