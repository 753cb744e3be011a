import type { Announce, Undo } from '@fedify/vocab';
import type { FedContext, FedInboxContext } from '../context.ts';
import { idOf, sameOrigin, typeOf, type Json } from '../converters/json.ts';
import { commentFromAp } from '../converters/comment.ts';
import { eventFromAp } from '../converters/event.ts';
import { trustedObjectOf } from '../objects.ts';
import { resolveActor } from '../remote-actors.ts';
import { receiveGroupAnnounce } from './group-announce.ts';
import { receivedJson } from './raw.ts';
import { receiveComment } from './receive-comment.ts';
import { receiveEvent } from './receive-event.ts';

/**
 * An actor shares an object: a relay we follow announces its instance's public events (and their
 * comments, taken as comments when they answer something here, with no share recorded). The object
 * is never taken from the Announce: it is fetched from its own server (or embedded by that same
 * server), stored through the usual checks, and the share recorded. A group we know re-publishing
 * its members' content goes to the handlers of group content first (group-announce.ts).
 */
export async function onAnnounce(ctx: FedInboxContext, announce: Announce): Promise<void> {
  const received = await receivedJson(announce);
  if (!received) return ctx.data.logger.debug('announce whose actor is not the signer');
  const announcer = await ctx.data.services.queries.actors.byApId(received.actorApId);
  if (announcer?.type === 'Group' && announcer.domain !== null) {
    if (await receiveGroupAnnounce(ctx, announcer, received.json)) return;
  }
  const object = await trustedObjectOf(ctx, received.json, received.actorApId);
  if (!object) return ctx.data.logger.debug('announce of an object that cannot be fetched');
  await takeAnnounced(ctx, object, received.actorApId, idOf(received.json) ?? null);
}

/** Stores an announced (or crawled) object and records who shared it. */
export async function takeAnnounced(
  ctx: FedContext,
  object: Json,
  announcerApId: string,
  announceId: string | null
): Promise<boolean> {
  const { services, logger } = ctx.data;
  if (typeOf(object) === 'Note') {
    // A relay announces the comments of its instance too: taken when they answer something here.
    const comment = commentFromAp(object);
    if (!comment || !sameOrigin(comment.apId, comment.authorApId)) return false;
    return receiveComment(ctx, object, comment.authorApId);
  }
  if (typeOf(object) !== 'Event') {
    logger.debug('announce of an unsupported object', { type: typeOf(object) });
    return false;
  }
  const data = eventFromAp(object);
  // The object speaks for its own server only: its organizer must live where it does.
  if (!data || !sameOrigin(data.apId, data.organizerApId)) return false;
  if (!(await receiveEvent(ctx, object, data.organizerApId))) return false;
  const [announcer, event] = await Promise.all([
    resolveActor(ctx, announcerApId),
    services.queries.events.byApId(data.apId)
  ]);
  await services.fediverse.recordShare({
    announcer,
    objectApId: data.apId,
    eventId: event?.id ?? null,
    apId: announceId
  });
  return true;
}

/** The announcer takes its announce back: its share goes (the event stays if others share it). */
export async function onUndoAnnounce(ctx: FedInboxContext, undo: Undo, objectJson: Json): Promise<void> {
  const { services, logger } = ctx.data;
  const announcer = undo.actorId ? await services.queries.actors.byApId(undo.actorId.href) : undefined;
  const objectApId = idOf(objectJson.object);
  if (!announcer || announcer.domain === null || !objectApId) return logger.debug('undo of an unknown announce');
  if (idOf(objectJson.actor) !== announcer.apId) return logger.debug('undo of someone else’s announce');
  await services.fediverse.removeShare(announcer, objectApId);
}
