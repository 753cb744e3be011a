import type { Follow } from '@fedify/vocab';
import type { FedInboxContext } from '../context.ts';
import { storeRemoteActor } from '../remote-actors.ts';

/** Someone asks to follow one of our profiles. */
export async function onFollow(ctx: FedInboxContext, follow: Follow): Promise<void> {
  const { services, logger } = ctx.data;
  if (!follow.id || !follow.actorId || !follow.objectId) return logger.debug('follow without id, actor or object');
  const parsed = ctx.parseUri(follow.objectId);
  if (parsed?.type !== 'actor') return logger.debug('follow of something that is not a local actor');
  const target = await services.queries.actors.localByUsername(parsed.identifier);
  if (!target) return logger.debug('follow of an unknown actor', { object: follow.objectId.href });
  const remote = await follow.getActor(ctx);
  if (!remote?.id || remote.id.href !== follow.actorId.href)
    return logger.debug('follow by an actor that cannot be fetched');
  const follower = await storeRemoteActor(ctx, remote);
  if (!follower) return;
  await services.follows.receiveFollow({ followerId: follower.id, targetId: target.id, apId: follow.id.href });
}
