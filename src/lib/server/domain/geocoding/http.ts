/** How a geocoding provider is asked: its limits and who we say we are. */
export interface GeocoderHttpOptions {
  userAgent: string;
  /** Whole request, headers and body; default 5 s. */
  timeoutMs?: number;
  /** Largest answer accepted; default 1 MB (a page of results is a few kB). */
  maxBytes?: number;
}

export class GeocoderHttpError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GeocoderHttpError';
  }
}

const MAX_REDIRECTS = 3;

/** The locale when it reads as a language tag (fr, pt-BR); visitors choose it, so nothing else passes. */
export function languageTag(locale: string | undefined): string | undefined {
  return locale && /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i.test(locale) ? locale : undefined;
}

/**
 * GETs a provider's JSON answer. The base URL is the administrator's choice, so any address is
 * allowed; but redirects are followed only on the same origin, the wait is bounded and the body
 * is read no further than `maxBytes`.
 */
export async function getJson(url: URL, locale: string | undefined, options: GeocoderHttpOptions): Promise<unknown> {
  const maxBytes = options.maxBytes ?? 1024 * 1024;
  const signal = AbortSignal.timeout(options.timeoutMs ?? 5000);
  const headers: Record<string, string> = { 'user-agent': options.userAgent, accept: 'application/json' };
  const language = languageTag(locale);
  if (language) headers['accept-language'] = `${language}, en;q=0.5`;
  let target = url;
  for (let hops = 0; ; hops++) {
    const response = await fetch(target, { headers, signal, redirect: 'manual' });
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel();
      const location = response.headers.get('location');
      const next = location ? new URL(location, target) : null;
      if (!next || next.origin !== url.origin || hops >= MAX_REDIRECTS) {
        throw new GeocoderHttpError(`redirect refused (${response.status} to ${next?.origin ?? 'nowhere'})`);
      }
      target = next;
      continue;
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new GeocoderHttpError(`status ${response.status}`);
    }
    const text = await readCapped(response, maxBytes);
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new GeocoderHttpError('answer is not JSON');
    }
  }
}

async function readCapped(response: Response, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw new GeocoderHttpError(`answer too large (${declared} bytes)`);
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new GeocoderHttpError(`answer too large (over ${maxBytes} bytes)`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
