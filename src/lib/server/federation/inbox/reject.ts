import { type Reject } from '@fedify/vocab';
import type { FedInboxContext } from '../context.ts';
import { asArray, idOf } from '../converters/json.ts';
import { answerJoin } from './answer-join.ts';
import { answerMembership } from './answer-membership.ts';
import { receivedJson } from './raw.ts';

/** A remote actor refused something we sent: a Join of its event (kept, refused), or a Follow (ours goes). */
export async function onReject(ctx: FedInboxContext, reject: Reject): Promise<void> {
  const { services, logger } = ctx.data;
  if (!reject.actorId) return logger.debug('reject without actor');
  // What is rejected is ours: its id (embedded or as a URL) names it; nothing needs fetching.
  const received = await receivedJson(reject);
  const followHref = received ? idOf(asArray(received.json.object)[0]) : undefined;
  const followId = followHref ? new URL(followHref) : null;
  if (!followId) return logger.debug('reject of nothing we know');
  if (received && (await answerMembership(ctx, received.json, received.actorApId, false))) return;
  if (received && (await answerJoin(ctx, received.json, received.actorApId, false))) return;
  const rejecter = await services.queries.actors.byApId(reject.actorId.href);
  if (!rejecter) return logger.debug('reject from an unknown actor');
  // Only the followed actor may refuse: the row is matched on both its id and its target.
  const removed = await services.follows.receiveReject({ followApId: followId.href, targetId: rejecter.id });
  if (!removed) logger.debug('reject of an unknown follow', { follow: followId.href });
}
