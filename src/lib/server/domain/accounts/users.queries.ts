import { and, asc, count, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { users, type User } from '../../db/schema/accounts.ts';
import { actors, type Actor } from '../../db/schema/actors.ts';
import { media } from '../../db/schema/media.ts';

export interface UserListFilter {
  /** Part of the address, any case (Mobilizon's filter). */
  email?: string | null;
  /** We keep no sign-in addresses: a filter on one matches no account. */
  currentSignInIp?: string | null;
  page?: number | null;
  limit?: number | null;
  direction?: 'ASC' | 'DESC' | null;
}

export const MAX_USERS_PAGE = 100;

/** `%` and `_` typed in a search are literal characters, not wildcards. */
const likeEscape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Reads over accounts for moderators and administrators (the callers check the role). */
export class UsersQueries {
  private readonly db: Database;
  constructor(db: Database) {
    this.db = db;
  }

  /** One page of accounts, ordered by id (the only sort Mobilizon offers), with the total. */
  async list(filter: UserListFilter): Promise<{ total: number; elements: User[] }> {
    if (filter.currentSignInIp) return { total: 0, elements: [] };
    const limit = Math.min(Math.max(filter.limit ?? 10, 1), MAX_USERS_PAGE);
    const page = Math.max(filter.page ?? 1, 1);
    const conditions: SQL[] = [];
    const email = filter.email?.trim();
    if (email) conditions.push(sql`lower(${users.email}) like ${`%${likeEscape(email.toLowerCase())}%`}`);
    const where = conditions.length > 0 ? and(...conditions) : undefined;
    const [elements, [totals]] = await Promise.all([
      this.db
        .select()
        .from(users)
        .where(where)
        .orderBy(filter.direction === 'ASC' ? asc(users.id) : desc(users.id))
        .limit(limit)
        .offset((page - 1) * limit),
      this.db.select({ total: count() }).from(users).where(where)
    ]);
    return { total: totals?.total ?? 0, elements };
  }

  /** Confirmed, enabled administrators: who is told about instance follow requests. */
  administrators(): Promise<User[]> {
    return this.db
      .select()
      .from(users)
      .where(and(eq(users.role, 'administrator'), eq(users.disabled, false), sql`${users.confirmedAt} is not null`))
      .orderBy(asc(users.id));
  }

  async byId(id: number): Promise<User | undefined> {
    const [user] = await this.db.select().from(users).where(eq(users.id, id));
    return user;
  }

  /** The live local profiles of several accounts at once (for a DataLoader), in creation order. */
  async profilesOfUsers(userIds: readonly number[]): Promise<Map<number, Actor[]>> {
    const byUser = new Map<number, Actor[]>(userIds.map((id) => [id, []]));
    if (userIds.length === 0) return byUser;
    const rows = await this.db
      .select()
      .from(actors)
      .where(
        and(
          inArray(actors.userId, [...userIds]),
          eq(actors.type, 'Person'),
          isNull(actors.domain),
          isNull(actors.deletedAt)
        )
      )
      .orderBy(asc(actors.id));
    for (const row of rows) byUser.get(row.userId!)?.push(row);
    return byUser;
  }

  /** Bytes of media uploaded by the account's profiles. */
  async mediaSize(userId: number): Promise<number> {
    const [row] = await this.db
      .select({ size: sql<string | null>`sum(${media.size})` })
      .from(media)
      .innerJoin(actors, eq(media.actorId, actors.id))
      .where(eq(actors.userId, userId));
    return Number(row?.size ?? 0);
  }
}
