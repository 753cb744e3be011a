import type { DocumentLoader, RemoteDocument } from '@fedify/vocab-runtime';
import { isActivityMediaType, mediaTypeOf } from '../media-type.ts';
import { alternateFromHtml, alternateFromLinkHeader } from './alternate-link.ts';
import { knownContext } from './context-loader.ts';
import { SafeFetchError } from './errors.ts';
import type { SafeFetch, SafeFetchOptions, SafeResponse } from './safe-fetch.ts';

const ACCEPT = 'application/activity+json, application/ld+json; profile="https://www.w3.org/ns/activitystreams"';

const withoutFragment = (url: string) => {
  const parsed = new URL(url);
  parsed.hash = '';
  return parsed.href;
};

function statusError(response: SafeResponse): SafeFetchError {
  // Fedify reads `response.status` (a key that answers 410 is gone, not unreachable).
  const status = response.status >= 200 && response.status <= 599 ? response.status : 502;
  return new SafeFetchError(
    response.url,
    'http-status',
    `HTTP ${response.status}`,
    new Response(null, { status, headers: response.headers })
  );
}

function parseJson(response: SafeResponse): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(response.body));
  } catch {
    throw new SafeFetchError(response.url, 'not-json', 'the document is not valid JSON');
  }
}

/** The document's own id must be the address it was asked for, or the one that answered after redirects. */
function checkId(document: unknown, requested: string, answered: string): void {
  const record = typeof document === 'object' && document !== null && !Array.isArray(document) ? document : null;
  const id = record ? ((record as { id?: unknown }).id ?? (record as { '@id'?: unknown })['@id']) : undefined;
  if (typeof id !== 'string')
    throw new SafeFetchError(answered, 'id-mismatch', 'the document has no id; ActivityPub objects must have one');
  let own: string;
  try {
    own = withoutFragment(id);
  } catch {
    throw new SafeFetchError(answered, 'id-mismatch', `the document's id is not a URL: ${id.slice(0, 200)}`);
  }
  if (own !== withoutFragment(requested) && own !== withoutFragment(answered))
    throw new SafeFetchError(answered, 'id-mismatch', `the document claims to be ${own.slice(0, 200)}`);
}

/**
 * A JSON-LD document loader for ActivityPub objects, as Fedify calls it for lookups, actors, keys
 * and embedded references. It accepts only a 2xx `application/activity+json` or
 * `application/ld+json` answer whose `id` is the URL asked for (or the final URL after
 * redirects); an HTML page or a `Link` header may point once to such a document. Everything else
 * fails with a SafeFetchError naming the reason. `prepare` may sign each request.
 */
export function createObjectLoader(safeFetch: SafeFetch, prepare?: SafeFetchOptions['prepare']): DocumentLoader {
  async function load(url: string, signal: AbortSignal | undefined, followAlternate: boolean): Promise<RemoteDocument> {
    const response = await safeFetch(url, { headers: { accept: ACCEPT }, signal, prepare });
    if (response.status < 200 || response.status > 299) throw statusError(response);
    const type = mediaTypeOf(response.headers.get('content-type'));
    if (!isActivityMediaType(type)) {
      const alternate = followAlternate
        ? (alternateFromLinkHeader(response.headers.get('link'), response.url) ??
          (type === 'text/html' || type === 'application/xhtml+xml'
            ? alternateFromHtml(new TextDecoder().decode(response.body), response.url)
            : undefined))
        : undefined;
      if (alternate && withoutFragment(alternate) !== response.url) return load(alternate, signal, false);
      throw new SafeFetchError(
        response.url,
        'content-type',
        `${type ?? 'no content type'} is not an ActivityPub document (application/activity+json or application/ld+json)`
      );
    }
    const document = parseJson(response);
    checkId(document, url, response.url);
    return { contextUrl: null, document, documentUrl: response.url };
  }

  return async (url, options) => {
    // A JSON-LD context asked of the object loader is answered from the bundled ones, never fetched.
    const context = knownContext(url);
    if (context) return context;
    return load(url, options?.signal, true);
  };
}
