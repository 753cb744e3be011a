import { registerActivityObject } from './activity-objects.ts';
import DataLoader from 'dataloader';
import type { Page } from '../../core/pagination.ts';
import { DomainError } from '../../core/errors.ts';
import type { Resource as ResourceRow, ResourceMetadataData } from '../../db/schema/groups.ts';
import { canInGroup } from '../../domain/groups/index.ts';
import { builder } from '../builder.ts';
import type { GraphQLContext } from '../context.ts';
import { requireUser } from '../guards.ts';
import { Actor } from './actors.ts';
import { Group } from './groups.ts';

/** A group's root folder, which Mobilizon answers for the path `/` (it has no row, and no id). */
interface RootFolder {
  root: true;
  groupId: number;
}
type ResourceShape = ResourceRow | RootFolder;
const isRoot = (r: ResourceShape): r is RootFolder => 'root' in r;
const row = (r: ResourceShape): ResourceRow | null => (isRoot(r) ? null : r);

interface PageArgs {
  page?: number | null;
  limit?: number | null;
}

/** Per-request loaders of this area: resources by id, and one page of several folders at once. */
const loadersByContext = new WeakMap<
  GraphQLContext,
  { byId: DataLoader<number, ResourceRow | undefined>; pages: Map<string, DataLoader<number, Page<ResourceRow>>> }
>();
function loaders(ctx: GraphQLContext) {
  let found = loadersByContext.get(ctx);
  if (!found) {
    const queries = ctx.services.queries.resources;
    found = {
      byId: new DataLoader(async (ids) => {
        const rows = new Map((await queries.byIds(ids)).map((r) => [r.id, r]));
        return ids.map((id) => rows.get(id));
      }),
      pages: new Map()
    };
    loadersByContext.set(ctx, found);
  }
  return found;
}

function childrenOf(ctx: GraphQLContext, resource: ResourceShape, args: PageArgs): Promise<Page<ResourceRow>> {
  const request = { page: args.page, limit: args.limit };
  if (isRoot(resource)) return ctx.services.queries.resources.children(resource.groupId, null, request);
  if (resource.type !== 'folder') return Promise.resolve({ total: 0, elements: [] });
  const key = `${args.page ?? 1}:${args.limit ?? 10}`;
  const all = loaders(ctx).pages;
  let loader = all.get(key);
  if (!loader) {
    loader = new DataLoader(async (ids) => {
      const pages = await ctx.services.queries.resources.childrenOfMany(ids, request);
      return ids.map((id) => pages.get(id) ?? { total: 0, elements: [] });
    });
    all.set(key, loader);
  }
  return loader.load(resource.id);
}

export const ResourceMetadata = builder.objectRef<ResourceMetadataData>('ResourceMetadata').implement({
  description: 'What a linked page says of itself',
  fields: (t) => ({
    type: t.string({ resolve: (m) => m.type ?? null }),
    title: t.string({ resolve: (m) => m.title ?? null }),
    description: t.string({ resolve: (m) => m.description ?? null }),
    imageRemoteUrl: t.string({ resolve: (m) => m.imageRemoteUrl ?? null }),
    width: t.int({ resolve: (m) => m.width ?? null }),
    height: t.int({ resolve: (m) => m.height ?? null }),
    authorName: t.string({ resolve: (m) => m.authorName ?? null }),
    authorUrl: t.string({ resolve: (m) => m.authorUrl ?? null }),
    providerName: t.string({ resolve: (m) => m.providerName ?? null }),
    providerUrl: t.string({ resolve: (m) => m.providerUrl ?? null }),
    // Embed HTML of other sites is never kept nor served.
    html: t.string({ resolve: () => null }),
    faviconUrl: t.string({ resolve: (m) => m.faviconUrl ?? null })
  })
});

export const Resource = builder.objectRef<ResourceShape>('Resource');
export const PaginatedResourceList = builder.objectRef<Page<ResourceRow>>('PaginatedResourceList').implement({
  description: 'A paginated list of resources',
  fields: (t) => ({
    elements: t.field({ type: [Resource], nullable: { list: true, items: true }, resolve: (l) => l.elements }),
    total: t.exposeInt('total')
  })
});

