import { DomainError } from '../../core/errors.ts';
import type { FeedToken as FeedTokenRow } from '../../db/schema/settings.ts';
import { builder } from '../builder.ts';
import { parseId, requireUser } from '../guards.ts';
import { DeletedObject } from './account-care.ts';
import { User } from './accounts.ts';
import { Actor, Person } from './actors.ts';

/**
 * A private calendar feed token. Only its owner ever receives one (`User.feedTokens` of themselves,
 * `Person.feedTokens` of their own profiles, the mutations), so its fields need no further check.
 */
const FeedToken = builder.objectRef<FeedTokenRow>('FeedToken').implement({
  description: 'Represents a private feed token of a user, or of one of their profiles',
  fields: (t) => ({
    token: t.exposeString('token', { description: 'A ShortUUID private token' }),
    actor: t.field({
      type: Actor,
      description: 'The profile whose events the feed lists (null: every profile of the user)',
      resolve: (row, _args, ctx) => (row.actorId ? ctx.loaders.actor.load(row.actorId) : null)
    }),
    user: t.field({
      type: User,
      description: 'The user the feed token belongs to',
      resolve: (row, _args, ctx) => (ctx.user?.id === row.userId ? ctx.user : null)
    })
  })
});

interface DeletedFeedTokenShape {
  user: { id: number };
  actor: { id: number } | null;
}

const DeletedFeedToken = builder.objectRef<DeletedFeedTokenShape>('DeletedFeedToken').implement({
  description: 'Represents a deleted feed_token',
  fields: (t) => ({
    user: t.field({ type: DeletedObject, resolve: (d) => d.user }),
    actor: t.field({ type: DeletedObject, resolve: (d) => d.actor })
  })
});

builder.objectField(User, 'feedTokens', (t) =>
  t.field({
    type: [FeedToken],
    nullable: { list: true, items: true },
    description: 'A list of the feed tokens for this user (only the user themselves may read them)',
    resolve: (user, _args, ctx) => (ctx.user?.id === user.id ? ctx.services.queries.feedTokens.ofUser(user.id) : null)
  })
);

builder.objectField(Person, 'feedTokens', (t) =>
  t.field({
    type: [FeedToken],
    nullable: { list: true, items: true },
    description: 'A list of the feed tokens for this person (only its owner may read them)',
    resolve: (person, _args, ctx) => {
      const owner = ctx.user !== null && person.domain === null && person.userId === ctx.user.id;
      return owner ? ctx.services.queries.feedTokens.ofActor(person.id) : null;
    }
  })
);

builder.mutationField('createFeedToken', (t) =>
  t.field({
    type: FeedToken,
    description: 'Create a Feed Token',
    args: { actorId: t.arg.id({ description: 'The actor ID for the feed token' }) },
    resolve: (_root, args, ctx) => {
      const user = requireUser(ctx);
      let actorId: number | null = null;
      if (args.actorId != null) {
        actorId = parseId(args.actorId);
        if (actorId === null) {
          throw new DomainError('forbidden', 'Actor id is not owned by authenticated user', { field: 'actorId' });
        }
      }
      return ctx.services.feedTokens.create(user.id, actorId);
    }
  })
);

builder.mutationField('deleteFeedToken', (t) =>
  t.field({
    type: DeletedFeedToken,
    description: 'Delete a feed token',
    args: { token: t.arg.string({ required: true, description: 'The token to delete' }) },
    resolve: async (_root, args, ctx) => {
      const user = requireUser(ctx);
      const row = await ctx.services.feedTokens.delete(user.id, args.token);
      return { user: { id: row.userId }, actor: row.actorId ? { id: row.actorId } : null };
    }
  })
);
