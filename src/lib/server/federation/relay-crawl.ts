import type { Actor } from '../db/schema/actors.ts';
import type { FedContext } from './context.ts';
import { asArray, idOf, isObject, typeOf, type Json } from './converters/json.ts';
import { takeAnnounced } from './inbox/announce.ts';
import { fetchObject } from './objects.ts';

/** At most this many announces are read from a relay's outbox when we start following it. */
const MAX_ITEMS = 100;
const MAX_PAGES = 12;

async function page(ctx: FedContext, value: unknown): Promise<Json | null> {
  if (isObject(value) && (value.orderedItems || value.items)) return value;
  const id = idOf(value);
  return id ? fetchObject(ctx, id) : null;
}

/**
 * Once another server's relay accepts our follow, its public events announced so far are read from
 * its outbox (Mobilizon does the same), each fetched from its own server and stored as if announced
 * now. Returns how many were taken.
 */
export async function crawlRelayOutbox(ctx: FedContext, relay: Actor): Promise<number> {
  if (!relay.outboxUrl) return 0;
  const collection = await fetchObject(ctx, relay.outboxUrl);
  if (!collection) return 0;
  let current = await page(ctx, collection.first ?? collection);
  let taken = 0;
  let seen = 0;
  for (let pages = 0; current && pages < MAX_PAGES && seen < MAX_ITEMS; pages++) {
    for (const item of asArray(current.orderedItems ?? current.items)) {
      if (seen++ >= MAX_ITEMS) break;
      if (!isObject(item) || typeOf(item) !== 'Announce' || idOf(item.actor) !== relay.apId) continue;
      const objectId = idOf(item.object);
      const object = objectId ? await fetchObject(ctx, objectId) : null;
      if (object && (await takeAnnounced(ctx, object, relay.apId, idOf(item) ?? null))) taken++;
    }
    const next = idOf(current.next);
    current = next && next !== idOf(current) ? await page(ctx, next) : null;
  }
  ctx.data.logger.info('relay outbox read', { relay: relay.apId, taken });
  return taken;
}
