import { isActor, type Actor as ApActor } from '@fedify/vocab';
import { DomainError } from '../core/errors.ts';
import type { Actor } from '../db/schema/actors.ts';
import type { FedContext } from './context.ts';
import { remoteActorFromAp } from './converters/actor.ts';
import { isObject } from './converters/json.ts';
import { forgetCachedKey } from './key-cache.ts';
import { exportPublicKeyPem } from './keys.ts';

/**
 * Stores (or refreshes) a remote actor Fedify fetched, with the PEM of its public key. When the key
 * is not the one stored (a rotation), Fedify's cached copy of the old one is forgotten at once.
 */
export async function storeRemoteActor(ctx: FedContext, actor: ApActor): Promise<Actor | null> {
  const key = await actor.getPublicKey({ documentLoader: ctx.documentLoader, contextLoader: ctx.contextLoader });
  const pem = key?.publicKey ? await exportPublicKeyPem(key.publicKey) : null;
  const json = await actor.toJsonLd();
  const data = remoteActorFromAp(actor, pem, isObject(json) ? json : {});
  if (!data) return null;
  const known = await ctx.data.services.queries.actors.byApId(data.apId);
  const stored = await ctx.data.services.actors.upsertRemoteActor(data);
  if (known?.publicKeyPem && known.publicKeyPem !== pem && key?.id) await forgetCachedKey(ctx.data.kv, key.id.href);
  return stored;
}

/** A remote actor's copy is refreshed when it is older than this (Mobilizon's stale period). */
export const STALE_AFTER_MS = 48 * 3600_000;

/**
 * Fetches an actor by URL (or returns ours, or the stored copy while it is fresh); refuses what is
 * not an actor. With `refresh`, fetches again whatever the copy's age (an Update announced a change).
 * A stale or refreshed copy is fetched from its server, never from the five-minute document cache.
 * When the refresh fails, a copy already stored is used.
 */
export async function resolveActor(ctx: FedContext, url: string, options: { refresh?: boolean } = {}): Promise<Actor> {
  const known = await ctx.data.services.queries.actors.byApId(url);
  if (known && (known.domain === null || known.suspended)) return known;
  const fresh = known?.lastRefreshedAt && Date.now() - known.lastRefreshedAt.getTime() < STALE_AFTER_MS;
  if (known && fresh && !options.refresh) return known;
  try {
    const object = await ctx.lookupObject(url, known ? { documentLoader: ctx.data.fetchers.objectLoader } : {});
    if (!isActor(object)) throw new DomainError('not_found', 'No actor found at this address');
    const stored = await storeRemoteActor(ctx, object);
    if (!stored) throw new DomainError('not_found', 'No usable actor found at this address');
    return stored;
  } catch (error) {
    if (known) return known;
    throw error;
  }
}
