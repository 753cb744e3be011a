import { inArray } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { members, type Member } from '../../db/schema/groups.ts';

/** Reads that show a group's history: the objects its lines speak of, a page at a time. */
export class GroupActivityQueries {
  private readonly db: Database;
  constructor(db: Database) {
    this.db = db;
  }

  membersByIds(ids: readonly number[]): Promise<Member[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db
      .select()
      .from(members)
      .where(inArray(members.id, [...ids]));
  }
}
