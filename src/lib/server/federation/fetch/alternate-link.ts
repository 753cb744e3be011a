import { isActivityMediaType, mediaTypeOf } from '../media-type.ts';

const LINK_VALUE = /<([^>]*)>((?:\s*;\s*[a-z*]+\s*=\s*(?:"[^"]*"|[^;,\s]*))*)/gi;
const LINK_PARAM = /;\s*([a-z*]+)\s*=\s*(?:"([^"]*)"|([^;,\s]*))/gi;
const HTML_LINK = /<link\b([^>]*)>/gi;
const HTML_ATTR = /([a-z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/gi;

function resolved(target: string, base: string): string | undefined {
  try {
    return new URL(target, base).href;
  } catch {
    return undefined;
  }
}

const isActivityAlternate = (rel: string | undefined, type: string | undefined) =>
  (rel ?? '').toLowerCase().split(/\s+/).includes('alternate') && isActivityMediaType(mediaTypeOf(type));

/** `Link: <…>; rel="alternate"; type="application/activity+json"`, resolved against the page's URL. */
export function alternateFromLinkHeader(header: string | null, base: string): string | undefined {
  if (!header) return undefined;
  for (const [, target, params] of header.matchAll(LINK_VALUE)) {
    const values = Object.fromEntries(
      [...(params ?? '').matchAll(LINK_PARAM)].map(([, name, quoted, bare]) => [name!.toLowerCase(), quoted ?? bare])
    );
    if (isActivityAlternate(values.rel, values.type)) return resolved(target!, base);
  }
  return undefined;
}

/** `<link rel="alternate" type="application/activity+json" href="…">` in an HTML page. */
export function alternateFromHtml(html: string, base: string): string | undefined {
  for (const [, attributes] of html.matchAll(HTML_LINK)) {
    const values = Object.fromEntries(
      [...(attributes ?? '').matchAll(HTML_ATTR)].map(([, name, a, b, c]) => [name!.toLowerCase(), a ?? b ?? c])
    );
    if (values.href && isActivityAlternate(values.rel, values.type)) return resolved(values.href, base);
  }
  return undefined;
}
