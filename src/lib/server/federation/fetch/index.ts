import { kvCache, type KvStore } from '@fedify/fedify';
import type { AuthenticatedDocumentLoaderFactory, DocumentLoader, DocumentLoaderFactory } from '@fedify/vocab-runtime';
import type { Config } from '../../config/index.ts';
import { SOFTWARE_VERSION } from '../../domain/instance/index.ts';
import { createAuthenticatedLoaderFactory } from './authenticated-loader.ts';
import { createContextLoader } from './context-loader.ts';
import type { Resolver } from './destination.ts';
import { createObjectLoader } from './document-loader.ts';
import { freshKeys } from '../key-cache.ts';
import { createSafeFetch, type SafeFetch, type SafeFetchPolicy } from './safe-fetch.ts';
import type { Transport } from './transport.ts';

export { SafeFetchError, type FetchFailure } from './errors.ts';
export { isPublicAddress, isLocalHostname } from './addresses.ts';
export { MAX_REDIRECTS, MAX_RESPONSE_BYTES, FETCH_TIMEOUT_MS } from './safe-fetch.ts';
export type { SafeFetch, SafeFetchOptions, SafeResponse } from './safe-fetch.ts';
export type { Resolver, ResolvedAddress } from './destination.ts';
export type { Transport, HopRequest, HopResponse } from './transport.ts';

/** Every way the federation reads other servers, all over the same checked fetch. */
export interface FederationFetchers {
  /** For any other request to a remote server (NodeInfo, WebFinger, deliveries): checked, capped, timed. */
  safeFetch: SafeFetch;
  /** ActivityPub objects, uncached (a fresh answer). */
  objectLoader: DocumentLoader;
  contextLoader: DocumentLoader;
  authenticatedLoaderFactory: AuthenticatedDocumentLoaderFactory;
}

export interface FetchersOptions extends Partial<Pick<SafeFetchPolicy, 'timeoutMs' | 'maxBytes' | 'maxRedirects'>> {
  /** Tests stand in for DNS and remote servers here; production uses the system's. */
  resolve?: Resolver;
  transport?: Transport;
}

export function userAgentOf(config: Pick<Config, 'publicUrl'>): string {
  return `Convene/${SOFTWARE_VERSION} (+${config.publicUrl})`;
}

export function createFederationFetchers(
  config: Pick<Config, 'allowPrivateAddresses' | 'publicUrl'>,
  options: FetchersOptions = {}
): FederationFetchers {
  const safeFetch = createSafeFetch({
    allowPrivateAddresses: config.allowPrivateAddresses,
    userAgent: userAgentOf(config),
    ...options
  });
  return {
    safeFetch,
    objectLoader: createObjectLoader(safeFetch),
    contextLoader: createContextLoader(),
    authenticatedLoaderFactory: createAuthenticatedLoaderFactory(safeFetch)
  };
}

/**
 * The loader options of `createFederation`. Fedify passes `allowPrivateAddress` and `userAgent`
 * to each factory; they are ignored on purpose: our configuration decides. Objects are cached five
 * minutes in the KV store, as Fedify's own loader does, keys are not (see key-cache.ts: Fedify
 * keeps them itself); signed fetches are not cached.
 */
export function fedifyLoaderOptions(
  fetchers: FederationFetchers,
  kv: KvStore
): {
  documentLoaderFactory: DocumentLoaderFactory;
  contextLoaderFactory: DocumentLoaderFactory;
  authenticatedDocumentLoaderFactory: AuthenticatedDocumentLoaderFactory;
} {
  const cachedObjects = freshKeys(kvCache({ loader: fetchers.objectLoader, kv }), fetchers.objectLoader);
  return {
    documentLoaderFactory: () => cachedObjects,
    contextLoaderFactory: () => fetchers.contextLoader,
    authenticatedDocumentLoaderFactory: (identity) => fetchers.authenticatedLoaderFactory(identity)
  };
}
