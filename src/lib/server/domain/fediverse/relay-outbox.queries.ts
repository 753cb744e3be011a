import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';

export interface RelayOutboxItem {
  eventApId: string;
  organizerApId: string;
}

/** The public upcoming local events, listed by the relay's outbox (one Announce each). */
const LISTED = sql`e.local and e.visibility = 'public' and not e.draft
  and coalesce(e.ends_on, e.begins_on) >= now()`;

export class RelayOutboxQueries {
  private readonly db: Database;
  constructor(db: Database) {
    this.db = db;
  }

  /** How many there are and when the newest changed: what a cached page is checked against. */
  async version(): Promise<{ total: number; newest: string | null }> {
    const result = await this.db.execute<{ total: number; newest: Date | string | null }>(
      sql`select count(*)::int as total, max(e.updated_at) as newest from events e where ${LISTED}`
    );
    const row = result.rows[0];
    const newest = row?.newest ? new Date(row.newest).toISOString() : null;
    return { total: row?.total ?? 0, newest };
  }

  /** One page, soonest first. */
  async page(offset: number, limit: number): Promise<RelayOutboxItem[]> {
    const result = await this.db.execute<{ event_ap_id: string; organizer_ap_id: string }>(sql`
      select e.ap_id as event_ap_id, a.ap_id as organizer_ap_id
      from events e join actors a on a.id = e.organizer_actor_id
      where ${LISTED}
      order by e.begins_on asc, e.id asc
      limit ${limit} offset ${offset}
    `);
    return result.rows.map((r) => ({ eventApId: r.event_ap_id, organizerApId: r.organizer_ap_id }));
  }
}
