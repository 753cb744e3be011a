import type { Resource } from '../../db/schema/groups.ts';
import type { GroupActivityEntry } from '../groups/index.ts';

/** What happened to a resource, to tell in the group's history. */
export interface ResourceChange {
  created?: boolean;
  deleted?: boolean;
  renamedFrom?: string;
  /** The former folder (id null and path `/`: the root). */
  movedFrom?: { id: number | null; path: string };
  /** Its summary or address changed. */
  updated?: boolean;
}

/**
 * The history lines of a change, with Mobilizon's subjects: resource_created, resource_renamed,
 * resource_moved, resource_updated (nothing else changed), resource_deleted.
 */
export function historyOf(resource: Resource, authorId: number | null, change: ResourceChange): GroupActivityEntry[] {
  const params = {
    resource_title: resource.title,
    resource_path: resource.path,
    resource_uuid: resource.uuid,
    is_folder: String(resource.type === 'folder')
  };
  const entry = (subject: string, extra: Record<string, string> = {}): GroupActivityEntry => ({
    groupId: resource.groupId,
    authorId,
    type: 'resource',
    subject,
    subjectParams: { ...params, ...extra },
    objectId: change.deleted ? null : resource.id
  });
  if (change.created) return [entry('resource_created')];
  if (change.deleted) return [entry('resource_deleted')];
  const lines: GroupActivityEntry[] = [];
  if (change.renamedFrom !== undefined)
    lines.push(entry('resource_renamed', { old_resource_title: change.renamedFrom }));
  if (change.movedFrom !== undefined) lines.push(entry('resource_moved', { old_resource_path: change.movedFrom.path }));
  if (lines.length === 0 && change.updated) lines.push(entry('resource_updated'));
  return lines;
}
