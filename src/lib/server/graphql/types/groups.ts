import type { Actor as ActorRow } from '../../db/schema/actors.ts';
import { isMemberRole } from '../../domain/groups/index.ts';
import { builder } from '../builder.ts';
import { Actor, ActorType } from './actors.ts';
import { SortDirection } from './admin-users.ts';
import { Address } from './events.ts';
import { Interactable } from './interactable.ts';
import { Media } from './media.ts';
import { PaginatedEventList } from './my-events.ts';
import { EventOrderBy } from './public-events.ts';

export const GroupVisibility = builder.enumType('GroupVisibility', {
  values: {
    PUBLIC: { value: 'public', description: 'Listed and shown to everyone' },
    UNLISTED: { value: 'unlisted', description: 'Shown to whoever has its address, never listed' },
    PRIVATE: { value: 'private', description: 'Not supported for groups: refused' }
  } as const
});

export const Openness = builder.enumType('Openness', {
  values: {
    INVITE_ONLY: { value: 'invite_only', description: 'Only people invited by a moderator become members' },
    MODERATED: { value: 'moderated', description: 'Anyone may ask to join; a moderator decides' },
    OPEN: { value: 'open', description: 'Anyone may join' }
  } as const
});

export const GroupType = builder.enumType('GroupType', { values: ['GROUP', 'COMMUNITY'] as const });

const groupAddress = (g: ActorRow) => g.physicalAddressId;

/** What a group search answers (Mobilizon's GroupSearchResult). */
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
    followersCount: t.int({ resolve: (g, _args, ctx) => ctx.loaders.followerCount.load(g.id) }),
    membersCount: t.int({
      resolve: async (g, _args, ctx) =>
        g.domain !== null && g.memberCount !== null ? g.memberCount : ctx.loaders.memberCount.load(g.id)
    }),
    physicalAddress: t.field({
      type: Address,
      resolve: (g, _args, ctx) => {
        const id = groupAddress(g);
        return id === null ? null : ctx.loaders.address.load(id);
      }
    })
  })
});

/** A group: a local one run here, or one of another server known here. */
export const Group = builder.objectRef<ActorRow>('Group').implement({
  interfaces: () => [Actor, Interactable, GroupSearchResult],
  isTypeOf: (a) => (a as ActorRow).type === 'Group',
  fields: (t) => ({
    visibility: t.field({ type: GroupVisibility, resolve: (g) => g.visibility }),
    openness: t.field({ type: Openness, resolve: (g) => g.openness }),
    types: t.field({ type: GroupType, resolve: () => 'GROUP' as const }),
    followingCount: t.int({ resolve: () => 0 }),
    mediaSize: t.int({ description: 'Stored media of the group (not counted yet)', resolve: () => 0 }),
    organizedEvents: t.field({
      type: PaginatedEventList,
      description: "The group's events; its members also see drafts and private ones",
      args: {
        afterDatetime: t.arg({ type: 'DateTime' }),
        beforeDatetime: t.arg({ type: 'DateTime' }),
        order: t.arg({ type: EventOrderBy, defaultValue: 'beginsOn' }),
        orderDirection: t.arg({ type: SortDirection, defaultValue: 'ASC' }),
        page: t.arg.int({ defaultValue: 1 }),
        limit: t.arg.int({ defaultValue: 10 })
      },
      resolve: async (g, args, ctx) => {
        const role = await ctx.loaders.viewerRole.load(g.id);
        return ctx.services.queries.groups.events(g.id, {
          after: args.afterDatetime ?? null,
          before: args.beforeDatetime ?? null,
          orderBy: args.order ?? 'beginsOn',
          direction: args.orderDirection === 'DESC' ? 'desc' : 'asc',
          page: args.page,
          limit: args.limit,
          asMember: isMemberRole(role)
        });
      }
    })
  })
});