Resource.implement({
  description: "A group's folder, link, or document on one of the instance's services",
  fields: (t) => ({
    id: t.id({ resolve: (r) => row(r)?.id ?? null }),
    title: t.string({ resolve: (r) => row(r)?.title ?? null }),
    summary: t.string({ resolve: (r) => row(r)?.summary ?? null }),
    url: t.string({ resolve: (r) => row(r)?.apId ?? null }),
    resourceUrl: t.string({ resolve: (r) => row(r)?.resourceUrl ?? null }),
    metadata: t.field({ type: ResourceMetadata, resolve: (r) => row(r)?.metadata ?? null }),
    creator: t.field({
      type: Actor,
      resolve: (r, _a, ctx) => {
        const creatorId = row(r)?.creatorId;
        return creatorId ? ctx.loaders.actor.load(creatorId) : null;
      }
    }),
    actor: t.field({ type: Actor, resolve: (r, _a, ctx) => ctx.loaders.actor.load(r.groupId) }),
    insertedAt: t.field({ type: 'NaiveDateTime', resolve: (r) => row(r)?.createdAt ?? null }),
    updatedAt: t.field({ type: 'NaiveDateTime', resolve: (r) => row(r)?.updatedAt ?? null }),
    publishedAt: t.field({ type: 'NaiveDateTime', resolve: (r) => row(r)?.publishedAt ?? null }),
    type: t.string({ resolve: (r) => (isRoot(r) ? 'folder' : r.type) }),
    path: t.string({ resolve: (r) => (isRoot(r) ? '/' : r.path) }),
    parent: t.field({
      type: Resource,
      resolve: (r, _a, ctx) => {
        const parentId = row(r)?.parentId;
        return parentId ? loaders(ctx).byId.load(parentId) : null;
      }
    }),
    children: t.field({
      type: PaginatedResourceList,
      args: { page: t.arg.int({ defaultValue: 1 }), limit: t.arg.int({ defaultValue: 10 }) },
      resolve: (r, args, ctx) => childrenOf(ctx, r, args)
    })
  })
});

/** Resources are for the group's members: others get nothing (Mobilizon answers an empty list). */
async function canSee(ctx: GraphQLContext, groupId: number): Promise<boolean> {
  return canInGroup(await ctx.loaders.viewerRole.load(groupId), 'resource.see');
}

builder.objectField(Group, 'resources', (t) =>
  t.field({
    type: PaginatedResourceList,
    description: "The resources at the root of the group's folders (its members only)",
    args: { page: t.arg.int({ defaultValue: 1 }), limit: t.arg.int({ defaultValue: 10 }) },
    resolve: async (group, args, ctx) => {
      if (!(await canSee(ctx, group.id))) return { total: 0, elements: [] };
      return ctx.services.queries.resources.children(group.id, null, args);
    }
  })
);

builder.queryFields((t) => ({
  resource: t.field({
    type: Resource,
    description: "A group's resource by its path (`/` for the root folder), for its members",
    args: { path: t.arg.string({ required: true }), username: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => {
      requireUser(ctx);
      const group = await ctx.services.queries.groups.byUsername(args.username);
      if (!group || group.suspended) throw new DomainError('not_found', 'Group not found', { field: 'username' });
      if (!(await canSee(ctx, group.id))) {
        throw new DomainError('forbidden', 'Only members of this group can see its resources', { field: 'username' });
      }
      const path = normalizePath(args.path);
      if (path === '/') return { root: true, groupId: group.id } satisfies RootFolder;
      const resource = await ctx.services.queries.resources.byPath(group.id, path);
      if (!resource) throw new DomainError('not_found', 'Resource not found', { field: 'path' });
      return resource;
    }
  })
}));

/** `/a/b`, however it was written (`a/b`, `/a/b/`); empty is the root. */
function normalizePath(path: string): string {
  const trimmed = path.trim().replace(/^\/+/, '').replace(/\/+$/, '');
  return `/${trimmed}`;
}

// History lines about resources name them (only members see a group's history).
registerActivityObject(Resource, 'resource', (ctx, id) => ctx.services.queries.resources.byId(id));
