import DataLoader from 'dataloader';
import type { Conversation as ConversationRow } from '../../db/schema/comments.ts';
import type { ParticipantRole } from '../../db/schema/participants.ts';
import type { ConversationView } from '../../domain/conversations/index.ts';
import { mayModerate } from '../../domain/reports/index.ts';
import { DomainError } from '../../core/errors.ts';
import { builder } from '../builder.ts';
import type { GraphQLContext } from '../context.ts';
import { parseId, requireUser } from '../guards.ts';
import { User } from './accounts.ts';
import { Person } from './actors.ts';
import { Comment } from './comments.ts';
import { Event } from './events.ts';
import { ParticipantRoleEnum } from './participations.ts';

/** Per request: the conversations of a page of comments, in one query. */
const conversationLoaders = new WeakMap<GraphQLContext, DataLoader<number, ConversationRow | undefined>>();
function conversationById(ctx: GraphQLContext): DataLoader<number, ConversationRow | undefined> {
  let loader = conversationLoaders.get(ctx);
  if (!loader) {
    loader = new DataLoader(async (ids) => {
      const rows = new Map((await ctx.services.queries.conversations.byIds(ids)).map((c) => [c.id, c]));
      return ids.map((id) => rows.get(id));
    });
    conversationLoaders.set(ctx, loader);
  }
  return loader;
}

/** Per request: the profiles of each conversation of a page, in one query. */
const participantLoaders = new WeakMap<GraphQLContext, DataLoader<number, number[]>>();
function conversationParticipants(ctx: GraphQLContext): DataLoader<number, number[]> {
  let loader = participantLoaders.get(ctx);
  if (!loader) {
    loader = new DataLoader(async (ids) => {
      const byConversation = await ctx.services.queries.conversations.participantIds(ids);
      return ids.map((id) => byConversation.get(id) ?? []);
    });
    participantLoaders.set(ctx, loader);
  }
  return loader;
}

export const Conversation = builder.objectRef<ConversationView>('Conversation').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    conversationParticipantId: t.id({ resolve: (c) => c.viewerParticipantId }),
    lastComment: t.field({
      type: Comment,
      resolve: (c, _args, ctx) => (c.lastCommentId ? ctx.loaders.comment.load(c.lastCommentId) : null)
    }),
    originComment: t.field({
      type: Comment,
      resolve: (c, _args, ctx) => (c.originCommentId ? ctx.loaders.comment.load(c.originCommentId) : null)
    }),
    participants: t.field({
      type: [Person],
      nullable: { list: true, items: true },
      resolve: async (c, _args, ctx) => {
        const ids = await conversationParticipants(ctx).load(c.id);
        const found = await Promise.all(ids.map((id) => ctx.loaders.actor.load(id)));
        // Persons only: the shared profile of anonymous participants is not one.
        return found.filter((a) => a !== undefined && a.type === 'Person');
      }
    }),
    event: t.field({
      type: Event,
      resolve: (c, _args, ctx) => (c.eventId ? ctx.loaders.event.load(c.eventId) : null)
    }),
    actor: t.field({
      type: Person,
      resolve: (c, _args, ctx) => (c.viewerActorId ? ctx.loaders.actor.load(c.viewerActorId) : null)
    }),
    unread: t.exposeBoolean('unread'),
    insertedAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' })
  })
});

const PaginatedConversationList = builder
  .objectRef<{ total: number; elements: ConversationView[] }>('PaginatedConversationList')
  .implement({
    fields: (t) => ({
      total: t.exposeInt('total'),
      elements: t.field({ type: [Conversation], nullable: { list: true, items: true }, resolve: (l) => l.elements })
    })
  });

