import { and, asc, desc, eq, gte, lte, or, type SQL } from 'drizzle-orm';
import { pageWindow, type Page, type PageRequest } from '../../core/pagination.ts';
import type { Database } from '../../db/client.ts';
import { events, type Event } from '../../db/schema/events.ts';

export interface GroupEventsFilter extends PageRequest {
  after?: Date | null;
  before?: Date | null;
  orderBy?: 'beginsOn' | 'insertedAt' | 'updatedAt';
  direction?: 'asc' | 'desc';
  /** Members see the group's drafts and its events of every visibility; others its published public ones. */
  asMember: boolean;
}

/** The events a group organizes, as a member or as anyone else sees them. */
export async function eventsOfGroup(db: Database, groupId: number, filter: GroupEventsFilter): Promise<Page<Event>> {
  const { limit, offset } = pageWindow(filter, 100);
  const conditions: (SQL | undefined)[] = [
    eq(events.attributedToId, groupId),
    filter.asMember ? undefined : and(eq(events.draft, false), eq(events.visibility, 'public')),
    filter.after ? or(gte(events.beginsOn, filter.after), gte(events.endsOn, filter.after)) : undefined,
    filter.before ? lte(events.beginsOn, filter.before) : undefined
  ];
  const where = and(...conditions);
  const column = { beginsOn: events.beginsOn, insertedAt: events.createdAt, updatedAt: events.updatedAt }[
    filter.orderBy ?? 'beginsOn'
  ];
  const [elements, total] = await Promise.all([
    db
      .select()
      .from(events)
      .where(where)
      .orderBy(filter.direction === 'desc' ? desc(column) : asc(column), asc(events.id))
      .limit(limit)
      .offset(offset),
    db.$count(events, where)
  ]);
  return { total, elements };
}
