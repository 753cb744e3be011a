import { DomainError } from '../../core/errors.ts';
import { actingAs } from '../acting.ts';
import { builder } from '../builder.ts';
import { parseId, requireUser } from '../guards.ts';
import { DeletedObject } from './account-care.ts';
import { Resource, ResourceMetadata } from './resources.ts';

const requiredId = (raw: string | number, field: string, what: string) => {
  const id = parseId(raw);
  if (id === null) throw new DomainError('not_found', `${what} not found`, { field });
  return id;
};

/** A folder's id; none (or Mobilizon's root, which has none) is the group's root. */
function folderId(raw: string | number | null | undefined): number | null | undefined {
  if (raw === undefined) return undefined;
  if (raw === null || raw === '' || raw === 'root' || String(raw).startsWith('root_')) return null;
  return requiredId(raw, 'parentId', 'Folder');
}

builder.mutationFields((t) => ({
  createResource: t.field({
    type: Resource,
    description: 'Adds a folder, a link, or a document on one of the instance’s services, to a group',
    args: {
      parentId: t.arg.id(),
      actorId: t.arg.id({ required: true }),
      title: t.arg.string({ required: true }),
      summary: t.arg.string(),
      resourceUrl: t.arg.string(),
      type: t.arg.string({ defaultValue: 'link' })
    },
    resolve: async (_root, args, ctx) =>
      ctx.services.resources.create(await actingAs(ctx), {
        groupId: requiredId(args.actorId, 'actorId', 'Group'),
        parentId: folderId(args.parentId) ?? null,
        title: args.title,
        summary: args.summary,
        resourceUrl: args.resourceUrl,
        type: (args.type ?? 'link').toLowerCase() as 'link'
      })
  }),
  updateResource: t.field({
    type: Resource,
    description: 'Renames, describes or moves a resource (within its group)',
    args: {
      id: t.arg.id({ required: true }),
      title: t.arg.string(),
      summary: t.arg.string(),
      parentId: t.arg.id(),
      resourceUrl: t.arg.string()
    },
    resolve: async (_root, args, ctx) =>
      ctx.services.resources.update(await actingAs(ctx), requiredId(args.id, 'id', 'Resource'), {
        title: args.title ?? undefined,
        summary: args.summary,
        parentId: folderId(args.parentId),
        resourceUrl: args.resourceUrl ?? undefined
      })
  }),
  deleteResource: t.field({
    type: DeletedObject,
    description: 'Deletes a resource; a folder goes with everything in it',
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const deleted = await ctx.services.resources.delete(await actingAs(ctx), requiredId(args.id, 'id', 'Resource'));
      return { id: deleted.id };
    }
  }),
  previewResourceLink: t.field({
    type: ResourceMetadata,
    description: 'What a page says of itself (title, description, picture), fetched by the server',
    args: { resourceUrl: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => ctx.services.resources.previewLink(requireUser(ctx).id, args.resourceUrl)
  })
}));