builder.objectField(Event, 'conversations', (t) =>
  t.field({
    type: PaginatedConversationList,
    description: "The organizers' announcements to participants (organizers only; others get an empty list)",
    args: { page: t.arg.int({ defaultValue: 1 }), limit: t.arg.int({ defaultValue: 10 }) },
    resolve: async (event, args, ctx) => {
      const nobody = { total: 0, elements: [] };
      if (!ctx.user) return nobody;
      const profiles = await ctx.identities();
      const organizes = await ctx.services.queries.participations.organizes(
        event.id,
        profiles.map((p) => p.id)
      );
      if (!organizes) return nobody;
      return ctx.services.queries.conversations.ofEvent(event.id, { page: args.page ?? 1, limit: args.limit ?? 10 });
    }
  })
);

builder.objectField(User, 'conversations', (t) =>
  t.field({
    type: PaginatedConversationList,
    description: 'The conversations of every profile of the signed-in account (announcements received or sent)',
    args: { page: t.arg.int({ defaultValue: 1 }), limit: t.arg.int({ defaultValue: 10 }) },
    resolve: async (user, args, ctx) => {
      if (ctx.user?.id !== user.id) return { total: 0, elements: [] };
      const profiles = await ctx.identities();
      return ctx.services.queries.conversations.ofActors(
        profiles.map((p) => p.id),
        { page: args.page ?? 1, limit: args.limit ?? 10 }
      );
    }
  })
);

builder.objectField(Person, 'conversations', (t) =>
  t.field({
    type: PaginatedConversationList,
    description: "A profile's conversations, for its owner only (others get an empty list)",
    args: { page: t.arg.int({ defaultValue: 1 }), limit: t.arg.int({ defaultValue: 10 }) },
    resolve: async (person, args, ctx) => {
      if (!ctx.user) return { total: 0, elements: [] };
      const own = (await ctx.identities()).some((p) => p.id === person.id);
      if (!own) return { total: 0, elements: [] };
      return ctx.services.queries.conversations.ofActors([person.id], {
        page: args.page ?? 1,
        limit: args.limit ?? 10
      });
    }
  })
);

builder.objectField(Comment, 'conversation', (t) =>
  t.field({
    type: Conversation,
    description: 'The conversation this comment is part of (for its participants and the instance moderators)',
    resolve: async (comment, _args, ctx) => {
      if (comment.conversationId === null || !ctx.user) return null;
      const [conversation, participantIds, profiles] = await Promise.all([
        conversationById(ctx).load(comment.conversationId),
        conversationParticipants(ctx).load(comment.conversationId),
        ctx.identities()
      ]);
      if (!conversation) return null;
      const mine = profiles.find((p) => participantIds.includes(p.id));
      if (!mine && !mayModerate(ctx.user)) return null;
      return { ...conversation, viewerActorId: mine?.id ?? null, viewerParticipantId: null, unread: false };
    }
  })
);

builder.mutationField('sendEventPrivateMessage', (t) =>
  t.field({
    type: Conversation,
    description: "An organizer writes to the event's participants of some roles (participants by default)",
    args: {
      eventId: t.arg.id({ required: true }),
      roles: t.arg({ type: [ParticipantRoleEnum], required: { list: false, items: false }, defaultValue: [] }),
      text: t.arg.string({ required: true }),
      actorId: t.arg.id({ required: true }),
      language: t.arg.string({ defaultValue: 'und' })
    },
    resolve: (_root, args, ctx) => {
      const user = requireUser(ctx);
      const eventId = parseId(args.eventId);
      const actorId = parseId(args.actorId);
      if (eventId === null) throw new DomainError('not_found', 'Event not found', { field: 'eventId' });
      if (actorId === null)
        throw new DomainError('forbidden', 'This profile is not one of yours', { field: 'actorId' });
      return ctx.services.conversations.sendAnnouncement(user.id, {
        eventId,
        actorId,
        roles: (args.roles ?? []).filter((r) => r != null).map((r) => r.toLowerCase() as ParticipantRole),
        text: args.text,
        language: args.language ?? 'und'
      });
    }
  })
);
