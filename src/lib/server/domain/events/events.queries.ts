import { and, asc, eq, gte, inArray, or } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { addresses, events, type Address, type Event } from '../../db/schema/events.ts';
import { participants, type ParticipantRole } from '../../db/schema/participants.ts';
import { canSeeEvent, type Viewer } from './events.policy.ts';

export class EventsQueries {
  private readonly db: Database;
  constructor(db: Database) {
    this.db = db;
  }

  async byUuid(uuid: string, viewer: Viewer): Promise<Event | undefined> {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(uuid)) return undefined;
    const [event] = await this.db.select().from(events).where(eq(events.uuid, uuid)).limit(1);
    return event && canSeeEvent(viewer, event) ? event : undefined;
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

  async countLocalEvents(): Promise<number> {
    return this.db.$count(events, eq(events.local, true));
  }
}
