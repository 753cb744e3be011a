import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { DomainError } from '../../core/errors.ts';
import { parseInput } from '../../core/validation.ts';
import type { Actor } from '../../db/schema/actors.ts';
import { resources, type Resource, type ResourceMetadataData } from '../../db/schema/groups.ts';
import { transaction, type Transaction } from '../../db/transaction.ts';
import type { ServiceDeps } from '../deps.ts';
import { loadGroup, recordGroupActivity, requireGroupPermission, resolveActing, type Acting } from '../groups/index.ts';
import { REMOTE_LOOKUP_LIMIT, type RateLimiter } from '../ratelimit/index.ts';
import { cleanMetadata, type LinkPreviewer } from './link-preview.ts';
import { newDocumentUrl } from './providers.ts';
import { historyOf, type ResourceChange } from './resource-history.ts';
import {
  isWithin,
  loadFolder,
  loadResource,
  pathIn,
  requireFreeFolderPath,
  rewriteDescendantPaths
} from './resource-tree.ts';
import {
  createResourceInput,
  updateResourceInput,
  webUrl,
  type CreateResourceInput,
  type UpdateResourceInput
} from './resources.inputs.ts';

export const resourceApId = (publicUrl: string, uuid: string) => `${publicUrl}/resource/${uuid}`;

/**
 * A group's shared resources: folders, links (with what their page says of itself) and documents
 * on the instance's services. Every member may add, rename, move and delete them.
 */
export class ResourcesService {
  private readonly deps: ServiceDeps;
  private readonly rateLimiter: RateLimiter;
  private previewer: LinkPreviewer | undefined;
  constructor(deps: ServiceDeps, rateLimiter: RateLimiter) {
    this.deps = deps;
    this.rateLimiter = rateLimiter;
  }

  /** The application provides the page fetches (over the checked fetch). */
  usePreviewer(previewer: LinkPreviewer): void {
    this.previewer = previewer;
  }

  /** What a page says of itself, for a signed-in person about to add it (Mobilizon's previewResourceLink). */
  async previewLink(userId: number, resourceUrl: string): Promise<ResourceMetadataData> {
    const url = parseInput(webUrl, resourceUrl);
    const { limit, windowSeconds } = REMOTE_LOOKUP_LIMIT;
    const allowed = await this.rateLimiter.hit(`linkPreview:user:${userId}`, limit, windowSeconds);
    if (!allowed.allowed) throw new DomainError('rate_limited', 'Too many previews: try again in a few minutes');
    return this.fetchMetadata(url);
  }

  async create(acting: Acting, raw: CreateResourceInput): Promise<Resource> {
    const input = parseInput(createResourceInput, raw);
    let metadata: ResourceMetadataData = {};
    if (input.type === 'link') {
      // Only members make the server fetch a page.
      await transaction(this.deps.pool, (tx) => this.allowed(tx, acting, input.groupId, 'resource.create'));
      metadata = await this.fetchMetadata(input.resourceUrl!);
    }
    return transaction(this.deps.pool, async (tx) => {
      const { actor, group } = await this.allowed(tx, acting, input.groupId, 'resource.create', true);
      const parent = await loadFolder(tx, group.id, input.parentId);
      const path = pathIn(parent, input.title);
      if (input.type === 'folder') await requireFreeFolderPath(tx, group.id, path, null);
      const resourceUrl =
        input.type === 'folder'
          ? null
          : input.type === 'link'
            ? input.resourceUrl
            : newDocumentUrl(this.deps.config.resourceProviders, input.type);
      const uuid = randomUUID();
      const [resource] = await tx.db
        .insert(resources)
        .values({
          uuid,
          apId: resourceApId(this.deps.config.publicUrl, uuid),
          local: true,
          type: input.type,
          title: input.title,
          summary: input.summary,
          resourceUrl,
          metadata,
          path,
          groupId: group.id,
          parentId: parent?.id ?? null,
          creatorId: actor.id
        })
        .returning();
      await this.told(tx, resource!, actor.id, { created: true });
      await this.deps.events.record(tx, 'ResourceCreated', { resourceId: resource!.id, byActorId: actor.id });
      return resource!;
    });
  }

  /** Renames, describes, re-points (links) or moves (within its group) a resource. */
  async update(acting: Acting, id: number, raw: UpdateResourceInput): Promise<Resource> {
    const input = parseInput(updateResourceInput, raw);
    let metadata: ResourceMetadataData | undefined;
    if (input.resourceUrl !== undefined) {
      const current = await transaction(this.deps.pool, async (tx) => {
        const resource = await loadResource(tx, id);
        await this.allowed(tx, acting, resource.groupId, 'resource.update');
        return resource;
      });
      if (current.type !== 'link' && input.resourceUrl !== current.resourceUrl) {
        throw new DomainError('validation', 'Only a link can point to another address', { field: 'resourceUrl' });
      }
      if (input.resourceUrl !== current.resourceUrl) metadata = await this.fetchMetadata(input.resourceUrl);
    }
    return transaction(this.deps.pool, async (tx) => {
      const before = await loadResource(tx, id);
      const { actor } = await this.allowed(tx, acting, before.groupId, 'resource.update', true);
      const resource = await loadResource(tx, id, true);
      const changes = {
        title: input.title,
        summary: input.summary,
        parentId: input.parentId,
        resourceUrl: metadata === undefined ? undefined : input.resourceUrl,
        metadata
      };
      const updated = await this.applyChanges(tx, resource, changes);
      if (!updated) return resource;
      await this.told(tx, updated.resource, actor.id, updated.change);
      await this.deps.events.record(tx, 'ResourceUpdated', {
        resourceId: resource.id,
        byActorId: actor.id,
        ...(updated.change.movedFrom !== undefined ? { movedFrom: updated.change.movedFrom.id } : {})
      });
      return updated.resource;
    });
  }

