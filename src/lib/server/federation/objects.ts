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

/**
 * The object of a member's Update or Move when the object lives here: the member's proposed
 * version, embedded (fetching our own URL would only return what we have). Not to be trusted as a
 * document: the domain decides whether this member may change it, and what of it to take.
 */
export function proposedChangeOfOurs(ctx: FedContext, activity: Json): Json | null {
  const object = asArray(activity.object)[0];
  const id = idOf(object);
  if (!id || !isObject(object) || typeof object.type !== 'string') return null;
  return sameOrigin(id, ctx.data.services.config.publicUrl) ? object : null;
}
