import { registerActivityObject } from './activity-objects.ts';
import DataLoader from 'dataloader';
import { DomainError } from '../../core/errors.ts';
import type { Tag as TagRow } from '../../db/schema/events.ts';
import type { Post as PostRow } from '../../db/schema/groups.ts';
import type { PostChanges } from '../../domain/posts/index.ts';
import { actingAs } from '../acting.ts';
import { builder } from '../builder.ts';
import type { GraphQLContext } from '../context.ts';
import { parseId } from '../guards.ts';
import { DeletedObject } from './account-care.ts';
import { Actor } from './actors.ts';
import { Group } from './groups.ts';
import { Media, MediaInput, pictureChange } from './media.ts';
import { Tag } from './tags.ts';

export const PostVisibility = builder.enumType('PostVisibility', {
  values: {
    PUBLIC: { value: 'public', description: 'Publicly listed and federated' },
    UNLISTED: { value: 'unlisted', description: 'Visible only to people with the link' },
    PRIVATE: { value: 'private', description: 'Visible only to members of the group' }
  } as const
});

/** Tags of the posts resolved in one request, fetched in one query (one loader per request). */
const tagLoaders = new WeakMap<GraphQLContext, DataLoader<number, TagRow[]>>();
function tagsOfPost(ctx: GraphQLContext, postId: number): Promise<TagRow[]> {
  let loader = tagLoaders.get(ctx);
  if (!loader) {
    loader = new DataLoader<number, TagRow[]>(async (ids) => {
      const byPost = await ctx.services.queries.posts.tagsByPostIds(ids);
      return ids.map((id) => byPost.get(id) ?? []);
    });
    tagLoaders.set(ctx, loader);
  }
  return loader.load(postId);
}

export const Post = builder.objectRef<PostRow>('Post').implement({
  description: "A group's post: news for everyone, or a note for its members",
  fields: (t) => ({
    id: t.exposeID('id'),
    title: t.exposeString('title'),
    slug: t.exposeString('slug'),
    body: t.exposeString('body'),
    url: t.exposeString('url'),
    draft: t.exposeBoolean('draft'),
    author: t.field({
      type: Actor,
      resolve: (p, _args, ctx) => (p.authorId === null ? null : ctx.loaders.actor.load(p.authorId))
    }),
    attributedTo: t.field({ type: Actor, resolve: (p, _args, ctx) => ctx.loaders.actor.load(p.groupId) }),
    visibility: t.field({ type: PostVisibility, resolve: (p) => p.visibility }),
    publishAt: t.expose('publishAt', { type: 'DateTime' }),
    insertedAt: t.field({ type: 'DateTime', resolve: (p) => p.createdAt }),
    updatedAt: t.field({ type: 'DateTime', resolve: (p) => p.updatedAt }),
    language: t.exposeString('language'),
    tags: t.field({
      type: [Tag],
      nullable: { list: true, items: true },
      resolve: (p, _args, ctx) => tagsOfPost(ctx, p.id)
    }),
    picture: t.field({
      type: Media,
      resolve: (p, _args, ctx) => (p.pictureId === null ? null : ctx.loaders.media.load(p.pictureId))
    })
  })
});

export const PaginatedPostList = builder
  .objectRef<{ total: number; elements: PostRow[] }>('PaginatedPostList')
  .implement({
    description: 'A paginated list of posts',
    fields: (t) => ({
      elements: t.field({ type: [Post], nullable: { list: true, items: true }, resolve: (l) => l.elements }),
      total: t.exposeInt('total')
    })
  });

builder.objectField(Group, 'posts', (t) =>
  t.field({
    type: PaginatedPostList,
    description: "The group's posts the viewer may see, newest first (members see private ones, moderators drafts)",
    args: { page: t.arg.int({ defaultValue: 1 }), limit: t.arg.int({ defaultValue: 10 }) },
    resolve: async (group, args, ctx) => {
      const role = await ctx.loaders.viewerRole.load(group.id);
      return ctx.services.queries.posts.ofGroup(group.id, role, args.page ?? 1, args.limit ?? 10);
    }
  })
);

