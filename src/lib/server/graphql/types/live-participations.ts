import { DomainError } from '../../core/errors.ts';
import type { Actor } from '../../db/schema/actors.ts';
import { builder } from '../builder.ts';
import { parseId, requireUser } from '../guards.ts';
import { Person } from './actors.ts';

builder.subscriptionField('eventPersonParticipationChanged', (t) =>
  t.field({
    type: Person,
    description: 'The profile, each time one of its participations is created, changed or removed (its owner only)',
    args: { personId: t.arg.id({ required: true }) },
    subscribe: async (_root, args, ctx) => {
      requireUser(ctx);
      const id = parseId(args.personId);
      const own = id !== null && (await ctx.identities()).some((profile) => profile.id === id);
      if (!own || id === null)
        throw new DomainError('forbidden', 'This profile is not one of yours', { field: 'personId' });
      return ctx.live.participationChangesOf(id);
    },
    resolve: async (actorId: number, _args, ctx): Promise<Actor | null> =>
      (await ctx.loaders.actor.load(actorId)) ?? null
  })
);
