import type { Resource } from '../../db/schema/groups.ts';
import type { RemoteResourceData } from '../../domain/resources/index.ts';
import { MOBILIZON_CONTEXT } from './context.ts';
import { previewFromAp, previewToAp } from './resource-preview.ts';
import { asArray, dateOf, httpUrlOf, idOf, stringOf, textOf, typeOf, type Json } from './json.ts';

export interface ResourceApContext {
  /** Who made it (`actor`): its creator's id, else the group's. */
  creator: string;
  /** The group (`attributedTo`). */
  group: string;
  /** Its folder's id, or the group's resources collection for the root (`context`). */
  parent: string;
  /** Who hears of it: the group's members collection. */
  membersUrl: string;
}

/**
 * A group resource as Mobilizon publishes it (activitypub.md §7): a folder is a
 * `ResourceCollection`, anything else a `Document` whose `url` is the link; `context` is the folder.
 */
export function resourceToAp(resource: Resource, context: ResourceApContext): Json & { id: string } {
  const folder = resource.type === 'folder';
  const preview = folder ? undefined : previewToAp(resource.metadata);
  return {
    '@context': MOBILIZON_CONTEXT,
    type: folder ? 'ResourceCollection' : 'Document',
    id: resource.apId,
    actor: context.creator,
    attributedTo: context.group,
    name: resource.title,
    summary: resource.summary,
    context: context.parent,
    published: resource.publishedAt.toISOString(),
    updated: resource.updatedAt.toISOString(),
    to: [context.membersUrl],
    ...(folder ? {} : { url: resource.resourceUrl }),
    ...(preview ? { preview } : {})
  };
}

/** What Mobilizon calls a deleted resource inside its `Delete`. */
export function resourceTombstoneToAp(resource: Pick<Resource, 'apId' | 'type'>, deleted: Date): Json {
  return {
    type: 'Tombstone',
    id: resource.apId,
    formerType: resource.type === 'folder' ? 'ResourceCollection' : 'Document',
    deleted: deleted.toISOString()
  };
}

/**
 * A `Document` or `ResourceCollection` as received; null when it is another kind of object, or
 * lacks its id, group, name, or (for a Document) an http(s) link.
 */
export function resourceFromAp(object: Json): RemoteResourceData | null {
  const type = typeOf(object);
  if (type !== 'Document' && type !== 'ResourceCollection') return null;
  const apId = stringOf(object.id);
  const groupApId = idOf(asArray(object.attributedTo)[0]);
  const title = textOf(object, 'name')?.trim();
  if (!apId || !groupApId || !title) return null;
  const folder = type === 'ResourceCollection';
  const resourceUrl = folder ? null : (httpUrlOf(idOf(asArray(object.url)[0])) ?? null);
  if (!folder && resourceUrl === null) return null;
  return {
    apId,
    type: folder ? 'folder' : 'link',
    title: title.slice(0, 200),
    summary: textOf(object, 'summary')?.trim().slice(0, 2000) || null,
    resourceUrl,
    groupApId,
    contextApId: idOf(asArray(object.context)[0]) ?? null,
    creatorApId: idOf(asArray(object.actor)[0]) ?? null,
    publishedAt: dateOf(object.published) ?? null,
    metadata: folder ? undefined : previewFromAp(object.preview)
  };
}
