import { and, asc, count, eq, gt, gte, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { addresses, events, type Address, type Event } from '../../db/schema/events.ts';
import { participants, type Participant, type ParticipantRole } from '../../db/schema/participants.ts';

export interface ParticipationFilter {
  /** Events starting after this moment. */
  after?: Date | null;
  /** Events ending (or, without an end, starting) before this moment. */
  before?: Date | null;
  /** One event only (drafts included: the organizer's own participation in its draft). */
  eventId?: number | null;
  page: number;
  limit: number;
}

export const MAX_PAGE_SIZE = 100;

export class ParticipationsQueries {
  private readonly db: Database;
  constructor(db: Database) {
    this.db = db;
  }

  /**
   * A page of the participations of some profiles (an account's), soonest event first, with the
   * total. Drafts are left out: they are nobody's participation yet.
   */
  async ofActors(
    actorIds: readonly number[],
    filter: ParticipationFilter
  ): Promise<{ total: number; elements: Participant[] }> {
    if (actorIds.length === 0) return { total: 0, elements: [] };
    const limit = Math.min(Math.max(filter.limit, 1), MAX_PAGE_SIZE);
    const offset = (Math.max(filter.page, 1) - 1) * limit;
    const conditions: (SQL | undefined)[] = [inArray(participants.actorId, [...actorIds])];
    if (filter.eventId != null) conditions.push(eq(participants.eventId, filter.eventId));
    else conditions.push(eq(events.draft, false));
    if (filter.after) conditions.push(gt(events.beginsOn, filter.after));
    if (filter.before) conditions.push(sql`coalesce(${events.endsOn}, ${events.beginsOn}) < ${filter.before}`);
    const where = and(...conditions);
    const [rows, totals] = await Promise.all([
      this.db
        .select({ participant: participants })
        .from(participants)
        .innerJoin(events, eq(events.id, participants.eventId))
        .where(where)
        .orderBy(asc(events.beginsOn), asc(participants.id))
        .limit(limit)
        .offset(offset),
      this.db
        .select({ n: count() })
        .from(participants)
        .innerJoin(events, eq(events.id, participants.eventId))
        .where(where)
    ]);
    return { total: totals[0]?.n ?? 0, elements: rows.map((r) => r.participant) };
  }

  /** How many participations of each role the events have, in one grouped query. */
  async statsByEventIds(eventIds: readonly number[]): Promise<Map<number, Partial<Record<ParticipantRole, number>>>> {
    const stats = new Map<number, Partial<Record<ParticipantRole, number>>>();
    if (eventIds.length === 0) return stats;
    const rows = await this.db
      .select({ eventId: participants.eventId, role: participants.role, n: count() })
      .from(participants)
      .where(inArray(participants.eventId, [...eventIds]))
      .groupBy(participants.eventId, participants.role);
    for (const row of rows) stats.set(row.eventId, { ...stats.get(row.eventId), [row.role]: row.n });
    return stats;
  }

  async byId(id: number): Promise<Participant | undefined> {
    const [row] = await this.db.select().from(participants).where(eq(participants.id, id));
    return row;
  }

  /** Whether one of these profiles runs the event (creator, administrator or moderator). */
  async organizes(eventId: number, actorIds: readonly number[]): Promise<boolean> {
    if (actorIds.length === 0) return false;
    const [row] = await this.db
      .select({ n: count() })
      .from(participants)
      .where(
        and(
          eq(participants.eventId, eventId),
          inArray(participants.actorId, [...actorIds]),
          inArray(participants.role, ['creator', 'administrator', 'moderator'])
        )
      );
    return (row?.n ?? 0) > 0;
  }

  /** A page of an event's participations, optionally of some roles only, oldest first, with the total. */
  async ofEvent(
    eventId: number,
    filter: { roles: readonly ParticipantRole[]; page: number; limit: number }
  ): Promise<{ total: number; elements: Participant[] }> {
    const limit = Math.min(Math.max(filter.limit, 1), MAX_PAGE_SIZE);
    const offset = (Math.max(filter.page, 1) - 1) * limit;
    const where = and(
      eq(participants.eventId, eventId),
      filter.roles.length > 0 ? inArray(participants.role, [...filter.roles]) : undefined
    );
    const [elements, totals] = await Promise.all([
      this.db.select().from(participants).where(where).orderBy(asc(participants.id)).limit(limit).offset(offset),
      this.db.select({ n: count() }).from(participants).where(where)
    ]);
    return { total: totals[0]?.n ?? 0, elements };
  }

  /**
   * The events some profiles take part in with one of the given roles, not over before `since`,
   * soonest first, each once even when several of the profiles take part. Drafts are left out
   * unless asked for. The participations are found through `participants_actor_idx (actor_id, role)`.
   */
  async participatedBy(
    actorIds: readonly number[],
    roles: readonly ParticipantRole[],
    options: { since: Date; limit: number; includeDrafts?: boolean }
  ): Promise<{ event: Event; address: Address | null }[]> {
    if (actorIds.length === 0 || roles.length === 0 || options.limit <= 0) return [];
    return this.db
      .selectDistinctOn([events.beginsOn, events.id], { event: events, address: addresses })
      .from(participants)
      .innerJoin(events, eq(events.id, participants.eventId))
      .leftJoin(addresses, eq(addresses.id, events.physicalAddressId))
      .where(
        and(
          inArray(participants.actorId, [...actorIds]),
          inArray(participants.role, [...roles]),
          or(gte(events.beginsOn, options.since), gte(events.endsOn, options.since)),
          options.includeDrafts ? undefined : eq(events.draft, false)
        )
      )
      .orderBy(asc(events.beginsOn), asc(events.id))
      .limit(options.limit);
  }
}
