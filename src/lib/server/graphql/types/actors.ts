import type { Actor as ActorRow } from '../../db/schema/actors.ts';
import { builder } from '../builder.ts';
import { requireUser } from '../guards.ts';
import { Interactable } from './interactable.ts';
import { Media, MediaInput, pictureChange } from './media.ts';

export const ActorType = builder.enumType('ActorType', {
  values: ['PERSON', 'APPLICATION', 'GROUP', 'ORGANIZATION', 'SERVICE'] as const
});

const actorTypeOf = (a: ActorRow) => a.type.toUpperCase() as 'PERSON' | 'GROUP' | 'APPLICATION';

export const Actor = builder.interfaceRef<ActorRow>('Actor').implement({
  resolveType: (actor) => (actor.type === 'Group' ? 'Group' : actor.type === 'Application' ? 'Application' : 'Person'),
  fields: (t) => ({
    id: t.exposeID('id'),
    url: t.string({ resolve: (a) => a.url ?? a.apId }),
    type: t.field({ type: ActorType, resolve: actorTypeOf }),
    name: t.exposeString('name'),
    domain: t.exposeString('domain'),
    local: t.boolean({ resolve: (a) => a.domain === null }),
    summary: t.exposeString('summary'),
    preferredUsername: t.exposeString('preferredUsername'),
    manuallyApprovesFollowers: t.exposeBoolean('manuallyApprovesFollowers'),
    suspended: t.exposeBoolean('suspended'),
    avatar: t.field({
      type: Media,
      resolve: (a, _args, ctx) => (a.avatarId === null ? null : ctx.loaders.media.load(a.avatarId))
    }),
    banner: t.field({
      type: Media,
      resolve: (a, _args, ctx) => (a.bannerId === null ? null : ctx.loaders.media.load(a.bannerId))
    })
  })
});

export const Person = builder.objectRef<ActorRow>('Person').implement({
  interfaces: () => [Actor, Interactable],
  isTypeOf: (a) => (a as ActorRow).type === 'Person',
  fields: () => ({})
});

/** Mobilizon's Application actor type (the instance actor). */
builder.objectRef<ActorRow>('Application').implement({
  interfaces: [Actor],
  isTypeOf: (a) => (a as ActorRow).type === 'Application',
  fields: () => ({})
});

builder.queryField('identities', (t) =>
  t.field({
    type: [Person],
    nullable: { list: true, items: true },
    description: "The current user's profiles",
    resolve: (_root, _args, ctx) => {
      requireUser(ctx);
      return ctx.identities();
    }
  })
);

builder.mutationField('createPerson', (t) =>
  t.field({
    type: Person,
    description: 'Create a new profile for the current user',
    args: {
      preferredUsername: t.arg.string({ required: true }),
      name: t.arg.string(),
      summary: t.arg.string(),
      avatar: t.arg({ type: MediaInput }),
      banner: t.arg({ type: MediaInput })
    },
    resolve: (_root, args, ctx) => {
      const user = requireUser(ctx);
      return ctx.services.actors.createPerson(
        user.id,
        { preferredUsername: args.preferredUsername, name: args.name, summary: args.summary },
        { avatar: pictureChange(args.avatar, 'avatar'), banner: pictureChange(args.banner, 'banner') }
      );
    }
  })
);

builder.mutationField('registerPerson', (t) =>
  t.field({
    type: Person,
    description: "The first profile of a newly confirmed account, named by the account's email",
    args: {
      preferredUsername: t.arg.string({ required: true }),
      name: t.arg.string({ defaultValue: '' }),
      summary: t.arg.string({ defaultValue: '' }),
      email: t.arg.string({ required: true }),
      avatar: t.arg({ type: MediaInput }),
      banner: t.arg({ type: MediaInput })
    },
    resolve: (_root, args, ctx) => {
      return ctx.services.actors.registerFirstProfile(
        args.email,
        { preferredUsername: args.preferredUsername, name: args.name, summary: args.summary },
        { avatar: pictureChange(args.avatar, 'avatar'), banner: pictureChange(args.banner, 'banner') }
      );
    }
  })
);
