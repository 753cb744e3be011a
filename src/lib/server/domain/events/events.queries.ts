import { and, asc, desc, eq, inArray, ne, notInArray, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import type { Actor } from '../../db/schema/actors.ts';
import { actors } from '../../db/schema/actors.ts';
import { addresses, eventContacts, events, eventTags, type Address, type Event } from '../../db/schema/events.ts';
import { canSeeEvent, needsGroupMembership, type Viewer } from './events.policy.ts';
import { memberGroupIds } from './group-access.ts';
import { longEventsCondition, nearPlace } from './near.ts';

/** How the public list is sorted and filtered (Mobilizon's `events` query). */
export interface PublicEventsFilter {
  page: number;
  limit: number;
  orderBy: 'beginsOn' | 'insertedAt' | 'updatedAt';
  direction: 'asc' | 'desc';
  /** A geohash and a radius in kilometres: only events whose place lies within. */
  location?: string | null;
  radius?: number | null;
  /** true: only long events; false: none of them; absent: all. */
  longEvents?: boolean | null;
  /** Events lasting more than this many days are long ones (0: none is). */
  longEventDays: number;
}

/** Whether an event lasts longer than the instance's long-event duration. */
export function isLongEvent(event: Pick<Event, 'beginsOn' | 'endsOn'>, longEventDays: number): boolean {
  if (longEventDays <= 0 || !event.endsOn) return false;
  return event.endsOn.getTime() - event.beginsOn.getTime() > longEventDays * 86_400_000;
}

/** Events anyone may list: published, public, not over yet. */
const listable = () =>
  and(
    eq(events.draft, false),
    eq(events.visibility, 'public'),
    sql`coalesce(${events.endsOn}, ${events.beginsOn}) >= now()`
  );

export class EventsQueries {
  private readonly db: Database;
  constructor(db: Database) {
    this.db = db;
  }

  async byUuid(uuid: string, viewer: Viewer): Promise<Event | undefined> {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(uuid)) return undefined;
    const [event] = await this.db.select().from(events).where(eq(events.uuid, uuid)).limit(1);
    if (!event) return undefined;
    return canSeeEvent(await this.withGroups(viewer, event), event) ? event : undefined;
  }

  /** The viewer, knowing whether it is a member of the event's group when that decides what it sees. */
  async withGroups(viewer: Viewer, event: Event): Promise<Viewer> {
    if (!needsGroupMembership(viewer, event)) return viewer;
    return { ...viewer, memberOfGroupIds: await memberGroupIds(this.db, viewer.actorIds, [event.attributedToId!]) };
  }

  async byApId(apId: string): Promise<Event | undefined> {
    const [event] = await this.db.select().from(events).where(eq(events.apId, apId)).limit(1);
    return event;
  }

  async byId(id: number): Promise<Event | undefined> {
    const [event] = await this.db.select().from(events).where(eq(events.id, id)).limit(1);
    return event;
  }

  byIds(ids: readonly number[]): Promise<Event[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db
      .select()
      .from(events)
      .where(inArray(events.id, [...ids]));
  }

  addressesByIds(ids: readonly number[]): Promise<Address[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db
      .select()
      .from(addresses)
      .where(inArray(addresses.id, [...ids]));
  }

  /** Published public events that have not ended, one page, with the total. */
  async listPublic(filter: PublicEventsFilter): Promise<{ total: number; elements: Event[] }> {
    const conditions: (SQL | undefined)[] = [
      listable(),
      longEventsCondition(filter.longEvents, filter.longEventDays),
      nearPlace(filter.location, filter.radius)
    ];
    const where = and(...conditions);
    const column = { beginsOn: events.beginsOn, insertedAt: events.createdAt, updatedAt: events.updatedAt }[
      filter.orderBy
    ];
    const order = filter.direction === 'desc' ? desc(column) : asc(column);
    const limit = Math.min(Math.max(filter.limit, 1), 100);
    const [elements, total] = await Promise.all([
      this.db
        .select()
        .from(events)
        .where(where)
        .orderBy(order, asc(events.id))
        .limit(limit)
        .offset((Math.max(filter.page, 1) - 1) * limit),
      this.db.$count(events, where)
    ]);
    return { total, elements };
  }

  /**
   * Up to `limit` listable events related to this one: those sharing the most tags first, then
   * others of its category, soonest first (two small indexed queries, not a scan of all events).
   */
  /**
   * The public calendar of this instance, or of one local organizer: published public local events
   * not over yet, soonest first, with their places.
   */
  publicCalendar(options: {
    organizerActorId?: number;
    limit: number;
  }): Promise<{ event: Event; address: Address | null }[]> {
    return this.db
      .select({ event: events, address: addresses })
      .from(events)
      .leftJoin(addresses, eq(addresses.id, events.physicalAddressId))
      .where(
        and(
          listable(),
          eq(events.local, true),
          options.organizerActorId === undefined ? undefined : eq(events.organizerActorId, options.organizerActorId)
        )
      )
      .orderBy(asc(events.beginsOn), asc(events.id))
      .limit(options.limit);
  }

  async related(event: Event, limit = 3): Promise<Event[]> {
    const sharing = await this.db
      .select({ event: events, shared: sql<number>`count(*)::int` })
      .from(eventTags)
      .innerJoin(sql`${eventTags} as theirs`, sql`theirs.tag_id = ${eventTags.tagId}`)
      .innerJoin(events, sql`${events.id} = theirs.event_id`)
      .where(and(eq(eventTags.eventId, event.id), ne(events.id, event.id), listable()))
      .groupBy(events.id)
      .orderBy(sql`count(*) desc`, asc(events.beginsOn))
      .limit(limit);
    const found = sharing.map((row) => row.event);
    if (found.length >= limit) return found;
    const sameCategory = await this.db
      .select()
      .from(events)
      .where(
        and(
          listable(),
          eq(events.category, event.category),
          notInArray(events.id, [event.id, ...found.map((e) => e.id)])
        )
      )
      .orderBy(asc(events.beginsOn))
      .limit(limit - found.length);
    return [...found, ...sameCategory];
  }

  /** The contacts of many events at once. */
  async contactsByEventIds(eventIds: readonly number[]): Promise<Map<number, Actor[]>> {
    const result = new Map<number, Actor[]>();
    if (eventIds.length === 0) return result;
    const rows = await this.db
      .select({ eventId: eventContacts.eventId, actor: actors })
      .from(eventContacts)
      .innerJoin(actors, eq(actors.id, eventContacts.actorId))
      .where(inArray(eventContacts.eventId, [...eventIds]))
      .orderBy(asc(actors.id));
    for (const row of rows) result.set(row.eventId, [...(result.get(row.eventId) ?? []), row.actor]);
    return result;
  }

  async countLocalEvents(): Promise<number> {
    return this.db.$count(events, eq(events.local, true));
  }
}
