import { and, asc, count, desc, eq, inArray, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { events, type Event } from '../../db/schema/events.ts';

const MAX_PAGE_SIZE = 50;

export interface OrganizedFilter {
  /** Drafts only, or published events only. */
  drafts: boolean;
  /** Non-public events too (the organizer's own view). */
  includeNonPublic: boolean;
  page: number;
  limit: number;
}

/** The events some profiles organize: "my events" and a profile's public list. */
export class MyEventsQueries {
  private readonly db: Database;
  constructor(db: Database) {
    this.db = db;
  }

  async organizedBy(
    actorIds: readonly number[],
    filter: OrganizedFilter
  ): Promise<{ total: number; elements: Event[] }> {
    if (actorIds.length === 0) return { total: 0, elements: [] };
    const limit = Math.min(Math.max(filter.limit, 1), MAX_PAGE_SIZE);
    const offset = (Math.max(filter.page, 1) - 1) * limit;
    const conditions: SQL[] = [inArray(events.organizerActorId, [...actorIds]), eq(events.draft, filter.drafts)];
    if (!filter.includeNonPublic) conditions.push(eq(events.visibility, 'public'));
    const where = and(...conditions);
    const [elements, totals] = await Promise.all([
      this.db
        .select()
        .from(events)
        .where(where)
        // Drafts: the latest edited first; published events: soonest first.
        .orderBy(
          ...(filter.drafts ? [desc(events.updatedAt), desc(events.id)] : [asc(events.beginsOn), asc(events.id)])
        )
        .limit(limit)
        .offset(offset),
      this.db.select({ n: count() }).from(events).where(where)
    ]);
    return { total: totals[0]?.n ?? 0, elements };
  }
}
