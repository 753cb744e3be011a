import { and, eq, isNotNull, or } from 'drizzle-orm';
import { actors } from '../../db/schema/actors.ts';
import type { ServiceDeps } from '../deps.ts';
import type { FollowsService } from '../actors/index.ts';
import type { ParticipationService } from '../events/index.ts';

export interface UnreachableDeps {
  deps: ServiceDeps;
  follows: FollowsService;
  participation: ParticipationService;
}

/**
 * An inbox answered 410 Gone or 404: the remote actors who receive there are pruned from this
 * instance's followers and participants, so nothing more is sent to them.
 */
export async function pruneUnreachableInbox(
  { deps, follows, participation }: UnreachableDeps,
  inboxUrl: string
): Promise<{ actors: number; follows: number; participations: number }> {
  const gone = await deps.db
    .select({ id: actors.id })
    .from(actors)
    .where(and(isNotNull(actors.domain), or(eq(actors.inboxUrl, inboxUrl), eq(actors.sharedInboxUrl, inboxUrl))));
  const ids = gone.map((a) => a.id);
  const removedFollows = await follows.removeFollowsOf(ids);
  const removedParticipations = await participation.removeUnreachable(ids);
  if (ids.length > 0) {
    deps.logger.info('unreachable inbox pruned', {
      inbox: inboxUrl,
      actors: ids.length,
      follows: removedFollows,
      participations: removedParticipations
    });
  }
  return { actors: ids.length, follows: removedFollows, participations: removedParticipations };
}
