import type { Actor } from '../db/schema/actors.ts';
import type { Resource } from '../db/schema/groups.ts';
import type { Services } from '../services.ts';
import { resourceToAp, type ResourceApContext } from './converters/resource.ts';
import type { Json } from './converters/json.ts';
import { groupCollectionUrlsOf } from './group-document.ts';

/**
 * The ActivityPub documents of some resources of one group (Mobilizon's Document and
 * ResourceCollection, without `@context`), their creators and folders read in two queries.
 */
export async function resourceDocuments(services: Services, group: Actor, rows: readonly Resource[]): Promise<Json[]> {
  const { queries } = services;
  const creatorIds = [...new Set(rows.flatMap((r) => (r.creatorId ? [r.creatorId] : [])))];
  const parentIds = [...new Set(rows.flatMap((r) => (r.parentId ? [r.parentId] : [])))];
  const [creators, parents] = await Promise.all([queries.actors.byIds(creatorIds), queries.resources.byIds(parentIds)]);
  const creatorOf = new Map(creators.map((a) => [a.id, a.apId]));
  const parentOf = new Map(parents.map((p) => [p.id, p.apId]));
  const urls = groupCollectionUrlsOf(group);
  return rows.map((resource) => {
    const context: ResourceApContext = {
      creator: (resource.creatorId && creatorOf.get(resource.creatorId)) || group.apId,
      group: group.apId,
      parent: (resource.parentId && parentOf.get(resource.parentId)) || urls.resources,
      membersUrl: urls.members
    };
    const { '@context': _context, ...document } = resourceToAp(resource, context);
    return document;
  });
}

/** A folder's id on the wire: its own, or the group's resources collection for the root. */
export async function folderApId(services: Services, group: Actor, folderId: number | null): Promise<string> {
  const folder = folderId ? await services.queries.resources.byId(folderId) : undefined;
  return folder?.apId ?? groupCollectionUrlsOf(group).resources;
}
