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
}

/** Retry-After as seconds from now: either a number of seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
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
    response = await fetch(signed, { redirect: 'manual', signal: AbortSignal.timeout(request.timeoutMs) });
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