  /** Deletes a resource; a folder's whole content goes with it. */
  async delete(acting: Acting, id: number): Promise<Resource> {
    return transaction(this.deps.pool, async (tx) => {
      const before = await loadResource(tx, id);
      const { actor } = await this.allowed(tx, acting, before.groupId, 'resource.delete', true);
      const resource = await loadResource(tx, id, true);
      await this.remove(tx, resource, actor.id);
      return resource;
    });
  }

  /** Shared by local and remote changes: the new title, place and address, with the paths below. */
  async applyChanges(
    tx: Transaction,
    resource: Resource,
    changes: {
      title?: string;
      summary?: string | null;
      parentId?: number | null;
      resourceUrl?: string | null;
      metadata?: ResourceMetadataData;
    }
  ): Promise<{ resource: Resource; change: ResourceChange } | null> {
    const title = changes.title ?? resource.title;
    if (resource.type === 'folder' && title.includes('/')) {
      throw new DomainError('validation', 'A folder name cannot contain “/”', {
        field: 'title',
        reason: 'slash'
      });
    }
    const moving = changes.parentId !== undefined && changes.parentId !== resource.parentId;
    const oldParent = moving ? await loadFolder(tx, resource.groupId, resource.parentId) : undefined;
    let parent: Resource | null;
    if (moving) {
      parent = await loadFolder(tx, resource.groupId, changes.parentId!);
      if (parent && (await isWithin(tx, parent.id, resource.id))) {
        throw new DomainError('validation', 'A folder cannot go into itself or into its own content', {
          field: 'parentId'
        });
      }
    } else {
      parent = await loadFolder(tx, resource.groupId, resource.parentId).catch(() => null);
    }
    const path = moving || title !== resource.title ? pathIn(parent, title) : resource.path;
    const summary = changes.summary === undefined ? resource.summary : changes.summary;
    const resourceUrl = changes.resourceUrl === undefined ? resource.resourceUrl : changes.resourceUrl;
    const renamed = title !== resource.title;
    const otherwise = summary !== resource.summary || resourceUrl !== resource.resourceUrl;
    if (!renamed && !moving && !otherwise) return null;
    if (resource.type === 'folder' && path !== resource.path) {
      await requireFreeFolderPath(tx, resource.groupId, path, resource.id);
    }
    const [updated] = await tx.db
      .update(resources)
      .set({
        title,
        summary,
        resourceUrl,
        path,
        parentId: parent?.id ?? null,
        ...(changes.metadata !== undefined ? { metadata: changes.metadata } : {}),
        updatedAt: new Date()
      })
      .where(eq(resources.id, resource.id))
      .returning();
    if (resource.type === 'folder') await rewriteDescendantPaths(tx, resource.id, resource.path, path);
    return {
      resource: updated!,
      change: {
        renamedFrom: renamed ? resource.title : undefined,
        movedFrom: moving ? { id: resource.parentId, path: oldParent?.path ?? '/' } : undefined,
        updated: otherwise
      }
    };
  }

  /** Deletes the row (its content follows by cascade), with its history line and event. */
  async remove(tx: Transaction, resource: Resource, byActorId: number | null): Promise<void> {
    await tx.db.delete(resources).where(eq(resources.id, resource.id));
    await this.told(tx, resource, byActorId, { deleted: true });
    await this.deps.events.record(tx, 'ResourceDeleted', {
      resourceId: resource.id,
      apId: resource.apId,
      groupId: resource.groupId,
      type: resource.type,
      byActorId
    });
  }

  /** The history lines of a change. */
  async told(tx: Transaction, resource: Resource, authorId: number | null, change: ResourceChange): Promise<void> {
    for (const entry of historyOf(resource, authorId, change)) await recordGroupActivity(tx, entry);
  }

  /** The acting profile and the live group, once the group's permission table allows the action. */
  private async allowed(
    tx: Transaction,
    acting: Acting,
    groupId: number,
    action: 'resource.create' | 'resource.update' | 'resource.delete',
    lock = false
  ): Promise<{ actor: Actor; group: Actor }> {
    const actor = await resolveActing(tx, acting);
    const group = await loadGroup(tx, groupId, lock);
    await requireGroupPermission(tx.db, group.id, actor.id, action);
    return { actor, group };
  }

  /** A page's preview; nothing when it cannot be had (a link is added all the same). */
  private async fetchMetadata(url: string): Promise<ResourceMetadataData> {
    if (!this.previewer) return {};
    try {
      return cleanMetadata(await this.previewer.preview(url));
    } catch (error) {
      this.deps.logger.debug('link preview failed', { url, error: String(error) });
      return {};
    }
  }
}
