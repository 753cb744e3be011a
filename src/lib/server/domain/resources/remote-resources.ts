import { and, eq, isNull } from 'drizzle-orm';
import { DomainError } from '../../core/errors.ts';
import { actors, type Actor } from '../../db/schema/actors.ts';
import { resources, type Resource, type ResourceMetadataData } from '../../db/schema/groups.ts';
import type { Transaction } from '../../db/transaction.ts';
import { pathIn, requireFreeFolderPath } from './resource-tree.ts';

/** A resource as another server describes it (converters/resource.ts `resourceFromAp`). */
export interface RemoteResourceData {
  apId: string;
  type: 'folder' | 'link';
  title: string;
  summary: string | null;
  resourceUrl: string | null;
  /** The group it belongs to (`attributedTo`). */
  groupApId: string;
  /** Its folder (`context`): another resource, or the group's resources collection for the root. */
  contextApId: string | null;
  /** Who made it (`actor`). */
  creatorApId: string | null;
  publishedAt: Date | null;
  /** A link's preview as its server found it (cleaned before it is kept); absent: none said. */
  metadata?: ResourceMetadataData;
}

/** A live group known here by its ActivityPub id. */
export async function groupByApId(tx: Transaction, apId: string): Promise<Actor> {
  const [group] = await tx.db
    .select()
    .from(actors)
    .where(and(eq(actors.apId, apId), eq(actors.type, 'Group'), isNull(actors.deletedAt)));
  if (!group || group.suspended) throw new DomainError('not_found', 'Group not found', { field: 'attributedTo' });
  return group;
}

export async function actorIdByApId(tx: Transaction, apId: string | null): Promise<number | null> {
  if (!apId) return null;
  const [row] = await tx.db.select({ id: actors.id }).from(actors).where(eq(actors.apId, apId));
  return row?.id ?? null;
}

export async function resourceByApId(tx: Transaction, apId: string, lock = false): Promise<Resource | undefined> {
  const query = tx.db.select().from(resources).where(eq(resources.apId, apId));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

/** The folder a remote resource says it is in: null for the group's root (its resources collection). */
export async function remoteParent(tx: Transaction, group: Actor, data: RemoteResourceData): Promise<Resource | null> {
  const roots = [group.resourcesUrl, `${group.apId}/resources`, group.apId];
  if (data.contextApId === null || roots.includes(data.contextApId)) return null;
  const parent = await resourceByApId(tx, data.contextApId);
  if (!parent || parent.groupId !== group.id || parent.type !== 'folder') {
    throw new DomainError('not_found', 'Folder not found', { field: 'context' });
  }
  return parent;
}

/** Stores a new remote resource (its id is the other server's). */
export async function insertRemote(
  tx: Transaction,
  group: Actor,
  parent: Resource | null,
  creatorId: number | null,
  data: RemoteResourceData
): Promise<Resource> {
  const path = pathIn(parent, data.title);
  if (data.type === 'folder') await requireFreeFolderPath(tx, group.id, path, null);
  const [row] = await tx.db
    .insert(resources)
    .values({
      uuid: crypto.randomUUID(),
      apId: data.apId,
      local: false,
      type: data.type,
      title: data.title,
      summary: data.summary,
      resourceUrl: data.type === 'folder' ? null : data.resourceUrl,
      metadata: data.type === 'folder' ? {} : (data.metadata ?? {}),
      path,
      groupId: group.id,
      parentId: parent?.id ?? null,
      creatorId,
      publishedAt: data.publishedAt ?? new Date()
    })
    .returning();
  return row!;
}
