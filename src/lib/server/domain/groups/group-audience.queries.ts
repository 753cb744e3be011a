import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { actors, type Actor } from '../../db/schema/actors.ts';

/**
 * Who on other servers a local group speaks to: its members in full (invitations and requests left
 * out) and, for public content, its approved followers. Remote, reachable actors only.
 */
export function groupRemoteAudience(db: Database, groupId: number, withFollowers: boolean): Promise<Actor[]> {
  const followers = withFollowers
    ? sql`union select f.follower_id from follows f where f.approved and f.target_id = ${groupId}`
    : sql``;
  return db
    .select()
    .from(actors)
    .where(
      and(
        isNotNull(actors.domain),
        eq(actors.suspended, false),
        isNull(actors.deletedAt),
        sql`${actors.id} in (select m.actor_id from members m where m.group_id = ${groupId}
          and m.role in ('member', 'moderator', 'administrator', 'creator') ${followers})`
      )
    );
}

/** One of our profiles that is a member in full of a (remote) group: who signs fetches of its content. */
export async function localMemberOfGroup(db: Database, groupId: number): Promise<Actor | undefined> {
  const [actor] = await db
    .select()
    .from(actors)
    .where(
      and(
        isNull(actors.domain),
        isNull(actors.deletedAt),
        eq(actors.suspended, false),
        sql`${actors.id} in (select m.actor_id from members m where m.group_id = ${groupId}
          and m.role in ('member', 'moderator', 'administrator', 'creator'))`
      )
    )
    .limit(1);
  return actor;
}
