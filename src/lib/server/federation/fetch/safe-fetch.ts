import { checkDestination, systemResolver, type Resolver } from './destination.ts';
import { SafeFetchError } from './errors.ts';
import { nodeTransport, type Transport } from './transport.ts';

export const FETCH_TIMEOUT_MS = 10_000;
export const MAX_RESPONSE_BYTES = 1024 * 1024;
export const MAX_REDIRECTS = 5;

export interface SafeFetchPolicy {
  /** Tests only: loopback and other private destinations are allowed. */
  allowPrivateAddresses: boolean;
  userAgent: string;
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  /** The edges we do not own, replaceable in tests: DNS and the remote server. */
  resolve?: Resolver;
  transport?: Transport;
}

export interface SafeFetchOptions {
  method?: string;
  headers?: HeadersInit;
  body?: Uint8Array<ArrayBuffer>;
  signal?: AbortSignal;
  /**
   * Called for every hop, redirects included, with the request about to go out (User-Agent and
   * the caller's headers set): e.g. to sign it, since a signature covers the hop's path and host.
   */
  prepare?: (request: Request) => Promise<Request>;
  /** `manual`: a 3xx answer is returned as it is, not followed (deliveries: an inbox is not moved). */
  redirect?: 'follow' | 'manual';
}

export interface SafeResponse {
  /** The URL that answered, after redirects. */
  url: string;
  status: number;
  headers: Headers;
  body: Uint8Array<ArrayBuffer>;
}

export type SafeFetch = (url: string | URL, options?: SafeFetchOptions) => Promise<SafeResponse>;

function parseUrl(input: string | URL): URL {
  try {
    return new URL(input);
  } catch {
    throw new SafeFetchError('about:invalid', 'invalid-url', `not a URL: ${String(input).slice(0, 200)}`);
  }
}

function rejectOnAbort(signal: AbortSignal): Promise<never> {
  return new Promise((_resolve, reject) => {
    if (signal.aborted) reject(signal.reason);
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

function hopFailure(url: URL, error: unknown, deadline: AbortSignal, caller: AbortSignal | undefined): SafeFetchError {
  if (error instanceof SafeFetchError) return error;
  if (deadline.aborted && !caller?.aborted) return new SafeFetchError(url, 'timeout', 'no complete answer in time');
  if (caller?.aborted) return new SafeFetchError(url, 'aborted', 'the fetch was cancelled');
  const code = (error as { code?: string }).code;
  return new SafeFetchError(url, 'network', `${code ? `${code}: ` : ''}${(error as Error).message}`);
}

/**
 * The one way the federation reaches other servers. Each hop is checked before it connects
 * (checkDestination) and connects only to the addresses checked; redirects are followed by hand,
 * each checked the same way; the whole exchange has one deadline and the body a size cap.
 */
export function createSafeFetch(policy: SafeFetchPolicy): SafeFetch {
  const timeoutMs = policy.timeoutMs ?? FETCH_TIMEOUT_MS;
  const maxBytes = policy.maxBytes ?? MAX_RESPONSE_BYTES;
  const maxRedirects = policy.maxRedirects ?? MAX_REDIRECTS;
  const resolve = policy.resolve ?? systemResolver;
  const transport = policy.transport ?? nodeTransport;
  const destinationPolicy = { allowPrivateAddresses: policy.allowPrivateAddresses, resolve };

  return async function safeFetch(input, options = {}) {
    let url = parseUrl(input);
    url.hash = '';
    const deadline = AbortSignal.timeout(timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
    let method = (options.method ?? 'GET').toUpperCase();
    let body = options.body;
    const visited = new Set<string>();
    for (let redirects = 0; ; redirects++) {
      visited.add(url.href);
      let response;
      try {
        signal.throwIfAborted();
        // A DNS lookup cannot be cancelled: the deadline wins the race instead.
        const destination = await Promise.race([checkDestination(url, destinationPolicy), rejectOnAbort(signal)]);
        let request = new Request(url, { method, headers: options.headers, body });
        request.headers.set('user-agent', policy.userAgent);
        if (!request.headers.has('accept-encoding')) request.headers.set('accept-encoding', 'gzip, deflate, br');
        if (options.prepare) request = await options.prepare(request);
        signal.throwIfAborted();
        response = await transport(destination, { method, headers: request.headers, body, signal, maxBytes });
      } catch (error) {
        throw hopFailure(url, error, deadline, options.signal);
      }
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || location === null || options.redirect === 'manual') {
        return { url: url.href, status: response.status, headers: response.headers, body: response.body };
      }
      if (redirects >= maxRedirects)
        throw new SafeFetchError(url, 'too-many-redirects', `more than ${maxRedirects} redirects`);
      let next: URL;
      try {
        next = new URL(location, url);
      } catch {
        throw new SafeFetchError(url, 'invalid-url', `redirected to an invalid location: ${location.slice(0, 200)}`);
      }
      next.hash = '';
      if (visited.has(next.href)) throw new SafeFetchError(url, 'redirect-loop', `redirect loop through ${next.href}`);
      // 303, and 301/302 after a POST, continue as GET without a body; 307/308 repeat the request.
      if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
        method = 'GET';
        body = undefined;
      }
      url = next;
    }
  };
}
