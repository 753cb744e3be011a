import { builder } from '../builder.ts';
import { requireAdministrator } from '../guards.ts';
import { Follower, PaginatedFollowerList } from './followers.ts';

const relayOf = async (services: { queries: { actors: { instanceActor(): Promise<{ id: number } | undefined> } } }) => {
  const relay = await services.queries.actors.instanceActor();
  if (!relay) throw new Error('the instance actor is missing');
  return relay;
};

builder.queryField('relayFollowers', (t) =>
  t.field({
    type: PaginatedFollowerList,
    description: 'List the relay followers (administrators)',
    args: { page: t.arg.int({ defaultValue: 1 }), limit: t.arg.int({ defaultValue: 10 }) },
    resolve: async (_root, args, ctx) => {
      requireAdministrator(ctx, 'You need to be an administrator to list the instance followers');
      const relay = await relayOf(ctx.services);
      return ctx.services.queries.relayFollows.followers(relay.id, { page: args.page, limit: args.limit });
    }
  })
);

builder.queryField('relayFollowings', (t) =>
  t.field({
    type: PaginatedFollowerList,
    description: 'List the relay followings (administrators), by their last change',
    args: {
      page: t.arg.int({ defaultValue: 1 }),
      limit: t.arg.int({ defaultValue: 10 }),
      orderBy: t.arg.string({ defaultValue: 'updated_at', description: 'Only updated_at is supported' }),
      direction: t.arg.string({ defaultValue: 'desc' })
    },
    resolve: async (_root, args, ctx) => {
      requireAdministrator(ctx, 'You need to be an administrator to list the instances followed');
      const relay = await relayOf(ctx.services);
      return ctx.services.queries.relayFollows.followings(relay.id, {
        page: args.page,
        limit: args.limit,
        direction: args.direction?.toLowerCase() === 'asc' ? 'asc' : 'desc'
      });
    }
  })
);

const address = { description: 'relay@domain, another actor’s name@domain, or a bare domain (its relay)' };

builder.mutationField('acceptRelay', (t) =>
  t.field({
    type: Follower,
    description: 'Accept a relay subscription (administrators)',
    args: { address: t.arg.string({ required: true, ...address }) },
    resolve: (_root, args, ctx) => ctx.services.relays.acceptRelay(ctx.user, args.address)
  })
);

builder.mutationField('rejectRelay', (t) =>
  t.field({
    type: Follower,
    description: 'Reject a relay subscription (administrators)',
    args: { address: t.arg.string({ required: true, ...address }) },
    resolve: (_root, args, ctx) => ctx.services.relays.rejectRelay(ctx.user, args.address)
  })
);

builder.mutationField('removeRelay', (t) =>
  t.field({
    type: Follower,
    description:
      'Stop following a relay (administrators); when we do not follow it but it follows us, remove it as a follower',
    args: { address: t.arg.string({ required: true, ...address }) },
    resolve: (_root, args, ctx) => ctx.services.relays.removeRelay(ctx.user, args.address)
  })
);
