import { and, asc, count, eq, gt, gte, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { users } from '../../db/schema/accounts.ts';
import { actors } from '../../db/schema/actors.ts';
import { addresses, events, type Address, type Event } from '../../db/schema/events.ts';
import { participants, type Participant, type ParticipantRole } from '../../db/schema/participants.ts';
import { activitySettings, userSettings } from '../../db/schema/settings.ts';

/** Who a participation mail goes to, in which language and time zone, and what they agreed to receive. */
export interface ParticipationMailTarget {
  participant: Participant;
  event: Event;
  address: Address | null;
  /** The account's address, or the anonymous participant's; null for remote profiles. */
  to: string | null;
  anonymous: boolean;
  locale: string | null;
  /** The account's time zone setting, or the one an anonymous participant's browser gave. */
  timezone: string | null;
  /** notification_before_event (off by default, as in Mobilizon); anonymous participants always get it. */
  wantsReminder: boolean;
  /** The participation_event_updated / email activity switch (on unless turned off). */
  wantsEventUpdates: boolean;
}

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

  /** A participation by its ActivityPub id (the Join's). */
  async byApId(apId: string): Promise<Participant | undefined> {
    const [row] = await this.db.select().from(participants).where(eq(participants.apId, apId));
    return row;
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

  private mailTargets(where: SQL | undefined): Promise<ParticipationMailTarget[]> {
    const anonymous = sql<boolean>`(${participants.metadata} ->> 'email') is not null`;
    return this.db
      .select({
        participant: participants,
        event: events,
        address: addresses,
        to: sql<
          string | null
        >`coalesce(${participants.metadata} ->> 'email', case when ${users.disabled} then null else ${users.email} end)`,
        anonymous,
        locale: sql<string | null>`coalesce(${participants.metadata} ->> 'locale', ${users.locale})`,
        timezone: sql<string | null>`coalesce(${userSettings.timezone}, ${participants.metadata} ->> 'timezone')`,
        wantsReminder: sql<boolean>`${anonymous} or coalesce(${userSettings.notificationBeforeEvent}, false)`,
        wantsEventUpdates: sql<boolean>`coalesce(${activitySettings.enabled}, true)`
      })
      .from(participants)
      .innerJoin(events, eq(events.id, participants.eventId))
      .innerJoin(actors, eq(actors.id, participants.actorId))
      .leftJoin(addresses, eq(addresses.id, events.physicalAddressId))
      .leftJoin(users, eq(users.id, actors.userId))
      .leftJoin(userSettings, eq(userSettings.userId, users.id))
      .leftJoin(
        activitySettings,
        and(
          eq(activitySettings.userId, users.id),
          eq(activitySettings.key, 'participation_event_updated'),
          eq(activitySettings.method, 'email')
        )
      )
      .where(and(where, isNull(actors.domain)))
      .orderBy(asc(participants.id));
  }

  /** One participation with what its mail needs; undefined when gone or not mailable (remote profile). */
  async mailTarget(participantId: number): Promise<ParticipationMailTarget | undefined> {
    const [row] = await this.mailTargets(eq(participants.id, participantId));
    return row;
  }

  /** The participations of an event with some roles, with what their mails need (local people only). */
  mailTargetsOfEvent(eventId: number, roles: readonly ParticipantRole[]): Promise<ParticipationMailTarget[]> {
    return this.mailTargets(and(eq(participants.eventId, eventId), inArray(participants.role, [...roles])));
  }
}
