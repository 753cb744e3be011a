import { signRequest } from '@fedify/fedify';
import { SafeFetchError, type FetchFailure, type SafeFetch } from '../fetch/index.ts';

export type PostOutcome =
  | { kind: 'delivered'; status: number }
  | { kind: 'http'; status: number; retryAfterSeconds?: number; error: string }
  | { kind: 'network'; error: string };

export interface PostRequest {
  inboxUrl: string;
  body: string;
  keyId: URL;
  privateKey: CryptoKey;
  /** The checked fetch (fetch/safe-fetch.ts), with its deadline and the User-Agent. */
  fetch: SafeFetch;
  /** Aborts the request early (a shutdown that cannot wait any longer). */
  signal?: AbortSignal;
}

/** Addresses we may not send to at all: trying again would not help. */
const REFUSED: ReadonlySet<FetchFailure> = new Set(['invalid-url', 'unsupported-protocol', 'private-address']);

/** An HTTP date as RFC 9110 allows it: IMF-fixdate, or the obsolete RFC 850 and asctime forms. */
const HTTP_DATE =
  /^(?:[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT|[A-Z][a-z]+, \d{2}-[A-Z][a-z]{2}-\d{2} \d{2}:\d{2}:\d{2} GMT|[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2} \d{4})$/;

/**
 * Retry-After as seconds from now: either a number of seconds or an HTTP date (a date in the past
 * means now). Anything else is ignored rather than guessed at: `Date.parse` reads "1.5" as a year.
 */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d{1,10}$/.test(trimmed)) return Number(trimmed);
  if (!HTTP_DATE.test(trimmed)) return undefined;
  const at = Date.parse(trimmed.endsWith('GMT') ? trimmed : `${trimmed} GMT`);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

/**
 * One signed POST (draft-cavage HTTP signatures with a SHA-256 Digest, as Mobilizon and Mastodon
 * verify) through the federation's checked fetch: public addresses only in production, connected to
 * the addresses checked. Redirects are not followed: an inbox that answers 3xx is a failure like any
 * other.
 */
export async function postActivity(request: PostRequest): Promise<PostOutcome> {
  const body = new TextEncoder().encode(request.body);
  let response;
  try {
    response = await request.fetch(request.inboxUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/activity+json', accept: 'application/activity+json' },
      body,
      signal: request.signal,
      redirect: 'manual',
      prepare: (unsigned) =>
        signRequest(unsigned, request.privateKey, request.keyId, {
          spec: 'draft-cavage-http-signatures-12',
          body: body.buffer
        })
    });
  } catch (error) {
    if (error instanceof SafeFetchError && REFUSED.has(error.reason)) {
      return { kind: 'http', status: 0, error: `refused address: ${error.message}` };
    }
    return { kind: 'network', error: error instanceof Error ? error.message : String(error) };
  }
  if (response.status >= 200 && response.status < 300) return { kind: 'delivered', status: response.status };
  return {
    kind: 'http',
    status: response.status,
    retryAfterSeconds: parseRetryAfter(response.headers.get('retry-after')),
    error: `HTTP ${response.status}`
  };
}
