import type { Actor as ActorRow } from '../../db/schema/actors.ts';
import type { User as UserRow } from '../../db/schema/accounts.ts';
import type { Event as EventRow } from '../../db/schema/events.ts';
import { DomainError } from '../../core/errors.ts';
import { builder } from '../builder.ts';
import { requireModerator } from '../guards.ts';
import { User } from './accounts.ts';
import { Person } from './actors.ts';
import { Event } from './events.ts';
import { Group } from './groups.ts';
import { PaginatedMemberList } from './members.ts';

const PaginatedGroupList = builder.objectRef<{ total: number; elements: ActorRow[] }>('PaginatedGroupList').implement({
  fields: (t) => ({
    elements: t.field({ type: [Group], nullable: { list: true, items: true }, resolve: (l) => l.elements }),
    total: t.exposeInt('total')
  })
});

builder.queryField('groups', (t) =>
  t.field({
    type: PaginatedGroupList,
    description: 'Groups known here, for moderators',
    args: {
      preferredUsername: t.arg.string({ defaultValue: '' }),
      name: t.arg.string({ defaultValue: '' }),
      domain: t.arg.string({ defaultValue: '' }),
      local: t.arg.boolean({ defaultValue: true }),
      suspended: t.arg.boolean({ defaultValue: false }),
      page: t.arg.int({ defaultValue: 1 }),
      limit: t.arg.int({ defaultValue: 10 })
    },
    resolve: (_root, args, ctx) => {
      requireModerator(ctx, 'Only moderators can list groups');
      return ctx.services.queries.groups.list(args);
    }
  })
);

const ownUser = (ctx: { user: UserRow | null }, user: UserRow) => {
  if (ctx.user?.id !== user.id) throw new DomainError('forbidden', 'You may only see your own groups');
};

builder.objectField(User, 'memberships', (t) =>
  t.field({
    type: PaginatedMemberList,
    description: "The memberships of all the account's profiles",
    args: { name: t.arg.string(), page: t.arg.int({ defaultValue: 1 }), limit: t.arg.int({ defaultValue: 10 }) },
    resolve: async (user, args, ctx) => {
      ownUser(ctx, user);
      const profiles = (await ctx.identities()).map((p) => p.id);
      return ctx.services.queries.groups.membershipsOf(profiles, { page: args.page, limit: args.limit });
    }
  })
);

interface FollowedGroupEventRow {
  user: UserRow;
  event: EventRow;
  groupId: number;
  actorId: number;
}

const FollowedGroupEvent = builder.objectRef<FollowedGroupEventRow>('FollowedGroupEvent').implement({
  fields: (t) => ({
    user: t.field({ type: User, resolve: (r) => r.user }),
    profile: t.field({ type: Person, nullable: true, resolve: (r, _a, ctx) => ctx.loaders.actor.load(r.actorId) }),
    group: t.field({ type: Group, nullable: true, resolve: (r, _a, ctx) => ctx.loaders.actor.load(r.groupId) }),
    event: t.field({ type: Event, resolve: (r) => r.event })
  })
});

const PaginatedFollowedGroupEvents = builder
  .objectRef<{ total: number; elements: FollowedGroupEventRow[] }>('PaginatedFollowedGroupEvents')
  .implement({
    fields: (t) => ({
      elements: t.field({
        type: [FollowedGroupEvent],
        nullable: { list: true, items: true },
        resolve: (l) => l.elements
      }),
      total: t.exposeInt('total')
    })
  });

builder.objectField(User, 'followedGroupEvents', (t) =>
  t.field({
    type: PaginatedFollowedGroupEvents,
    description: 'Upcoming events of the groups the profiles of this account follow or belong to',
    args: {
      page: t.arg.int({ defaultValue: 1 }),
      limit: t.arg.int({ defaultValue: 10 }),
      afterDatetime: t.arg({ type: 'DateTime' })
    },
    resolve: async (user, args, ctx) => {
      ownUser(ctx, user);
      const profiles = (await ctx.identities()).map((p) => p.id);
      const page = await ctx.services.queries.groups.followedGroupEvents(profiles, {
        after: args.afterDatetime ?? new Date(),
        page: args.page,
        limit: args.limit
      });
      return { total: page.total, elements: page.elements.map((e) => ({ ...e, user })) };
    }
  })
);
