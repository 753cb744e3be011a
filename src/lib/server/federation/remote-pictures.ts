import type { Config } from '../config/index.ts';
import type { FetchedPicture, RemotePictureFetcher } from '../domain/media/index.ts';
import { SafeFetchError, userAgentOf, type FetchersOptions, type SafeFetch } from './fetch/index.ts';
import { createSafeFetch } from './fetch/safe-fetch.ts';
import type { FetchFailure } from './fetch/index.ts';
import { mediaTypeOf } from './media-type.ts';

/** Failures that asking again will not change: the job is not retried for them. */
const FINAL: ReadonlySet<FetchFailure> = new Set([
  'invalid-url',
  'unsupported-protocol',
  'private-address',
  'too-large',
  'too-many-redirects',
  'redirect-loop'
]);

/** What a server may call a picture: an image type, or nothing more precise than bytes. */
const acceptedType = (type: string | null) =>
  type === null || type.startsWith('image/') || type === 'application/octet-stream';

/**
 * The domain's port for remote pictures (domain/media RemoteMediaService), over the same checked
 * fetch as every other request to another server (no private addresses, one deadline, redirects
 * checked), with the body capped at the upload limit rather than the 1 MB of documents.
 */
export function createPictureFetcher(
  config: Pick<Config, 'allowPrivateAddresses' | 'publicUrl'>,
  options: FetchersOptions = {}
): RemotePictureFetcher {
  const byLimit = new Map<number, SafeFetch>();
  const fetcherFor = (maxBytes: number): SafeFetch => {
    let safeFetch = byLimit.get(maxBytes);
    if (!safeFetch) {
      safeFetch = createSafeFetch({
        allowPrivateAddresses: config.allowPrivateAddresses,
        userAgent: userAgentOf(config),
        ...options,
        maxBytes
      });
      byLimit.set(maxBytes, safeFetch);
    }
    return safeFetch;
  };
  return {
    async fetch(url, maxBytes): Promise<FetchedPicture> {
      let response;
      try {
        response = await fetcherFor(maxBytes)(url, { headers: { accept: 'image/*' } });
      } catch (error) {
        if (error instanceof SafeFetchError && FINAL.has(error.reason)) return { refused: error.reason };
        throw error;
      }
      const { status } = response;
      if (status === 408 || status === 429 || status >= 500) throw new Error(`${url} answered HTTP ${status}`);
      if (status < 200 || status >= 300) return { refused: `HTTP ${status}` };
      const type = mediaTypeOf(response.headers.get('content-type'));
      if (!acceptedType(type)) return { refused: `not a picture (${type})` };
      return { bytes: response.body };
    }
  };
}
