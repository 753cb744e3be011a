import { registerActivityObject } from './activity-objects.ts';
import DataLoader from 'dataloader';
import { DomainError } from '../../core/errors.ts';
import type { Comment as CommentRow } from '../../db/schema/comments.ts';
import type { Discussion as DiscussionRow } from '../../db/schema/groups.ts';
import { canSeeDiscussions } from '../../domain/discussions/index.ts';
import { isMemberRole, roleRank } from '../../domain/groups/index.ts';
import { actingAs, viewerProfiles } from '../acting.ts';
import { builder } from '../builder.ts';
import type { GraphQLContext } from '../context.ts';
import { parseId, requireUser } from '../guards.ts';
import { Actor, Person } from './actors.ts';
import { Comment } from './comments.ts';
import { Group } from './groups.ts';

/** The latest message of each discussion, batched per request (a page of discussions, one query). */
const lastCommentLoaders = new WeakMap<GraphQLContext, DataLoader<number, CommentRow | null>>();
function lastComments(ctx: GraphQLContext): DataLoader<number, CommentRow | null> {
  let loader = lastCommentLoaders.get(ctx);
  if (!loader) {
    loader = new DataLoader(async (ids) => {
      const byId = await ctx.services.queries.discussions.lastComments(ids);
      return ids.map((id) => byId.get(id) ?? null);
    });
    lastCommentLoaders.set(ctx, loader);
  }
  return loader;
}

/** Drops what this request knows of a discussion's last message (a subscription outlives it). */
export const forgetLastComment = (ctx: GraphQLContext, discussionId: number) => lastComments(ctx).clear(discussionId);

export const PaginatedCommentList = builder
  .objectRef<{ total: number; elements: CommentRow[] }>('PaginatedCommentList')
  .implement({
    description: 'A paginated list of comments',
    fields: (t) => ({
      elements: t.field({ type: [Comment], nullable: { list: true, items: true }, resolve: (l) => l.elements }),
      total: t.exposeInt('total')
    })
  });

export const Discussion = builder.objectRef<DiscussionRow>('Discussion').implement({
  description: "A discussion in a group's members' area: a titled thread of messages",
  fields: (t) => ({
    id: t.exposeID('id'),
    title: t.exposeString('title'),
    slug: t.exposeString('slug'),
    lastComment: t.field({ type: Comment, resolve: (d, _args, ctx) => lastComments(ctx).load(d.id) }),
    comments: t.field({
      type: PaginatedCommentList,
      description: 'Its messages, oldest first',
      args: { page: t.arg.int({ defaultValue: 1 }), limit: t.arg.int({ defaultValue: 10 }) },
      resolve: (d, args, ctx) => ctx.services.queries.discussions.comments(d.id, args)
    }),
    creator: t.field({
      type: Person,
      resolve: (d, _args, ctx) => (d.creatorId === null ? null : ctx.loaders.actor.load(d.creatorId))
    }),
    actor: t.field({ type: Actor, resolve: (d, _args, ctx) => ctx.loaders.actor.load(d.groupId) }),
    insertedAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' })
  })
});

export const PaginatedDiscussionList = builder
  .objectRef<{ total: number; elements: DiscussionRow[] }>('PaginatedDiscussionList')
  .implement({
    description: 'A paginated list of discussions',
    fields: (t) => ({
      elements: t.field({ type: [Discussion], nullable: { list: true, items: true }, resolve: (l) => l.elements }),
      total: t.exposeInt('total')
    })
  });

builder.objectField(Group, 'discussions', (t) =>
  t.field({
    type: PaginatedDiscussionList,
    description: "The group's discussions, latest activity first (its members only; others see none)",
    args: { page: t.arg.int({ defaultValue: 1 }), limit: t.arg.int({ defaultValue: 10 }) },
    resolve: async (group, args, ctx) => {
      if (!canSeeDiscussions(await ctx.loaders.viewerRole.load(group.id))) return { total: 0, elements: [] };
      return ctx.services.queries.discussions.ofGroup(group.id, args);
    }
  })
);

const notFound = () => new DomainError('not_found', 'Discussion not found', { field: 'discussionId' });

