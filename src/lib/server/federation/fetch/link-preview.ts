import type { Config } from '../../config/index.ts';
import type { ResourceMetadataData } from '../../db/schema/groups.ts';
import type { LinkPreviewer } from '../../domain/resources/index.ts';
import { mediaTypeOf } from '../media-type.ts';
import { declaredCharset, parseHtmlMetadata } from './html-metadata.ts';
import { userAgentOf, type FetchersOptions } from './index.ts';
import { createSafeFetch } from './safe-fetch.ts';

/** A preview is a convenience: a page that does not answer fast is left without one. */
export const PREVIEW_TIMEOUT_MS = 5_000;
export const PREVIEW_MAX_BYTES = 1024 * 1024;
const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);

function decode(body: Uint8Array, contentType: string | null): string {
  const fromHeader = /charset\s*=\s*"?([a-z0-9_.:-]+)/i.exec(contentType ?? '')?.[1];
  const label = fromHeader ?? declaredCharset(new TextDecoder('latin1').decode(body.subarray(0, 1024))) ?? 'utf-8';
  try {
    return new TextDecoder(label).decode(body);
  } catch {
    return new TextDecoder('utf-8').decode(body);
  }
}

/**
 * Link previews over the checked fetch: private addresses refused (unless ALLOW_PRIVATE_ADDRESSES,
 * tests only), redirects checked hop by hop, 5 s, 1 MB, HTML only. Nothing found: `{}`.
 */
export function createLinkPreviewer(
  config: Pick<Config, 'allowPrivateAddresses' | 'publicUrl'>,
  options: FetchersOptions = {}
): LinkPreviewer {
  const safeFetch = createSafeFetch({
    allowPrivateAddresses: config.allowPrivateAddresses,
    userAgent: userAgentOf(config),
    timeoutMs: PREVIEW_TIMEOUT_MS,
    maxBytes: PREVIEW_MAX_BYTES,
    ...options
  });
  return {
    async preview(url: string): Promise<ResourceMetadataData> {
      const response = await safeFetch(url, {
        headers: { accept: 'text/html,application/xhtml+xml;q=0.9', 'accept-language': '*' }
      });
      if (response.status < 200 || response.status >= 300) return {};
      const contentType = response.headers.get('content-type');
      if (!HTML_TYPES.has(mediaTypeOf(contentType) ?? '')) return {};
      return parseHtmlMetadata(decode(response.body, contentType), response.url);
    }
  };
}
