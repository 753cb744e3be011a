import { eq, inArray } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { addresses, events, type Address, type Event } from '../../db/schema/events.ts';

/** Who is looking: a signed-in user's profile ids, or nobody. */
export interface Viewer {
  userId: number | null;
  actorIds: readonly number[];
}

export const anonymousViewer: Viewer = { userId: null, actorIds: [] };

/** Drafts and private events are seen only by their organizer. */
export function canSeeEvent(viewer: Viewer, event: Event): boolean {
  const isOrganizer = viewer.actorIds.includes(event.organizerActorId);
  if (event.draft) return isOrganizer;
  if (event.visibility === 'private') return isOrganizer;
  return true;
}

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