/** A discussion the requester may see (one of their profiles is a member of its group), or not found. */
async function visibleDiscussion(ctx: GraphQLContext, found: DiscussionRow | undefined): Promise<DiscussionRow> {
  if (!found || !canSeeDiscussions(await ctx.loaders.viewerRole.load(found.groupId))) throw notFound();
  return found;
}

const discussionById = async (ctx: GraphQLContext, id: string | number) => {
  const parsed = parseId(id);
  return visibleDiscussion(ctx, parsed === null ? undefined : await ctx.services.queries.discussions.byId(parsed));
};

/**
 * The profile acting in a group: the current one when it is a member (`current`), else the
 * person's profile with the strongest role there (`strongest`: moderation acts with it first).
 */
async function actingInGroup(ctx: GraphQLContext, groupId: number, prefer: 'current' | 'strongest') {
  const current = await actingAs(ctx);
  const profiles = await viewerProfiles(ctx);
  const roles = await ctx.services.queries.discussions.rolesIn(groupId, profiles);
  const rank = (id: number) => roleRank(roles.get(id));
  if (prefer === 'current' && isMemberRole(roles.get(current.actorId))) return current;
  const strongest = profiles.reduce((best, id) => (rank(id) > rank(best) ? id : best), current.actorId);
  return { userId: current.userId, actorId: strongest };
}

builder.queryField('discussion', (t) =>
  t.field({
    type: Discussion,
    description: 'A discussion, by id or slug (members of its group only)',
    args: { id: t.arg.id(), slug: t.arg.string() },
    resolve: async (_root, args, ctx) => {
      if (args.id != null) return discussionById(ctx, args.id);
      if (!args.slug) throw notFound();
      return visibleDiscussion(ctx, await ctx.services.queries.discussions.bySlug(args.slug));
    }
  })
);

builder.mutationField('createDiscussion', (t) =>
  t.field({
    type: Discussion,
    description: 'Start a discussion in a group (its members)',
    args: {
      title: t.arg.string({ required: true }),
      text: t.arg.string({ required: true }),
      actorId: t.arg.id({ required: true, description: "The discussion's group ID" })
    },
    resolve: async (_root, args, ctx) => {
      requireUser(ctx);
      const groupId = parseId(args.actorId);
      if (groupId === null) throw new DomainError('not_found', 'Group not found', { field: 'actorId' });
      const acting = await actingInGroup(ctx, groupId, 'current');
      return ctx.services.discussions.create(acting, { groupId, title: args.title, text: args.text });
    }
  })
);

builder.mutationField('replyToDiscussion', (t) =>
  t.field({
    type: Discussion,
    description: 'Answer in a discussion (members of its group)',
    args: { discussionId: t.arg.id({ required: true }), text: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => {
      requireUser(ctx);
      const discussion = await discussionById(ctx, args.discussionId);
      const acting = await actingInGroup(ctx, discussion.groupId, 'current');
      const replied = await ctx.services.discussions.reply(acting, { discussionId: discussion.id, text: args.text });
      lastComments(ctx).clear(discussion.id).prime(discussion.id, replied.comment);
      return replied.discussion;
    }
  })
);

builder.mutationField('updateDiscussion', (t) =>
  t.field({
    type: Discussion,
    description: 'Rename a discussion (moderators, and the discussion’s creator)',
    args: { title: t.arg.string({ required: true }), discussionId: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      requireUser(ctx);
      const discussion = await discussionById(ctx, args.discussionId);
      const acting = await actingInGroup(ctx, discussion.groupId, 'strongest');
      return ctx.services.discussions.rename(acting, { discussionId: discussion.id, title: args.title });
    }
  })
);

builder.mutationField('deleteDiscussion', (t) =>
  t.field({
    type: Discussion,
    description: 'Delete a discussion and its messages (moderators)',
    args: { discussionId: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      requireUser(ctx);
      const discussion = await discussionById(ctx, args.discussionId);
      const acting = await actingInGroup(ctx, discussion.groupId, 'strongest');
      return ctx.services.discussions.delete(acting, discussion.id);
    }
  })
);

// History lines about discussions name them (only members see a group's history).
registerActivityObject(Discussion, 'discussion', (ctx, id) => ctx.services.queries.discussions.byId(id));
