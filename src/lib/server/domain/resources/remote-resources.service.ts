import { DomainError } from '../../core/errors.ts';
import type { Actor } from '../../db/schema/actors.ts';
import type { Resource } from '../../db/schema/groups.ts';
import { transaction, type Transaction } from '../../db/transaction.ts';
import type { ServiceDeps } from '../deps.ts';
import { loadGroup, requireGroupPermission, resolveActing } from '../groups/index.ts';
import {
  actorIdByApId,
  groupByApId,
  insertRemote,
  remoteParent,
  resourceByApId,
  type RemoteResourceData
} from './remote-resources.ts';
import { cleanMetadata } from './link-preview.ts';
import type { ResourcesService } from './resources.service.ts';

/**
 * Resources that reach us through federation: made or changed by a member on another server (the
 * same permission table as for local members), or announced by a remote group as its own content.
 * Stored by ActivityPub id, so that receiving the same activity twice changes nothing.
 */
export class RemoteResourcesService {
  private readonly deps: ServiceDeps;
  private readonly resources: ResourcesService;
  constructor(deps: ServiceDeps, resources: ResourcesService) {
    this.deps = deps;
    this.resources = resources;
  }

  /** A remote member's Create, Add, Update or Move of a resource of a group known here. */
  async receiveRemoteResource(acting: { remoteActorId: number }, data: RemoteResourceData): Promise<Resource> {
    return transaction(this.deps.pool, async (tx) => {
      const actor = await resolveActing(tx, acting);
      const group = await this.lockedGroup(tx, data.groupApId);
      const existing = await resourceByApId(tx, data.apId, true);
      await requireGroupPermission(tx.db, group.id, actor.id, existing ? 'resource.update' : 'resource.create');
      return this.upsert(tx, group, existing, { creatorId: actor.id, byActorId: actor.id }, data);
    });
  }

  /** A remote member's Delete of a resource; unknown ones are already gone. */
  async receiveRemoteResourceDeletion(acting: { remoteActorId: number }, apId: string): Promise<Resource | null> {
    return transaction(this.deps.pool, async (tx) => {
      const actor = await resolveActing(tx, acting);
      const resource = await resourceByApId(tx, apId, true);
      if (!resource) return null;
      await requireGroupPermission(tx.db, resource.groupId, actor.id, 'resource.delete');
      await this.resources.remove(tx, resource, actor.id);
      return resource;
    });
  }

  /** The copy of a resource a remote group announced as its own (no check beyond that group's say). */
  async resourceForGroupAnnounce(groupId: number, data: RemoteResourceData): Promise<Resource> {
    return transaction(this.deps.pool, async (tx) => {
      const group = await loadGroup(tx, groupId, true);
      if (group.apId !== data.groupApId) {
        throw new DomainError('forbidden', 'A group announces only its own resources', { field: 'attributedTo' });
      }
      const existing = await resourceByApId(tx, data.apId, true);
      const creatorId = await actorIdByApId(tx, data.creatorApId);
      // The group's say: its history line is its creator's; no one here acted.
      return this.upsert(tx, group, existing, { creatorId, authorId: creatorId, byActorId: null }, data);
    });
  }

  /** A remote group announced that one of its resources is gone. */
  async resourceDeletionForGroupAnnounce(groupId: number, apId: string): Promise<Resource | null> {
    return transaction(this.deps.pool, async (tx) => {
      const resource = await resourceByApId(tx, apId, true);
      if (!resource || resource.groupId !== groupId || resource.local) return null;
      await this.resources.remove(tx, resource, null);
      return resource;
    });
  }

  private async lockedGroup(tx: Transaction, apId: string): Promise<Actor> {
    const group = await groupByApId(tx, apId);
    return loadGroup(tx, group.id, true);
  }

  private async upsert(
    tx: Transaction,
    group: Actor,
    existing: Resource | undefined,
    who: { creatorId: number | null; authorId?: number | null; byActorId: number | null },
    data: RemoteResourceData
  ): Promise<Resource> {
    const { creatorId, byActorId } = who;
    const authorId = who.authorId === undefined ? byActorId : who.authorId;
    const parent = await remoteParent(tx, group, data);
    // What the link's page says of itself, as its server found it (never fetched on receipt here).
    const metadata = data.type === 'link' ? cleanMetadata(data.metadata ?? {}) : undefined;
    if (!existing) {
      const resource = await insertRemote(tx, group, parent, creatorId, { ...data, metadata });
      await this.resources.told(tx, resource, authorId, { created: true });
      await this.deps.events.record(tx, 'ResourceCreated', { resourceId: resource.id, byActorId });
      return resource;
    }
    if (existing.groupId !== group.id) {
      throw new DomainError('forbidden', 'This resource belongs to another group', { field: 'attributedTo' });
    }
    if (existing.local && existing.type !== data.type) {
      throw new DomainError('validation', 'A resource does not change its type', { field: 'type' });
    }
    const updated = await this.resources.applyChanges(tx, existing, {
      title: data.title,
      summary: data.summary,
      parentId: parent?.id ?? null,
      resourceUrl: existing.type === 'folder' ? undefined : data.resourceUrl,
      metadata: existing.type === 'link' && data.metadata !== undefined ? metadata : undefined
    });
    if (!updated) return existing;
    await this.resources.told(tx, updated.resource, authorId, updated.change);
    await this.deps.events.record(tx, 'ResourceUpdated', {
      resourceId: existing.id,
      byActorId,
      ...(updated.change.movedFrom !== undefined ? { movedFrom: updated.change.movedFrom.id } : {})
    });
    return updated.resource;
  }
}
