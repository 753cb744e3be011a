import { validatePublicUrl } from '@fedify/vocab-runtime';

const MAX_BYTES = 256 * 1024;
const MAX_REDIRECTS = 3;
const TIMEOUT_MS = 10_000;

export interface FetchJsonOptions {
  allowPrivateAddresses: boolean;
  userAgent: string;
}

/** The URL could not be fetched at all (refused, timed out, not JSON): tell it apart from a 404. */
export class FetchJsonError extends Error {
  readonly status: number | undefined;
  constructor(message: string, status?: number) {
    super(message);
    this.name = 'FetchJsonError';
    this.status = status;
  }
}

async function readCapped(response: Response): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BYTES) {
      await reader.cancel().catch(() => {});
      throw new FetchJsonError('document too large');
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

/**
 * GETs a small JSON document from another server: public addresses only (unless allowed, for tests),
 * each redirect checked again, a time limit, a size cap and a JSON content type.
 */
export async function fetchJson(url: string, options: FetchJsonOptions): Promise<unknown> {
  let current = url;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const parsed = new URL(current);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new FetchJsonError('not an http(s) URL');
    if (!options.allowPrivateAddresses) await validatePublicUrl(current);
    let response: Response;
    try {
      response = await fetch(current, {
        headers: { accept: 'application/json', 'user-agent': options.userAgent },
        redirect: 'manual',
        signal: AbortSignal.timeout(TIMEOUT_MS)
      });
    } catch (error) {
      throw new FetchJsonError(`could not fetch ${current}: ${String(error)}`);
    }
    if (response.status >= 300 && response.status < 400) {
      const location = response.headers.get('location');
      await response.body?.cancel().catch(() => {});
      if (!location) throw new FetchJsonError('redirect without a location', response.status);
      current = new URL(location, current).href;
      continue;
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => {});
      throw new FetchJsonError(`${current} answered ${response.status}`, response.status);
    }
    const type = response.headers.get('content-type') ?? '';
    if (!/json/i.test(type)) {
      await response.body?.cancel().catch(() => {});
      throw new FetchJsonError(`${current} is not JSON (${type || 'no content type'})`);
    }
    try {
      return JSON.parse(await readCapped(response));
    } catch (error) {
      if (error instanceof FetchJsonError) throw error;
      throw new FetchJsonError(`${current} is not valid JSON`);
    }
  }
  throw new FetchJsonError('too many redirects');
}
