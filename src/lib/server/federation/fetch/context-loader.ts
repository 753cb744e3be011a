import { preloadedContexts, type DocumentLoader, type RemoteDocument } from '@fedify/vocab-runtime';
import { LITEPUB_CONTEXT } from './litepub-context.ts';

const LITEPUB = 'https://litepub.social/litepub/context.jsonld';
/** Pleroma (and forks) serve the same context from each instance. */
const PER_HOST_LITEPUB = /^https?:\/\/[^/]+\/schemas\/litepub-0\.1\.jsonld$/;
/** An unknown context adds no terms: what it would have defined is dropped, nothing is redefined. */
const EMPTY_CONTEXT = { '@context': {} };

const remoteDocument = (url: string, document: unknown): RemoteDocument => ({
  contextUrl: null,
  document,
  documentUrl: url
});

/** The bundled answer for a context URL Fedify preloads or Mobilizon/litepub use; undefined otherwise. */
export function knownContext(url: string): RemoteDocument | undefined {
  if (url in preloadedContexts) return remoteDocument(url, preloadedContexts[url]);
  // The same documents are named over plain http too (e.g. http://www.w3.org/ns/activitystreams).
  const https = url.replace(/^http:/, 'https:');
  if (https in preloadedContexts) return remoteDocument(url, preloadedContexts[https]);
  if (url === LITEPUB || PER_HOST_LITEPUB.test(url)) return remoteDocument(url, LITEPUB_CONTEXT);
  return undefined;
}

/**
 * JSON-LD contexts, never fetched: a remote `@context` is attacker-chosen input that would cost a
 * request per document and could redefine terms. Known ones come bundled; any other URL is
 * answered with an empty context.
 */
export function createContextLoader(): DocumentLoader {
  return async (url) => knownContext(url) ?? remoteDocument(url, EMPTY_CONTEXT);
}
