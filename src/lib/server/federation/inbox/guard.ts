import type { Activity } from '@fedify/vocab';
import type { FedInboxContext } from '../context.ts';

type Listener<T extends Activity> = (ctx: FedInboxContext, activity: T) => Promise<void>;

/**
 * Drops, before any handler runs, what comes from a suspended actor or a blocked server. Every
 * listener is registered through this, so a new handler is covered without thinking of it.
 */
export function refusingBlocked<T extends Activity>(listener: Listener<T>): Listener<T> {
  return async (ctx, activity) => {
    const actor = activity.actorId;
    if (actor && (await ctx.data.services.queries.refusals.refusesActor(actor.href))) {
      ctx.data.logger.debug('activity from a suspended actor or a blocked instance dropped', {
        actor: actor.href,
        type: activity.constructor.name,
        id: activity.id?.href
      });
      return;
    }
    await listener(ctx, activity);
  };
}
