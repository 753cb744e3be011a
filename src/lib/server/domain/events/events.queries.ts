import { eq, inArray } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { addresses, events, type Address, type Event } from '../../db/schema/events.ts';
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

  async countLocalEvents(): Promise<number> {
    return this.db.$count(events, eq(events.local, true));
  }
}
