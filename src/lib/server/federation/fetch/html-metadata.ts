import type { ResourceMetadataData } from '../../db/schema/groups.ts';

/** Only the start of a page is read: its head is there. */
const SCANNED_CHARS = 512 * 1024;

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Character references as pages use them in attributes and titles. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : whole;
    }
    return NAMED[ref.toLowerCase()] ?? whole;
  });
}

const ATTRIBUTE = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

function attributesOf(source: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const match of source.matchAll(ATTRIBUTE)) {
    const name = match[1]!.toLowerCase();
    if (!attributes.has(name)) attributes.set(name, decodeEntities(match[2] ?? match[3] ?? match[4] ?? ''));
  }
  return attributes;
}

/** The page without what never holds metadata (comments, scripts, styles, templates). */
const stripped = (html: string) =>
  html
    .slice(0, SCANNED_CHARS)
    .replace(/<!--[\s\S]*?(?:-->|$)/g, ' ')
    .replace(/<(script|style|template|noscript)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|$)/gi, ' ');

function absolute(value: string | undefined, base: URL): string | undefined {
  if (!value?.trim()) return undefined;
  try {
    const url = new URL(value.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

const positiveInt = (value: string | undefined) => {
  const n = value ? Number.parseInt(value, 10) : NaN;
  return Number.isInteger(n) && n > 0 ? n : undefined;
};

/**
 * What a page says of itself: Open Graph first, then Twitter cards, then `<title>` and the meta
 * description; the picture, icon and addresses made absolute (against `<base href>` when given).
 */
export function parseHtmlMetadata(html: string, pageUrl: string): ResourceMetadataData {
  const page = stripped(html);
  const meta = new Map<string, string>();
  const icons: { rel: string; href: string }[] = [];
  let base = new URL(pageUrl);
  for (const match of page.matchAll(/<(meta|link|base)\b([^>]*)>/gi)) {
    const tag = match[1]!.toLowerCase();
    const attributes = attributesOf(match[2]!);
    if (tag === 'base') {
      const href = absolute(attributes.get('href'), base);
      if (href) base = new URL(href);
    } else if (tag === 'meta') {
      const key = (attributes.get('property') ?? attributes.get('name') ?? '').trim().toLowerCase();
      const content = attributes.get('content');
      if (key && content !== undefined && !meta.has(key)) meta.set(key, content);
    } else {
      const rel = (attributes.get('rel') ?? '').toLowerCase().split(/\s+/);
      const href = attributes.get('href');
      if (href && rel.some((r) => r === 'icon' || r === 'apple-touch-icon')) icons.push({ rel: rel.join(' '), href });
    }
  }
  const titleMatch = /<title\b[^>]*>([\s\S]*?)<\/title\s*>/i.exec(page);
  const first = (...keys: string[]) => keys.map((k) => meta.get(k)?.trim()).find((v) => v);
  const icon = icons.find((i) => i.rel.split(' ').includes('icon')) ?? icons[0];
  const siteName = first('og:site_name', 'application-name');
  return {
    type: first('og:type'),
    title:
      first('og:title', 'twitter:title') ??
      (titleMatch ? decodeEntities(titleMatch[1]!.replace(/<[^>]*>/g, '')) : undefined),
    description: first('og:description', 'twitter:description', 'description'),
    imageRemoteUrl: absolute(
      first('og:image:secure_url', 'og:image:url', 'og:image', 'twitter:image', 'twitter:image:src'),
      base
    ),
    width: positiveInt(first('og:image:width')),
    height: positiveInt(first('og:image:height')),
    authorName: first('author', 'article:author', 'twitter:creator'),
    providerName: siteName ?? new URL(pageUrl).hostname,
    providerUrl: new URL(pageUrl).origin,
    faviconUrl: absolute(icon?.href, base)
  };
}

/** The charset a page declares in its first bytes (`<meta charset>` or an http-equiv Content-Type). */
export function declaredCharset(head: string): string | undefined {
  const match = /<meta\b[^>]*charset\s*=\s*["']?\s*([a-z0-9_.:-]+)/i.exec(head);
  return match?.[1]?.toLowerCase();
}
