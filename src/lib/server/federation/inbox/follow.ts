import type { Follow } from '@fedify/vocab';
import type { FedInboxContext } from '../context.ts';
import { storeRemoteActor } from '../remote-actors.ts';

/** Someone asks to follow one of our actors: the relay (instance follows) or a profile (refused). */
export async function onFollow(ctx: FedInboxContext, follow: Follow): Promise<void> {
  const { services, logger } = ctx.data;
  if (!follow.id || !follow.actorId || !follow.objectId) return logger.debug('follow without id, actor or object');
  const target = await localTarget(ctx, follow.objectId);
  if (!target) return logger.debug('follow of something that is not a local actor', { object: follow.objectId.href });
  const remote = await follow.getActor(ctx);
  if (!remote?.id || remote.id.href !== follow.actorId.href)
    return logger.debug('follow by an actor that cannot be fetched');
  const follower = await storeRemoteActor(ctx, remote);
  if (!follower || follower.suspended) return;
  const received = await services.follows.receiveFollow({
    followerId: follower.id,
    targetId: target.id,
    apId: follow.id.href
  });
  if (received.refused) logger.debug('follow refused', { object: follow.objectId.href, reason: received.refused });
}

async function localTarget(ctx: FedInboxContext, objectId: URL) {
  const { queries } = ctx.data.services;
  const relay = await queries.actors.instanceActor();
  if (relay && relay.apId === objectId.href) return relay;
  const parsed = ctx.parseUri(objectId);
  if (parsed?.type !== 'actor') return undefined;
  return queries.actors.localByUsername(parsed.identifier);
}
