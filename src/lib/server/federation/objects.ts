import { asArray, idOf, isObject, sameOrigin, type Json } from './converters/json.ts';
import type { FedContext } from './context.ts';

/**
 * The object of an activity, in a form we may trust: embedded, when it lives on the sender's own
 * server (the sender signed it); otherwise fetched from its id, whose server answers for it (the
 * loader checks the content type and that the document is the one asked for).
 */
export async function trustedObjectOf(ctx: FedContext, activity: Json, senderApId: string): Promise<Json | null> {
  const object = asArray(activity.object)[0];
  const id = idOf(object);
  if (!id) return null;
  if (isObject(object) && typeof object.type === 'string' && sameOrigin(id, senderApId)) return object;
  return fetchObject(ctx, id);
}

/**
 * The embedded object of an Update whose id is one of ours, sent by an actor of another server:
 * not a fact to trust but a change proposed to our object (a remote group moderator's edit).
 * Fetching it would only return our own version; the domain decides whether the sender may.
 */
export function proposedChangeOf(ctx: FedContext, activity: Json, senderApId: string): Json | null {
  const object = asArray(activity.object)[0];
  const id = idOf(object);
  if (!id || !isObject(object) || typeof object.type !== 'string') return null;
  return sameOrigin(id, ctx.canonicalOrigin) && !sameOrigin(senderApId, ctx.canonicalOrigin) ? object : null;
}

/** A document fetched from its own URL; null when it is gone, unreachable or not what was asked for. */
export async function fetchObject(ctx: FedContext, id: string): Promise<Json | null> {
  try {
    // Uncached: an Update or Delete must see the object as it is now.
    const { document } = await ctx.data.fetchers.objectLoader(id);
    if (!isObject(document) || idOf(document) !== id) return null;
    return document;
  } catch (error) {
    ctx.data.logger.debug('object could not be fetched', { id, error: String(error) });
    return null;
  }
}
