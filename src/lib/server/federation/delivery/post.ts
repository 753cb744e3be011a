import { signRequest } from '@fedify/fedify';
import { validatePublicUrl } from '@fedify/vocab-runtime';

export type PostOutcome =
  | { kind: 'delivered'; status: number }
  | { kind: 'http'; status: number; retryAfterSeconds?: number; error: string }
  | { kind: 'network'; error: string };

export interface PostRequest {
  inboxUrl: string;
  body: string;
  keyId: URL;
  privateKey: CryptoKey;
  userAgent: string;
  allowPrivateAddresses: boolean;
  timeoutMs: number;
  /** Aborts the request early (a shutdown that cannot wait any longer). */
  signal?: AbortSignal;
}

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
 * verify), without following redirects: an inbox that answers 3xx is a failure like any other.
 */
export async function postActivity(request: PostRequest): Promise<PostOutcome> {
  try {
    if (!request.allowPrivateAddresses) await validatePublicUrl(request.inboxUrl);
  } catch (error) {
    return { kind: 'http', status: 0, error: `refused address: ${(error as Error).message}` };
  }
  const body = new TextEncoder().encode(request.body);
  const unsigned = new Request(request.inboxUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/activity+json',
      accept: 'application/activity+json',
      'user-agent': request.userAgent
    },
    body
  });
  let response: Response;
  try {
    const signed = await signRequest(unsigned, request.privateKey, request.keyId, {
      spec: 'draft-cavage-http-signatures-12',
      body: body.buffer
    });
    const timeout = AbortSignal.timeout(request.timeoutMs);
    const signal = request.signal ? AbortSignal.any([timeout, request.signal]) : timeout;
    response = await fetch(signed, { redirect: 'manual', signal });
  } catch (error) {
    return { kind: 'network', error: String((error as Error).cause ?? error) };
  }
  // The answer's body is not needed, and may be large: let it go unread.
  await response.body?.cancel().catch(() => {});
  if (response.status >= 200 && response.status < 300) return { kind: 'delivered', status: response.status };
  return {
    kind: 'http',
    status: response.status,
    retryAfterSeconds: parseRetryAfter(response.headers.get('retry-after')),
    error: `HTTP ${response.status}`
  };
}
