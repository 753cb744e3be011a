import { Announce, Follow, type Undo } from '@fedify/vocab';
import { isObject } from '../converters/json.ts';
import { onUndoAnnounce } from './announce.ts';
import type { FedInboxContext } from '../context.ts';

/** A remote actor takes back something it sent: a Follow (the follow goes) or an Announce (its share goes). */
export async function onUndo(ctx: FedInboxContext, undo: Undo): Promise<void> {
  const { services, logger } = ctx.data;
  if (!undo.actorId) return logger.debug('undo without actor');
  const object = await undo
    .getObject({ documentLoader: ctx.documentLoader, contextLoader: ctx.contextLoader })
    .catch(() => null);
  if (object instanceof Announce) {
    const json = await object.toJsonLd();
    return isObject(json) ? onUndoAnnounce(ctx, undo, json) : undefined;
  }
  if (!(object instanceof Follow)) return logger.debug('undo of something other than a follow', { id: undo.id?.href });
  // Only the follower may undo its follow, whatever the embedded Follow claims.
  if (object.actorId && object.actorId.href !== undo.actorId.href) return logger.debug('undo of someone else’s follow');
  const follower = await services.queries.actors.byApId(undo.actorId.href);
  if (!follower || follower.domain === null) return logger.debug('undo from an unknown actor');
  const target = object.objectId ? await services.queries.actors.byApId(object.objectId.href) : undefined;
  const removed = await services.follows.receiveUndo({
    followerId: follower.id,
    followApId: object.id?.href ?? null,
    targetId: target && target.domain === null ? target.id : null
  });
  if (!removed) logger.debug('undo of an unknown follow', { follow: object.id?.href });
}
