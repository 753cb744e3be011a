import { DomainError } from '../../core/errors.ts';
import type { Follow } from '../../db/schema/actors.ts';
import type { FollowWithActors } from '../../domain/actors/index.ts';
import { canInGroup } from '../../domain/groups/index.ts';
import { actingAs, viewerProfiles } from '../acting.ts';
import { builder } from '../builder.ts';
import type { GraphQLContext } from '../context.ts';
import { parseId } from '../guards.ts';
import { Person } from './actors.ts';
import { Follower, PaginatedFollowerList } from './followers.ts';
import { Group } from './groups.ts';

const idArg = (raw: string | number, field: string, what: string) => {
  const id = parseId(raw);
  if (id === null) throw new DomainError('not_found', `${what} not found`, { field });
  return id;
};

/** The follow with both its actors (the row itself may be gone: an unfollow, a refusal). */
async function withActors(ctx: GraphQLContext, follow: Follow): Promise<FollowWithActors> {
  const [follower, target] = await Promise.all([
    ctx.loaders.actor.load(follow.followerId),
    ctx.loaders.actor.load(follow.targetId)
  ]);
  if (!follower || !target) throw new DomainError('not_found', 'Follow not found');
  return { follow, follower, target };
}

builder.objectField(Group, 'followers', (t) =>
  t.field({
    type: PaginatedFollowerList,
    description: "A paginated list of the followers this group has (the group's moderators and administrators)",
    args: {
      page: t.arg.int({ defaultValue: 1 }),
      limit: t.arg.int({ defaultValue: 10 }),
      approved: t.arg.boolean()
    },
    resolve: async (group, args, ctx) => {
      const role = await ctx.loaders.viewerRole.load(group.id);
      if (!canInGroup(role, 'members.approve')) {
        throw new DomainError('forbidden', 'Only moderators and administrators of this group can see its followers');
      }
      return ctx.services.queries.groupFollows.followersOf(group.id, {
        page: args.page,
        limit: args.limit,
        approved: args.approved
      });
    }
  })
);

builder.objectField(Person, 'follows', (t) =>
  t.field({
    type: PaginatedFollowerList,
    description: 'The list of groups this person follows (its owner only)',
    args: {
      group: t.arg.string({ description: 'Filter by group federated username' }),
      page: t.arg.int({ defaultValue: 1 }),
      limit: t.arg.int({ defaultValue: 10 })
    },
    resolve: async (person, args, ctx) => {
      const own = (await viewerProfiles(ctx)).includes(person.id);
      if (!own) return { total: 0, elements: [] };
      let groupId: number | null = null;
      if (args.group) {
        const group = await ctx.services.queries.groups.byUsername(args.group);
        if (!group) return { total: 0, elements: [] };
        groupId = group.id;
      }
      return ctx.services.queries.groupFollows.followsOf(person.id, { groupId, page: args.page, limit: args.limit });
    }
  })
);

builder.mutationFields((t) => ({
  followGroup: t.field({
    type: Follower,
    description: 'Follow a group as the current profile',
    args: {
      groupId: t.arg.id({ required: true }),
      notify: t.arg.boolean({ defaultValue: true, description: 'Whether to notify profile from group activity' })
    },
    resolve: async (_root, args, ctx) => {
      const follow = await ctx.services.groupFollows.follow(
        await actingAs(ctx),
        idArg(args.groupId, 'groupId', 'Group'),
        args.notify ?? true
      );
      return withActors(ctx, follow);
    }
  }),
  updateGroupFollow: t.field({
    type: Follower,
    description: 'Update a group follow',
    args: {
      followId: t.arg.id({ required: true }),
      notify: t.arg.boolean({ defaultValue: true, description: 'Whether to notify profile from group activity' })
    },
    resolve: async (_root, args, ctx) => {
      const follow = await ctx.services.groupFollows.updateFollow(
        await actingAs(ctx),
        idArg(args.followId, 'followId', 'Follow'),
        args.notify ?? true
      );
      return withActors(ctx, follow);
    }
  }),
  unfollowGroup: t.field({
    type: Follower,
    description: 'Unfollow a group',
    args: { groupId: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const follow = await ctx.services.groupFollows.unfollow(
        await actingAs(ctx),
        idArg(args.groupId, 'groupId', 'Group')
      );
      return withActors(ctx, follow);
    }
  }),
  updateFollower: t.field({
    type: Follower,
    description: "Approve or refuse a group's follower (the group's moderators and administrators)",
    args: {
      id: t.arg.id({ required: true }),
      approved: t.arg.boolean({ required: true })
    },
    resolve: async (_root, args, ctx) => {
      const follow = await ctx.services.groupFollows.decide(
        await actingAs(ctx),
        idArg(args.id, 'id', 'Follower'),
        args.approved
      );
      return withActors(ctx, follow);
    }
  })
}));
