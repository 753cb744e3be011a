import type { FederationModuleContext } from './module-context.ts';
import { resolveActor, STALE_AFTER_MS } from './remote-actors.ts';

/** Actors refreshed per run of the daily job: a bounded batch, the least recently refreshed first. */
export const REFRESH_BATCH = 200;

/**
 * Refreshes the stale copies (older than 48 h) of remote actors who organize or take part in
 * upcoming events, so that names, pictures and keys shown next to those events stay current.
 * An actor whose server does not answer keeps its copy (and is tried again next time).
 */
export async function refreshStaleActors(
  fed: FederationModuleContext,
  options: { limit?: number; now?: Date } = {}
): Promise<number> {
  const now = options.now ?? new Date();
  const stale = await fed.services.queries.actors.staleOfUpcomingEvents(
    new Date(now.getTime() - STALE_AFTER_MS),
    options.limit ?? REFRESH_BATCH,
    now
  );
  const ctx = fed.context();
  let refreshed = 0;
  for (const actor of stale) {
    const stored = await resolveActor(ctx, actor.apId, { refresh: true }).catch((error: unknown) => {
      fed.logger.debug('stale actor not refreshed', { actor: actor.apId, error: String(error) });
      return undefined;
    });
    if (stored?.lastRefreshedAt && stored.lastRefreshedAt.getTime() >= now.getTime()) refreshed++;
  }
  return refreshed;
}
