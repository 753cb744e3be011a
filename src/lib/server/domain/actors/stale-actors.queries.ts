import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';

/**
 * Remote actors whose stored copy is older than `olderThan` and who organize, or take part in, an
 * event that has not ended yet: the ones people here are about to see. Least recently refreshed
 * first, at most `limit` (one bounded batch per run).
 */
export async function staleActorsOfUpcomingEvents(
  db: Database,
  olderThan: Date,
  limit: number,
  now = new Date()
): Promise<{ id: number; apId: string }[]> {
  const { rows } = await db.execute<{ id: number; apId: string }>(sql`
    select a.id::int as "id", a.ap_id as "apId"
    from actors a
    where a.domain is not null and a.deleted_at is null and a.suspended = false
      and (a.last_refreshed_at is null or a.last_refreshed_at < ${olderThan.toISOString()}::timestamptz)
      and exists (
        select 1 from events e
        where coalesce(e.ends_on, e.begins_on) >= ${now.toISOString()}::timestamptz
          and (e.organizer_actor_id = a.id
            or e.attributed_to_id = a.id
            or exists (select 1 from participants p where p.event_id = e.id and p.actor_id = a.id))
      )
    order by a.last_refreshed_at asc nulls first, a.id
    limit ${limit}`);
  return rows;
}
