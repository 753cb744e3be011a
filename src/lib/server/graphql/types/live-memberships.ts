import type { Actor } from '../../db/schema/actors.ts';
import { DomainError } from '../../core/errors.ts';
import { builder } from '../builder.ts';
import { parseId, requireUser } from '../guards.ts';
import { Person } from './actors.ts';

builder.subscriptionField('groupMembershipChanged', (t) =>
  t.field({
    type: Person,
    description: 'The profile, each time its membership of the group changes (its owner only)',
    args: { personId: t.arg.id({ required: true }), group: t.arg.string({ required: true }) },
    subscribe: async (_root, args, ctx) => {
      requireUser(ctx);
      const id = parseId(args.personId);
      const own = id !== null && (await ctx.identities()).some((profile) => profile.id === id);
      if (!own || id === null) {
        throw new DomainError('forbidden', 'This profile is not one of yours', { field: 'personId' });
      }
      const group = await ctx.services.queries.groups.byUsername(args.group);
      if (!group) throw new DomainError('not_found', 'Group not found', { field: 'group' });
      return ctx.live.membershipChangesOf(id, group.id);
    },
    resolve: async (actorId: number, _args, ctx): Promise<Actor | null> =>
      (await ctx.loaders.actor.load(actorId)) ?? null
  })
);
