import { signRequest } from '@fedify/fedify';
import type { AuthenticatedDocumentLoaderFactory } from '@fedify/vocab-runtime';
import { createObjectLoader } from './document-loader.ts';
import type { SafeFetch } from './safe-fetch.ts';

/**
 * Signed GETs (draft-cavage HTTP signatures, as Mobilizon verifies them) for servers that answer
 * only identified fetches. Each hop is signed anew: the signature covers its path and host.
 */
export function createAuthenticatedLoaderFactory(safeFetch: SafeFetch): AuthenticatedDocumentLoaderFactory {
  return (identity) =>
    createObjectLoader(safeFetch, (request) =>
      signRequest(request, identity.privateKey, identity.keyId, { spec: 'draft-cavage-http-signatures-12' })
    );
}
