import type { ResourceMetadataData } from '../../db/schema/groups.ts';

/**
 * How the domain learns what a linked page says of itself (title, description, picture, site
 * name, icon). Implemented outside the domain over the checked fetch (no private addresses, a
 * short deadline, a capped body, HTML only). Resolves with what it found, `{}` when nothing;
 * may throw, which callers treat as nothing found.
 */
export interface LinkPreviewer {
  preview(url: string): Promise<ResourceMetadataData>;
}

const TEXT_MAX = { title: 300, description: 1000, providerName: 200, authorName: 200, type: 50 } as const;

const webUrlOrUndefined = (value: unknown): string | undefined => {
  if (typeof value !== 'string' || value.length > 2000) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
};

const textOrUndefined = (value: unknown, max: number): string | undefined => {
  if (typeof value !== 'string') return undefined;
  const text = value
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text ? text.slice(0, max) : undefined;
};

const sizeOrUndefined = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isInteger(value) && value > 0 && value < 100_000 ? value : undefined;

/**
 * What is kept of a preview: plain texts of bounded length and http(s) addresses only. Embed HTML
 * is never kept (nothing of a third party runs in our pages).
 */
export function cleanMetadata(raw: ResourceMetadataData): ResourceMetadataData {
  const clean: ResourceMetadataData = {
    type: textOrUndefined(raw.type, TEXT_MAX.type),
    title: textOrUndefined(raw.title, TEXT_MAX.title),
    description: textOrUndefined(raw.description, TEXT_MAX.description),
    imageRemoteUrl: webUrlOrUndefined(raw.imageRemoteUrl),
    width: sizeOrUndefined(raw.width),
    height: sizeOrUndefined(raw.height),
    authorName: textOrUndefined(raw.authorName, TEXT_MAX.authorName),
    authorUrl: webUrlOrUndefined(raw.authorUrl),
    providerName: textOrUndefined(raw.providerName, TEXT_MAX.providerName),
    providerUrl: webUrlOrUndefined(raw.providerUrl),
    faviconUrl: webUrlOrUndefined(raw.faviconUrl)
  };
  return Object.fromEntries(Object.entries(clean).filter(([, v]) => v !== undefined)) as ResourceMetadataData;
}
