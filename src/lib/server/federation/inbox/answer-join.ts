import { isDomainError } from '../../core/errors.ts';
import type { FedInboxContext } from '../context.ts';
import { joinAnswerFromAp } from '../converters/participation.ts';
import type { Json } from '../converters/json.ts';
import { resolveActor } from '../remote-actors.ts';

/**
 * An Accept or Reject that answers one of our profiles' requests to join an event of the
 * answerer's server. True when it named a participation here (handled, or refused by the policy),
 * false when it is about something else (a Follow).
 */
export async function answerJoin(
  ctx: FedInboxContext,
  json: Json,
  answererApId: string,
  accepted: boolean
): Promise<boolean> {
  const { services, logger } = ctx.data;
  const data = joinAnswerFromAp(json);
  if (!data) return false;
  const participation = await services.queries.participations.byApId(data.participation);
  if (!participation) return false;
  try {
    // A moderator of the event's server may answer: an actor we may not have met yet.
    const answerer = await resolveActor(ctx, answererApId);
    const updated = await services.participation.remote.receiveAnswer({
      participantApId: data.participation,
      answerer,
      accepted,
      reason: data.reason
    });
    logger.debug('answer to a join', { id: data.participation, accepted, role: updated?.role });
  } catch (error) {
    if (!isDomainError(error)) throw error;
    logger.debug('answer to a join refused', { id: data.participation, reason: error.message });
  }
  return true;
}
