import { DomainError } from '../../core/errors.ts';
import type { Comment as CommentRow } from '../../db/schema/comments.ts';
import { canSeeComment, canSeeEventComments, type CommentViewer } from '../../domain/comments/index.ts';
import { builder } from '../builder.ts';
import type { GraphQLContext } from '../context.ts';
import { parseId, requireUser } from '../guards.ts';
import { Actor, Person } from './actors.ts';
import { Event, upper } from './events.ts';
import { Interactable } from './interactable.ts';

export const CommentVisibility = builder.enumType('CommentVisibility', {
  values: ['PUBLIC', 'UNLISTED', 'PRIVATE', 'MODERATED', 'INVITE'] as const
});

/** What the requester is to an event's comments: their profiles, and whether one of them runs it. */
async function viewerFor(ctx: GraphQLContext, eventId: number | null): Promise<CommentViewer> {
  const actorIds = ctx.user ? (await ctx.identities()).map((a) => a.id) : [];
  const organizers = eventId !== null && actorIds.length > 0 ? await ctx.loaders.eventOrganizers.load(eventId) : [];
  return {
    userId: ctx.user?.id ?? null,
    actorIds,
    organizer: actorIds.some((id) => organizers.includes(id)),
    staff: ctx.user?.role === 'moderator' || ctx.user?.role === 'administrator'
  };
}

/** A related comment, if the requester may see it. */
async function visibleComment(ctx: GraphQLContext, id: number | null): Promise<CommentRow | null> {
  if (id === null) return null;
  const comment = await ctx.loaders.comment.load(id);
  if (!comment) return null;
  return canSeeComment(await viewerFor(ctx, comment.eventId), comment) ? comment : null;
}

/** The replies of a thread the requester may see; a reply has none of its own (threads are flat). */
async function visibleReplies(ctx: GraphQLContext, comment: CommentRow): Promise<CommentRow[]> {
  if (comment.originCommentId !== null) return [];
  const [replies, viewer] = await Promise.all([
    ctx.loaders.threadReplies.load(comment.id),
    viewerFor(ctx, comment.eventId)
  ]);
  return replies.filter((reply) => canSeeComment(viewer, reply));
}

export const Comment = builder.objectRef<CommentRow>('Comment');
Comment.implement({
  interfaces: () => [Interactable],
  fields: (t) => ({
    id: t.exposeID('id'),
    uuid: t.field({ type: 'UUID', resolve: (c) => c.uuid }),
    url: t.exposeString('url'),
    local: t.exposeBoolean('local'),
    visibility: t.field({ type: CommentVisibility, resolve: (c) => upper(c.visibility) }),
    text: t.exposeString('text', { description: 'The comment body (sanitized HTML); null once deleted' }),
    primaryLanguage: t.exposeString('language'),
    language: t.exposeString('language'),
    replies: t.field({
      type: [Comment],
      nullable: { list: true, items: true },
      resolve: (c, _args, ctx) => visibleReplies(ctx, c)
    }),
    totalReplies: t.int({
      description: 'Replies in this thread that are still there',
      resolve: async (c, _args, ctx) => (await visibleReplies(ctx, c)).filter((r) => r.deletedAt === null).length
    }),
    inReplyToComment: t.field({ type: Comment, resolve: (c, _args, ctx) => visibleComment(ctx, c.inReplyToId) }),
    originComment: t.field({ type: Comment, resolve: (c, _args, ctx) => visibleComment(ctx, c.originCommentId) }),
    event: t.field({
      type: Event,
      resolve: (c, _args, ctx) => (c.eventId === null ? null : ctx.loaders.event.load(c.eventId))
    }),
    threadLanguages: t.stringList({
      nullable: { list: false, items: true },
      resolve: async (c, _args, ctx) => {
        const languages = [c, ...(await visibleReplies(ctx, c))].map((r) => r.language).filter((l) => l !== 'und');
        return [...new Set(languages)];
      }
    }),
    // A tombstone no longer says who wrote it.
    actor: t.field({
      type: Person,
      resolve: (c, _args, ctx) => (c.actorId === null || c.deletedAt ? null : ctx.loaders.actor.load(c.actorId))
    }),
    // Comments under events are attributed to nobody but their author (groups come later).
    attributedTo: t.field({ type: Actor, resolve: () => null }),
    insertedAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    deletedAt: t.expose('deletedAt', { type: 'DateTime', nullable: true }),
    publishedAt: t.expose('publishedAt', { type: 'DateTime' }),
    isAnnouncement: t.exposeBoolean('isAnnouncement', { nullable: false })
  })
});

