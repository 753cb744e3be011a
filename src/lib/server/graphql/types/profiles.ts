import { DomainError } from '../../core/errors.ts';
import { builder } from '../builder.ts';
import { parseId, requireUser } from '../guards.ts';
import { User } from './accounts.ts';
import { Person } from './actors.ts';
import { MediaInput, pictureChange } from './media.ts';

const profileId = (id: string | number) => {
  const n = parseId(id);
  if (n === null) throw new DomainError('not_found', 'Profile not found', { field: 'id' });
  return n;
};

builder.queryField('fetchPerson', (t) =>
  t.field({
    type: Person,
    description: 'A local profile by its username',
    args: { preferredUsername: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const actor = await ctx.services.queries.actors.localByUsername(args.preferredUsername);
      if (!actor || actor.type !== 'Person') {
        throw new DomainError('not_found', 'Profile not found', { field: 'preferredUsername' });
      }
      return actor;
    }
  })
);

builder.queryField('person', (t) =>
  t.field({
    type: Person,
    description: 'One of the signed-in user’s profiles',
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      requireUser(ctx);
      const id = profileId(args.id);
      const actor = (await ctx.identities()).find((a) => a.id === id);
      if (!actor) throw new DomainError('not_found', 'Profile not found', { field: 'id' });
      return actor;
    }
  })
);

builder.queryField('loggedPerson', (t) =>
  t.field({
    type: Person,
    description: 'The signed-in user’s current profile (the default one, else the first)',
    resolve: async (_root, _args, ctx) => {
      const user = requireUser(ctx);
      const profiles = await ctx.identities();
      return profiles.find((p) => p.id === user.defaultActorId) ?? profiles[0] ?? null;
    }
  })
);

builder.mutationField('updatePerson', (t) =>
  t.field({
    type: Person,
    description: 'Update one of the signed-in user’s profiles',
    args: {
      id: t.arg.id({ required: true }),
      name: t.arg.string(),
      summary: t.arg.string(),
      avatar: t.arg({ type: MediaInput }),
      banner: t.arg({ type: MediaInput })
    },
    resolve: (_root, args, ctx) => {
      const user = requireUser(ctx);
      return ctx.services.actors.updatePerson(
        user.id,
        profileId(args.id),
        { name: args.name, summary: args.summary },
        { avatar: pictureChange(args.avatar, 'avatar'), banner: pictureChange(args.banner, 'banner') }
      );
    }
  })
);

builder.mutationField('deletePerson', (t) =>
  t.field({
    type: Person,
    description: 'Delete one of the signed-in user’s profiles (never the last)',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => ctx.services.actors.deletePerson(requireUser(ctx).id, profileId(args.id))
  })
);

builder.mutationField('changeDefaultActor', (t) =>
  t.field({
    type: User,
    description: 'Choose the profile the signed-in user acts as by default',
    args: { preferredUsername: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) => ctx.services.actors.changeDefaultActor(requireUser(ctx).id, args.preferredUsername)
  })
);
