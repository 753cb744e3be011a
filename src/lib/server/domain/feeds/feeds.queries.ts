import { and, asc, eq, isNull, or } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { users } from '../../db/schema/accounts.ts';
import { actors } from '../../db/schema/actors.ts';
import { feedTokens, type FeedToken } from '../../db/schema/settings.ts';
import { looksLikeFeedToken } from './feed-token.ts';

/** What a valid feed token opens: whose events, as which profiles. */
export interface FeedOwner {
  token: FeedToken;
  userId: number;
  /** The profile of a profile feed, or null for a feed of the whole account. */
  actorId: number | null;
}

/**
 * A token still counts while its account is enabled and, for a profile feed, while that profile is
 * one of the account's living profiles (a deleted profile stays as a tombstone, so nothing cascades).
 */
const usable = () =>
  and(
    eq(users.disabled, false),
    or(isNull(feedTokens.actorId), and(eq(actors.userId, feedTokens.userId), isNull(actors.deletedAt)))
  );

export class FeedTokensQueries {
  private readonly db: Database;
  constructor(db: Database) {
    this.db = db;
  }

  /** Every usable feed token of an account (the account's own and its profiles'), oldest first. */
  async ofUser(userId: number): Promise<FeedToken[]> {
    const rows = await this.db
      .select({ token: feedTokens })
      .from(feedTokens)
      .innerJoin(users, eq(users.id, feedTokens.userId))
      .leftJoin(actors, eq(actors.id, feedTokens.actorId))
      .where(and(eq(feedTokens.userId, userId), usable()))
      .orderBy(asc(feedTokens.createdAt), asc(feedTokens.token));
    return rows.map((r) => r.token);
  }

  /** The usable feed tokens of one profile. */
  async ofActor(actorId: number): Promise<FeedToken[]> {
    const rows = await this.db
      .select({ token: feedTokens })
      .from(feedTokens)
      .innerJoin(users, eq(users.id, feedTokens.userId))
      .innerJoin(actors, eq(actors.id, feedTokens.actorId))
      .where(and(eq(feedTokens.actorId, actorId), usable()))
      .orderBy(asc(feedTokens.createdAt), asc(feedTokens.token));
    return rows.map((r) => r.token);
  }

  /** Who a token gives the feed of; undefined for unknown, deleted or no longer usable tokens. */
  async resolve(token: string): Promise<FeedOwner | undefined> {
    if (!looksLikeFeedToken(token)) return undefined;
    const [row] = await this.db
      .select({ token: feedTokens })
      .from(feedTokens)
      .innerJoin(users, eq(users.id, feedTokens.userId))
      .leftJoin(actors, eq(actors.id, feedTokens.actorId))
      .where(and(eq(feedTokens.token, token), usable()))
      .limit(1);
    if (!row) return undefined;
    return { token: row.token, userId: row.token.userId, actorId: row.token.actorId };
  }
}
