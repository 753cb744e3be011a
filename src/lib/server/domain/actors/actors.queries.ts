import { and, asc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { actors, type Actor } from '../../db/schema/actors.ts';
import { staleActorsOfUpcomingEvents } from './stale-actors.queries.ts';

export class ActorsQueries {
  private readonly db: Database;
  constructor(db: Database) {
    this.db = db;
  }

  byIds(ids: readonly number[]): Promise<Actor[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db
      .select()
      .from(actors)
      .where(inArray(actors.id, [...ids]));
  }

  async byId(id: number): Promise<Actor | undefined> {
    return (await this.byIds([id]))[0];
  }

  /** Remote actors of upcoming events whose copy is older than `olderThan` (a bounded batch). */
  staleOfUpcomingEvents(olderThan: Date, limit: number, now?: Date) {
    return staleActorsOfUpcomingEvents(this.db, olderThan, limit, now);
  }

  /** A live local actor by its username, any case. */
  localByUsername(username: string): Promise<Actor | undefined> {
    return this.localNamed(username, false);
  }

  /** A deleted local profile, still answering for its id (410 Gone). */
  localTombstoneByUsername(username: string): Promise<Actor | undefined> {
    return this.localNamed(username, true);
  }

  private async localNamed(username: string, deleted: boolean): Promise<Actor | undefined> {
    const [actor] = await this.db
      .select()
      .from(actors)
      .where(
        and(
          sql`lower(${actors.preferredUsername}) = lower(${username})`,
          isNull(actors.domain),
          deleted ? isNotNull(actors.deletedAt) : isNull(actors.deletedAt)
        )
      )
      .limit(1);
    return actor;
  }

  async byApId(apId: string): Promise<Actor | undefined> {
    const [actor] = await this.db.select().from(actors).where(eq(actors.apId, apId)).limit(1);
    return actor;
  }

  /** A user's profiles, oldest first. */
  identitiesOf(userId: number): Promise<Actor[]> {
    return this.db
      .select()
      .from(actors)
      .where(and(eq(actors.userId, userId), eq(actors.type, 'Person'), isNull(actors.domain), isNull(actors.deletedAt)))
      .orderBy(asc(actors.id));
  }

  async instanceActor(): Promise<Actor | undefined> {
    const [actor] = await this.db
      .select()
      .from(actors)
      .where(
        and(eq(actors.type, 'Application'), sql`lower(${actors.preferredUsername}) = 'relay'`, isNull(actors.domain))
      )
      .limit(1);
    return actor;
  }

  async countLocalUsers(): Promise<number> {
    const [row] = await this.db
      .execute<{ n: number }>(sql`select count(*)::int as n from users where disabled = false`)
      .then((r) => r.rows);
    return row?.n ?? 0;
  }
}
