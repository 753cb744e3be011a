import { builder } from '../builder.ts';
import { parseId } from '../guards.ts';
import { DeletedObject } from './account-care.ts';
import { Actor } from './actors.ts';

builder.mutationField('suspendProfile', (t) =>
  t.field({
    type: DeletedObject,
    description:
      'Suspend a remote profile (moderators): nothing is delivered to it and what it sends is dropped, until unsuspended',
    args: { id: t.arg.id({ required: true, description: 'The remote profile ID to suspend' }) },
    resolve: async (_root, args, ctx) => {
      const actor = await ctx.services.instances.suspendProfile(ctx.user, parseId(args.id));
      return { id: actor.id };
    }
  })
);

builder.mutationField('unsuspendProfile', (t) =>
  t.field({
    type: Actor,
    description: 'Unsuspend a remote profile (moderators)',
    args: { id: t.arg.id({ required: true, description: 'The remote profile ID to unsuspend' }) },
    resolve: (_root, args, ctx) => ctx.services.instances.unsuspendProfile(ctx.user, parseId(args.id))
  })
);