builder.objectField(Event, 'comments', (t) =>
  t.field({
    type: [Comment],
    nullable: { list: true, items: true },
    description: "The event's threads (top-level comments), oldest first",
    resolve: async (event, _args, ctx) => {
      const viewer = await viewerFor(ctx, event.id);
      if (!canSeeEventComments(viewer, event)) return [];
      const { elements } = await ctx.services.queries.comments.threads(event.id, viewer, { page: 1, limit: 500 });
      return elements;
    }
  })
);

const notFound = (field: string) => new DomainError('not_found', 'Comment not found', { field });
const requiredId = (value: string | number, field: string): number => {
  const id = parseId(value);
  if (id === null) throw notFound(field);
  return id;
};

builder.queryField('thread', (t) =>
  t.field({
    type: [Comment],
    nullable: { list: true, items: true },
    description: 'The replies of a thread, oldest first',
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const root = await ctx.loaders.comment.load(requiredId(args.id, 'id'));
      const event = root?.eventId ? await ctx.loaders.event.load(root.eventId) : undefined;
      if (!root || !event) throw notFound('id');
      const viewer = await viewerFor(ctx, event.id);
      if (!canSeeEventComments(viewer, event) || !canSeeComment(viewer, root)) throw notFound('id');
      return visibleReplies(ctx, root);
    }
  })
);

/** Mobilizon comments as the user's current (default) profile. */
async function currentProfileId(ctx: GraphQLContext): Promise<number> {
  const user = requireUser(ctx);
  const profiles = await ctx.identities();
  const profile = profiles.find((p) => p.id === user.defaultActorId) ?? profiles[0];
  if (!profile) throw new DomainError('forbidden', 'You need a profile to comment', { field: 'actorId' });
  return profile.id;
}

builder.mutationField('createComment', (t) =>
  t.field({
    type: Comment,
    description: 'Comment on an event, or reply to one of its comments, as your current profile',
    args: {
      text: t.arg.string({ required: true }),
      eventId: t.arg.id({ required: true }),
      inReplyToCommentId: t.arg.id(),
      language: t.arg.string({ defaultValue: 'und' }),
      isAnnouncement: t.arg.boolean()
    },
    resolve: async (_root, args, ctx) => {
      const user = requireUser(ctx);
      const actorId = await currentProfileId(ctx);
      const eventId = parseId(args.eventId);
      if (eventId === null) throw new DomainError('not_found', 'Event not found', { field: 'eventId' });
      return ctx.services.comments.create(user.id, {
        eventId,
        actorId,
        text: args.text,
        inReplyToId: args.inReplyToCommentId == null ? null : requiredId(args.inReplyToCommentId, 'inReplyToCommentId'),
        language: args.language ?? 'und',
        isAnnouncement: args.isAnnouncement ?? false
      });
    }
  })
);

builder.mutationField('updateComment', (t) =>
  t.field({
    type: Comment,
    description: "Change your comment's text",
    args: {
      text: t.arg.string({ required: true }),
      commentId: t.arg.id({ required: true }),
      language: t.arg.string({ defaultValue: 'und' }),
      isAnnouncement: t.arg.boolean()
    },
    resolve: (_root, args, ctx) => {
      const user = requireUser(ctx);
      return ctx.services.comments.update(user.id, {
        commentId: requiredId(args.commentId, 'commentId'),
        text: args.text,
        language: args.language ?? 'und'
      });
    }
  })
);

builder.mutationField('deleteComment', (t) =>
  t.field({
    type: Comment,
    description: 'Delete a comment (it stays as a tombstone in its thread)',
    args: { commentId: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => {
      const user = requireUser(ctx);
      return ctx.services.comments.delete(user.id, requiredId(args.commentId, 'commentId'));
    }
  })
);
