import { type Accept } from '@fedify/vocab';
import type { FedInboxContext } from '../context.ts';
import { asArray, idOf } from '../converters/json.ts';
import { answerJoin } from './answer-join.ts';
import { answerMembership } from './answer-membership.ts';
import { receivedJson } from './raw.ts';
import { crawlRelayOutbox } from '../relay-crawl.ts';

/** A remote actor accepted something we sent: a Join of its event, or a Follow. */
export async function onAccept(ctx: FedInboxContext, accept: Accept): Promise<void> {
  const { services, logger } = ctx.data;
  if (!accept.actorId) return logger.debug('accept without actor');
  // What is accepted is ours: its id (embedded or as a URL) names it; nothing needs fetching.
  const received = await receivedJson(accept);
  const followHref = received ? idOf(asArray(received.json.object)[0]) : undefined;
  const followId = followHref ? new URL(followHref) : null;
  if (!followId) return logger.debug('accept of nothing we know');
  if (received && (await answerMembership(ctx, received.json, received.actorApId, true))) return;
  if (received && (await answerJoin(ctx, received.json, received.actorApId, true))) return;
  const accepter = await services.queries.actors.byApId(accept.actorId.href);
  if (!accepter) return logger.debug('accept from an unknown actor');
  // Only the followed actor may accept: the follow row is matched on both its id and its target.
  const updated = await services.follows.markAccepted({ followApId: followId.href, targetId: accepter.id });
  if (!updated) return logger.debug('accept of an unknown follow', { follow: followId.href });
  // Another server's relay accepted ours: read what it announced before.
  const relay = await services.queries.actors.instanceActor();
  const ours = relay ? await services.queries.follows.isFollowing(relay.id, accepter.id) : undefined;
  if (ours?.approved && ours.apId === followId.href) await crawlRelayOutbox(ctx, accepter);
}
