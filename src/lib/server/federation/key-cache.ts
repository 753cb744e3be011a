import type { KvKey, KvStore } from '@fedify/fedify';
import type { DocumentLoader } from '@fedify/vocab-runtime';

/** Where Fedify keeps the public keys it verified signatures with (its default `kvPrefixes.publicKey`). */
export const PUBLIC_KEY_PREFIX: KvKey = ['_fedify', 'publicKey'];

/**
 * How long a remote actor's key is trusted without asking its server again: the age after which
 * the actor itself is refreshed. Fedify caches keys without a lifetime, so a key the actor has
 * replaced (rotated after a leak, say) would otherwise verify signatures forever.
 */
export const KEY_CACHE_TTL_MS = 48 * 3600_000;

/** What PostgresKvStore is told: cached keys expire after `KEY_CACHE_TTL_MS` unless Fedify says otherwise. */
export const KEY_CACHE_LIFETIME = { prefix: PUBLIC_KEY_PREFIX, ms: KEY_CACHE_TTL_MS } as const;

/** Forgets a cached key (and a failure to fetch it): the next signature naming it fetches it again. */
export async function forgetCachedKey(kv: KvStore, keyId: string): Promise<void> {
  await kv.delete([...PUBLIC_KEY_PREFIX, keyId]);
  await kv.delete([...PUBLIC_KEY_PREFIX, '__fetchError', keyId]);
}

/**
 * Fedify's document loader for lookups: objects come from the KV cache (five minutes), but a key
 * (an id with a fragment, `…#main-key`) is always fetched. Fedify asks for a key only when its own
 * key cache has none, or when a signature failed against the cached one — after a rotation — and
 * then a copy of the actor's document from before the rotation would refuse the new key.
 */
export function freshKeys(cached: DocumentLoader, uncached: DocumentLoader): DocumentLoader {
  return (url, options) =>
    URL.canParse(url) && new URL(url).hash !== '' ? uncached(url, options) : cached(url, options);
}
