import { isDomainError } from '../../core/errors.ts';
import type { FedContext } from '../context.ts';
import { eventFromAp } from '../converters/event.ts';
import type { Json } from '../converters/json.ts';
import { resolveActor } from '../remote-actors.ts';

/**
 * An Event someone sent (in a Create or an Update) or that we fetched: stored or updated through
 * the same checks whatever the path. Returns whether it was taken.
 */
export async function receiveEvent(ctx: FedContext, object: Json, senderApId: string): Promise<boolean> {
  const { services, logger } = ctx.data;
  const data = eventFromAp(object);
  if (!data) {
    logger.debug('not an event we can show', { id: object.id });
    return false;
  }
  if (data.draft) return false;
  try {
    const [sender, organizer, attributedTo] = await Promise.all([
      resolveActor(ctx, senderApId),
      resolveActor(ctx, data.organizerApId),
      data.attributedToApId ? resolveActor(ctx, data.attributedToApId) : Promise.resolve(null)
    ]);
    const result = await services.remoteEvents.receive(data, { sender, organizer, attributedTo });
    logger.debug('remote event', { id: data.apId, outcome: result.outcome });
    return result.outcome !== 'gone';
  } catch (error) {
    if (isDomainError(error)) {
      logger.debug('remote event refused', { id: data.apId, reason: error.message });
      return false;
    }
    throw error;
  }
}
