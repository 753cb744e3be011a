import { and, asc, desc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { actors, type Actor } from '../../db/schema/actors.ts';
import { comments, type Comment } from '../../db/schema/comments.ts';
import { events, eventTags, tags, type Event } from '../../db/schema/events.ts';
import { instances } from '../../db/schema/federation.ts';
import { longEventsCondition, nearPlace } from '../events/index.ts';
import type { EventSearch, EventSort, PersonSearch } from './search.inputs.ts';

export interface SearchPage<T> {
  total: number;
  elements: T[];
}

/** A LIKE pattern matching `word` anywhere, its wildcards taken literally. */
const containing = (word: string) => `%${word.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
const folded = (value: SQL | typeof events.title) => sql`unaccent(lower(coalesce(${value}, '')))`;
const words = (term: string) =>
  term
    .split(/\s+/)
    .filter((w) => w.length > 0)
    .slice(0, 10);

/** Every word in the title or the description (case and accents aside). */
function matchesTerm(term: string): SQL | undefined {
  const list = words(term);
  if (list.length === 0) return undefined;
  return and(
    ...list.map(
      (word) =>
        sql`(${folded(events.title)} like unaccent(${containing(word)}) or ${folded(sql`${events.description}`)} like unaccent(${containing(word)}))`
    )
  );
}

function titleMatches(term: string): SQL | null {
  const list = words(term);
  if (list.length === 0) return null;
  return sql.join(
    list.map((word) => sql`${folded(events.title)} like unaccent(${containing(word)})`),
    sql` and `
  );
}

/** The organizer is not suspended and its server not blocked. */
const organizerInGoodStanding = () =>
  sql`exists (select 1 from ${actors} where ${actors.id} = ${events.organizerActorId} and not ${actors.suspended}
    and (${actors.domain} is null or not exists (select 1 from ${instances} where ${instances.domain} = ${actors.domain} and ${instances.blockedAt} is not null)))`;

function orderOf(sort: EventSort, term: string): SQL[] {
  switch (sort) {
    case 'start_time_asc':
      return [asc(events.beginsOn), asc(events.id)];
    case 'start_time_desc':
      return [desc(events.beginsOn), desc(events.id)];
    case 'created_at_asc':
      return [asc(events.publishedAt), asc(events.id)];
    case 'created_at_desc':
      return [desc(events.publishedAt), desc(events.id)];
    case 'participant_count_desc':
      return [desc(events.participantCount), asc(events.beginsOn), asc(events.id)];
    case 'match_desc': {
      // Without ranking (a later full-text search brings it): matches in the title first, then soonest.
      const inTitle = titleMatches(term);
      return [...(inTitle ? [sql`(${inTitle}) desc`] : []), asc(events.beginsOn), asc(events.id)];
    }
  }
}

/**
 * The reads behind searchEvents and searchPersons: plain pattern matching with accents folded,
 * bounded by the listing conditions. Kept here, behind these two methods, so that the full-text
 * search of a later version replaces it without touching the callers.
 */
export class SearchQueries {
  private readonly db: Database;
  private readonly domain: string;
  constructor(db: Database, domain: string) {
    this.db = db;
    this.domain = domain;
  }

  /**
   * Published public events (never drafts, unlisted, restricted or private ones) matching the
   * filter; with target `self` only this instance's own. An event is listed until it ends.
   */
  async events(filter: EventSearch, longEventDays: number, now = new Date()): Promise<SearchPage<Event>> {
    const from = filter.beginsOn ?? now;
    const conditions: (SQL | undefined)[] = [
      eq(events.draft, false),
      eq(events.visibility, 'public'),
      organizerInGoodStanding(),
      filter.target === 'self' ? eq(events.local, true) : undefined,
      sql`coalesce(${events.endsOn}, ${events.beginsOn}) >= ${from.toISOString()}::timestamptz`,
      filter.endsOn ? sql`${events.beginsOn} <= ${filter.endsOn.toISOString()}::timestamptz` : undefined,
      matchesTerm(filter.term),
      filter.categories.length > 0 ? inArray(events.category, filter.categories) : undefined,
      filter.statuses.length > 0 ? inArray(events.status, filter.statuses) : undefined,
      filter.languages.length > 0 ? inArray(events.language, filter.languages) : undefined,
      filter.type === 'online'
        ? sql`coalesce((${events.options} ->> 'isOnline')::boolean, false)`
        : filter.type === 'in_person'
          ? sql`not coalesce((${events.options} ->> 'isOnline')::boolean, false)`
          : undefined,
      filter.tags.length > 0
        ? sql`exists (select 1 from ${eventTags} join ${tags} on ${tags.id} = ${eventTags.tagId}
            where ${eventTags.eventId} = ${events.id} and ${inArray(tags.slug, filter.tags)})`
        : undefined,
      longEventsCondition(filter.longEvents, longEventDays),
      nearPlace(filter.location, filter.radius)
    ];
    const where = and(...conditions);
    const [elements, total] = await Promise.all([
      this.db
        .select()
        .from(events)
        .where(where)
        .orderBy(...orderOf(filter.sort, filter.term))
        .limit(filter.limit)
        .offset((filter.page - 1) * filter.limit),
      this.db.$count(events, where)
    ]);
    return { total, elements };
  }

  /**
   * Profiles, local (with an account) and remote, by username, name or handle; never suspended,
   * deleted or non-public ones. An empty term lists nobody: the search is not a directory.
   */
  async persons(filter: PersonSearch): Promise<SearchPage<Actor>> {
    const term = filter.term.replace(/^@/, '');
    if (term.length === 0) return { total: 0, elements: [] };
    const pattern = containing(term);
    const handle = sql`lower(${actors.preferredUsername} || '@' || coalesce(${actors.domain}, ${this.domain}))`;
    const where = and(
      eq(actors.type, 'Person'),
      eq(actors.suspended, false),
      isNull(actors.deletedAt),
      eq(actors.visibility, 'public'),
      or(sql`${actors.domain} is not null`, sql`${actors.userId} is not null`),
      or(
        sql`${folded(sql`${actors.preferredUsername}`)} like unaccent(${pattern})`,
        sql`${folded(sql`${actors.name}`)} like unaccent(${pattern})`,
        sql`${handle} like ${pattern}`
      )
    );
    const [elements, total] = await Promise.all([
      this.db
        .select()
        .from(actors)
        .where(where)
        .orderBy(
          sql`(lower(${actors.preferredUsername}) = lower(${term}) or ${handle} = lower(${term})) desc`,
          sql`${actors.domain} is null desc`,
          asc(actors.preferredUsername),
          asc(actors.id)
        )
        .limit(filter.limit)
        .offset((filter.page - 1) * filter.limit),
      this.db.$count(actors, where)
    ]);
    return { total, elements };
  }

  /** What is stored here under an address (its ActivityPub id or its page URL), of whatever kind. */
  async byAddress(url: string): Promise<{ event?: Event; actor?: Actor; comment?: Comment }> {
    const [[event], [actor], [comment]] = await Promise.all([
      this.db
        .select()
        .from(events)
        .where(or(eq(events.apId, url), eq(events.url, url)))
        .limit(1),
      this.db
        .select()
        .from(actors)
        .where(or(eq(actors.apId, url), eq(actors.url, url)))
        .limit(1),
      this.db
        .select()
        .from(comments)
        .where(or(eq(comments.apId, url), eq(comments.url, url)))
        .limit(1)
    ]);
    return { event, actor, comment };
  }

  /** An event by the uuid of its page here (`/events/<uuid>`), ours or a copy. */
  async eventByUuid(uuid: string): Promise<Event | undefined> {
    const [event] = await this.db.select().from(events).where(eq(events.uuid, uuid)).limit(1);
    return event;
  }

  /** A stored actor by its handle: ours when the host is this instance, else the remote copy. */
  async actorByHandle(username: string, host: string): Promise<Actor | undefined> {
    const [actor] = await this.db
      .select()
      .from(actors)
      .where(
        and(
          sql`lower(${actors.preferredUsername}) = lower(${username})`,
          host === this.domain ? isNull(actors.domain) : eq(actors.domain, host),
          isNull(actors.deletedAt)
        )
      )
      .limit(1);
    return actor;
  }
}
