import type { Actor as ActorRow } from '../../db/schema/actors.ts';
import { builder } from '../builder.ts';
import { Actor, ActorType } from './actors.ts';
import { Address } from './events.ts';
import { Interactable } from './interactable.ts';
import { Media } from './media.ts';

export const GroupVisibility = builder.enumType('GroupVisibility', {
  values: ['PUBLIC', 'UNLISTED', 'PRIVATE'] as const
});

/**
 * What a group search answers (Mobilizon's GroupSearchResult). Groups do not exist in this
 * version yet: the types are here so that Mobilizon's documents validate and `searchGroups`
 * answers an empty page of the right type.
 */
export const GroupSearchResult = builder.interfaceRef<ActorRow>('GroupSearchResult').implement({
  resolveType: () => 'Group',
  fields: (t) => ({
    id: t.exposeID('id'),
    url: t.string({ resolve: (g) => g.url ?? g.apId }),
    type: t.field({ type: ActorType, resolve: () => 'GROUP' as const }),
    name: t.exposeString('name'),
    domain: t.exposeString('domain'),
    summary: t.exposeString('summary'),
    preferredUsername: t.exposeString('preferredUsername'),
    avatar: t.field({
      type: Media,
      resolve: (g, _args, ctx) => (g.avatarId === null ? null : ctx.loaders.media.load(g.avatarId))
    }),
    banner: t.field({
      type: Media,
      resolve: (g, _args, ctx) => (g.bannerId === null ? null : ctx.loaders.media.load(g.bannerId))
    }),
    followersCount: t.int({ resolve: () => 0 }),
    membersCount: t.int({ resolve: () => 0 }),
    physicalAddress: t.field({ type: Address, resolve: () => null })
  })
});

/** A group actor (none is stored yet: no resolver answers one). */
export const Group = builder.objectRef<ActorRow>('Group').implement({
  interfaces: () => [Actor, Interactable, GroupSearchResult],
  isTypeOf: (a) => (a as ActorRow).type === 'Group',
  fields: () => ({})
});
