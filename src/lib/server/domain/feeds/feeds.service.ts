import { and, eq, isNull } from 'drizzle-orm';
import { DomainError } from '../../core/errors.ts';
import { actors } from '../../db/schema/actors.ts';
import { feedTokens, type FeedToken } from '../../db/schema/settings.ts';
import type { ServiceDeps } from '../deps.ts';
import { newFeedToken } from './feed-token.ts';

/** Private calendar feeds: a token is the capability to read someone's "my events" feed. */
export class FeedTokensService {
  private readonly deps: ServiceDeps;
  constructor(deps: ServiceDeps) {
    this.deps = deps;
  }

  /**
   * A new feed token for the account, or for one of its own living local profiles. Someone else's
   * profile (or an unknown one) is refused and nothing is created.
   */
  async create(userId: number, actorId: number | null = null): Promise<FeedToken> {
    if (actorId !== null) {
      const [actor] = await this.deps.db
        .select({ id: actors.id })
        .from(actors)
        .where(
          and(
            eq(actors.id, actorId),
            eq(actors.userId, userId),
            eq(actors.type, 'Person'),
            isNull(actors.domain),
            isNull(actors.deletedAt)
          )
        );
      if (!actor)
        throw new DomainError('forbidden', 'Actor id is not owned by authenticated user', { field: 'actorId' });
    }
    const [row] = await this.deps.db.insert(feedTokens).values({ token: newFeedToken(), userId, actorId }).returning();
    if (!row) throw new Error('feed token not stored');
    return row;
  }

  /** Deletes one of the user's tokens; someone else's or an unknown token is not found (and stays). */
  async delete(userId: number, token: string): Promise<FeedToken> {
    const [row] = await this.deps.db
      .delete(feedTokens)
      .where(and(eq(feedTokens.token, token), eq(feedTokens.userId, userId)))
      .returning();
    if (!row) throw new DomainError('not_found', 'Token does not exist', { field: 'token' });
    return row;
  }
}