const notFound = () => new DomainError('not_found', 'Post not found', { field: 'slug' });

builder.queryField('post', (t) =>
  t.field({
    type: Post,
    description: 'A post by its slug, when the viewer may read it',
    args: { slug: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const post = await ctx.services.queries.posts.visibleBySlug(args.slug, (groupId) =>
        ctx.loaders.viewerRole.load(groupId)
      );
      if (!post) throw notFound();
      return post;
    }
  })
);

const idOf = (raw: string | number | null | undefined, message: string, field: string) => {
  const id = parseId(raw);
  if (id === null) throw new DomainError('not_found', message, { field });
  return id;
};

/** Mobilizon's `[String]` tags: null entries dropped; an absent list leaves the tags as they are. */
const tagList = (tags: readonly (string | null | undefined)[] | null | undefined) =>
  tags == null ? undefined : tags.filter((tag): tag is string => typeof tag === 'string');

builder.mutationFields((t) => ({
  createPost: t.field({
    type: Post,
    description: 'Write a post in a group, as the current profile (moderators and administrators)',
    args: {
      attributedToId: t.arg.id({ required: true }),
      title: t.arg.string({ required: true }),
      body: t.arg.string({ required: true }),
      draft: t.arg.boolean({ defaultValue: false }),
      visibility: t.arg({ type: PostVisibility }),
      publishAt: t.arg({ type: 'DateTime' }),
      language: t.arg.string({ defaultValue: 'und' }),
      tags: t.arg.stringList({ required: { list: false, items: false }, defaultValue: [] }),
      picture: t.arg({ type: MediaInput })
    },
    resolve: async (_root, args, ctx) =>
      ctx.services.posts.createPost(
        await actingAs(ctx),
        {
          groupId: idOf(args.attributedToId, 'Group not found', 'attributedToId'),
          title: args.title,
          body: args.body,
          draft: args.draft,
          visibility: args.visibility,
          publishAt: args.publishAt,
          language: args.language,
          tags: tagList(args.tags) ?? []
        },
        pictureChange(args.picture, 'picture')
      )
  }),
  updatePost: t.field({
    type: Post,
    description: 'Change a post (moderators and administrators of its group)',
    args: {
      id: t.arg.id({ required: true }),
      title: t.arg.string(),
      body: t.arg.string(),
      attributedToId: t.arg.id(),
      draft: t.arg.boolean(),
      visibility: t.arg({ type: PostVisibility }),
      language: t.arg.string({ defaultValue: 'und' }),
      publishAt: t.arg({ type: 'DateTime' }),
      tags: t.arg.stringList({ required: { list: false, items: false } }),
      picture: t.arg({ type: MediaInput })
    },
    resolve: async (_root, args, ctx) => {
      const changes: PostChanges = {
        groupId:
          args.attributedToId == null ? undefined : idOf(args.attributedToId, 'Group not found', 'attributedToId'),
        title: args.title,
        body: args.body,
        draft: args.draft,
        visibility: args.visibility,
        language: args.language,
        publishAt: args.publishAt,
        tags: tagList(args.tags)
      };
      return ctx.services.posts.updatePost(
        await actingAs(ctx),
        idOf(args.id, 'Post not found', 'id'),
        changes,
        pictureChange(args.picture, 'picture')
      );
    }
  }),
  deletePost: t.field({
    type: DeletedObject,
    description: 'Delete a post (moderators and administrators of its group)',
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const post = await ctx.services.posts.deletePost(await actingAs(ctx), idOf(args.id, 'Post not found', 'id'));
      return { id: post.id };
    }
  })
}));

// History lines about posts name them (members only see the history, and drafts leave no line).
registerActivityObject(Post, 'post', (ctx, id) => ctx.services.queries.posts.byId(id));
