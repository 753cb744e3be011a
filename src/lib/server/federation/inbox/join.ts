import type { Join } from '@fedify/vocab';
import { isDomainError } from '../../core/errors.ts';
import type { FedInboxContext } from '../context.ts';
import { joinFromAp } from '../converters/participation.ts';
import { sameOrigin } from '../converters/json.ts';
import { resolveActor } from '../remote-actors.ts';
import { localGroupNamed, receiveGroupJoin } from './group-join.ts';
import { receivedJson } from './raw.ts';

/**
 * A profile of another server asks to join one of our events. The participation service decides
 * (capacity, join mode); its answer leaves as Accept or Reject from the outbox. A Join of one of
 * our groups is a request for membership (group-join.ts).
 */
export async function onJoin(ctx: FedInboxContext, join: Join): Promise<void> {
  const { services, logger } = ctx.data;
  const received = await receivedJson(join);
  const data = received ? joinFromAp(received.json) : null;
  if (!received || !data) return logger.debug('join without id, actor or object');
  // The participation's id names it on the participant's server: nobody joins in someone else's name.
  if (!sameOrigin(data.id, received.actorApId)) return logger.debug('join with an id of another server', data);
  const group = await localGroupNamed(ctx, data.event);
  if (group) return receiveGroupJoin(ctx, { id: data.id, actorApId: received.actorApId }, group);
  const event = await services.queries.events.byApId(data.event);
  if (!event?.local) return logger.debug('join of something that is not a local event', { object: data.event });
  try {
    const actor = await resolveActor(ctx, received.actorApId);
    const result = await services.participation.remote.receiveJoin({
      apId: data.id,
      event,
      actor,
      message: data.message
    });
    logger.debug('remote join', { id: data.id, outcome: result.outcome });
  } catch (error) {
    if (!isDomainError(error)) throw error;
    logger.debug('remote join refused', { id: data.id, reason: error.message });
  }
}
