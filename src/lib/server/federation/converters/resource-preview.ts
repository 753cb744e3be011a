import type { ResourceMetadataData } from '../../db/schema/groups.ts';
import { asArray, idOf, isObject, numberOf, stringOf, type Json } from './json.ts';

/**
 * A link's preview (what its page says of itself) carried in the resource's `preview`, an
 * ActivityStreams `Page`: `name`, `summary`, `image` (with its size), `icon` (the site's icon),
 * `generator` (the site), `attributedTo` (the author) and `previewType` (oEmbed's kind). Mobilizon
 * sends none and ignores it; between our servers it spares the receiving one a fetch of the page.
 * Embed HTML never travels.
 */
export function previewToAp(metadata: ResourceMetadataData): Json | undefined {
  const image = metadata.imageRemoteUrl
    ? {
        type: 'Image',
        url: metadata.imageRemoteUrl,
        ...(metadata.width ? { width: metadata.width } : {}),
        ...(metadata.height ? { height: metadata.height } : {})
      }
    : undefined;
  const preview: Json = {
    type: 'Page',
    ...(metadata.title ? { name: metadata.title } : {}),
    ...(metadata.description ? { summary: metadata.description } : {}),
    ...(image ? { image } : {}),
    ...(metadata.faviconUrl ? { icon: { type: 'Image', url: metadata.faviconUrl } } : {}),
    ...(metadata.providerName || metadata.providerUrl
      ? { generator: namedLink('Service', metadata.providerName, metadata.providerUrl) }
      : {}),
    ...(metadata.authorName || metadata.authorUrl
      ? { attributedTo: namedLink('Person', metadata.authorName, metadata.authorUrl) }
      : {}),
    ...(metadata.type ? { previewType: metadata.type } : {})
  };
  return Object.keys(preview).length > 1 ? preview : undefined;
}

const namedLink = (type: string, name: string | undefined, url: string | undefined): Json => ({
  type,
  ...(name ? { name } : {}),
  ...(url ? { url } : {})
});

const urlOf = (value: unknown): string | undefined => {
  const first = asArray(value)[0];
  if (isObject(first) && first.url !== undefined) return idOf(asArray(first.url)[0]);
  return idOf(first);
};

/** The preview as received, uncleaned (the domain keeps only bounded texts and http(s) links). */
export function previewFromAp(value: unknown): ResourceMetadataData | undefined {
  const preview = asArray(value)[0];
  if (!isObject(preview)) return undefined;
  const image = asArray(preview.image)[0];
  const generator = asArray(preview.generator)[0];
  const author = asArray(preview.attributedTo)[0];
  return {
    type: stringOf(preview.previewType),
    title: stringOf(preview.name),
    description: stringOf(preview.summary),
    imageRemoteUrl: urlOf(image),
    width: isObject(image) ? numberOf(image.width) : undefined,
    height: isObject(image) ? numberOf(image.height) : undefined,
    faviconUrl: urlOf(preview.icon),
    providerName: isObject(generator) ? stringOf(generator.name) : undefined,
    providerUrl: isObject(generator) ? urlOf(generator) : undefined,
    authorName: isObject(author) ? stringOf(author.name) : undefined,
    authorUrl: isObject(author) ? urlOf(author) : undefined
  };
}
