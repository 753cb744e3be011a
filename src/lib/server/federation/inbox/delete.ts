import { Delete, type Activity } from '@fedify/vocab';
import { isDomainError } from '../../core/errors.ts';
import type { FedContext, FedInboxContext } from '../context.ts';
import { asArray, isObject, stringOf, typeOf } from '../converters/json.ts';
import { resolveActor } from '../remote-actors.ts';
import { receiveMemberContent } from './member-content.ts';
import { receivedJson } from './raw.ts';

/**
 * A remote actor deleted itself (forget it and its follow links), or deleted an object: an event
 * (its organizer only), a comment (its author, or an organizer of its event), or an object we have
 * not seen yet (remembered as gone).
 */
export async function onDelete(ctx: FedInboxContext, del: Delete): Promise<void> {
  const { actorId, objectId } = del;
  if (!actorId || !objectId) return;
  if (actorId.href === objectId.href) {
    await forgetActor(ctx, actorId);
    return;
  }
  const { services, logger } = ctx.data;
  // The signature was verified for this actor: it exists, even if we never stored it yet.
  const sender = await resolveActor(ctx, actorId.href).catch(() => undefined);
  if (!sender || sender.domain === null) return logger.debug('delete by an actor that cannot be fetched');
  try {
    const received = await receivedJson(del);
    if (received && (await receiveMemberContent(ctx, 'Delete', received.actorApId, received.json, null))) return;
    const removed =
      (await services.remoteEvents.remove(objectId.href, sender)) ??
      (await services.comments.removeRemote(objectId.href, sender));
    if (!removed) await services.fediverse.rememberDeleted(objectId.href, await formerTypeOf(del), sender);
  } catch (error) {
    if (!isDomainError(error)) throw error;
    logger.debug('delete refused', { object: objectId.href, reason: error.message });
  }
}

/** What the deleted object was, as the Delete's Tombstone says (Mobilizon's `formerType`), when it does. */
async function formerTypeOf(del: Delete): Promise<string> {
  const received = await receivedJson(del);
  const object = received ? asArray(received.json.object)[0] : undefined;
  if (!isObject(object)) return 'Object';
  const type = typeOf(object);
  return stringOf(object.formerType) ?? (type && type !== 'Tombstone' ? type : 'Object');
}

async function forgetActor(ctx: FedContext, actorId: URL): Promise<boolean> {
  const { services, logger } = ctx.data;
  const known = await services.queries.actors.byApId(actorId.href);
  if (!known || known.domain === null) return false;
  const forgotten = await services.actors.forgetRemoteActor(known.id);
  if (!forgotten) return false;
  // A group gone: our profiles' memberships of it go with it.
  if (known.type === 'Group') await services.members.remote.forgetGroup(known.id);
  // Its seats in our events are free again (as when its inbox is gone).
  const left = await services.participation.removeUnreachable([known.id]);
  logger.info('remote actor deleted', { actor: actorId.href, participations: left });
  return true;
}

/**
 * A Delete of an actor whose key can no longer be fetched (its server already answers 410) cannot
 * be verified by signature. It is honoured only when the actor's own URL answers 404 or 410 now;
 * anything else (a timeout, a 500) leaves the actor as it is.
 */
export async function onUnverifiedDelete(ctx: FedContext, activity: Activity): Promise<Response | undefined> {
  if (!(activity instanceof Delete)) return undefined;
  const { actorId, objectId } = activity;
  if (!actorId || !objectId || actorId.href !== objectId.href) return undefined;
  const known = await ctx.data.services.queries.actors.byApId(actorId.href);
  if (!known || known.domain === null) return new Response(null, { status: 202 });
  // A fresh fetch (the shared loader may answer from its cache), with the same checks as every other.
  try {
    await ctx.data.fetchers.objectLoader(actorId.href);
    return undefined;
  } catch (error) {
    const status = (error as { response?: Response }).response?.status;
    if (status !== 404 && status !== 410) return undefined;
  }
  await forgetActor(ctx, actorId);
  return new Response(null, { status: 202 });
}
