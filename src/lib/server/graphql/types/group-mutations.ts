import { DomainError } from '../../core/errors.ts';
import type { GroupChanges } from '../../domain/groups/groups.inputs.ts';
import { actingAs } from '../acting.ts';
import { builder } from '../builder.ts';
import { parseId, requireModerator, requireUser } from '../guards.ts';
import { Actor } from './actors.ts';
import { DeletedObject } from './account-care.ts';
import { AddressInput } from './events.ts';
import { Group, GroupVisibility, Openness } from './groups.ts';
import { MediaInput, pictureChange } from './media.ts';

const groupId = (raw: string | number, field = 'groupId') => {
  const id = parseId(raw);
  if (id === null) throw new DomainError('not_found', 'Group not found', { field });
  return id;
};

const visibility = (v: 'public' | 'unlisted' | 'private' | null | undefined) => {
  if (v === 'private') throw new DomainError('validation', 'A group is public or unlisted', { field: 'visibility' });
  return v ?? undefined;
};

builder.queryFields((t) => ({
  group: t.field({
    type: Group,
    description: 'A group by its username (`name`, or `name@domain` for a group of another server)',
    args: { preferredUsername: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => {
      let group = await ctx.services.queries.groups.byUsername(args.preferredUsername);
      if (!group && args.preferredUsername.includes('@') && ctx.user) {
        const found = await ctx.services.search
          .interact(
            { userId: ctx.user.id, actorIds: (await ctx.identities()).map((a) => a.id) },
            args.preferredUsername.replace(/^@/, '')
          )
          .catch(() => null);
        if (found && 'preferredUsername' in found && found.type === 'Group') group = found;
      }
      if (!group || group.suspended)
        throw new DomainError('not_found', 'Group not found', { field: 'preferredUsername' });
      return group;
    }
  }),
  getGroup: t.field({
    type: Group,
    description: 'A group by its id (moderators)',
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      requireModerator(ctx, 'Only moderators can look groups up by id');
      const group = await ctx.services.queries.groups.byId(groupId(args.id, 'id'));
      if (!group) throw new DomainError('not_found', 'Group not found', { field: 'id' });
      return group;
    }
  })
}));

const groupFields = (t: Parameters<Parameters<typeof builder.mutationFields>[0]>[0]) => ({
  name: t.arg.string(),
  summary: t.arg.string(),
  visibility: t.arg({ type: GroupVisibility }),
  openness: t.arg({ type: Openness }),
  manuallyApprovesFollowers: t.arg.boolean(),
  avatar: t.arg({ type: MediaInput }),
  banner: t.arg({ type: MediaInput }),
  physicalAddress: t.arg({ type: AddressInput })
});

builder.mutationFields((t) => ({
  createGroup: t.field({
    type: Group,
    description: 'Create a group; the current profile becomes its creator',
    args: { preferredUsername: t.arg.string({ required: true }), ...groupFields(t) },
    resolve: async (_root, args, ctx) => {
      const { userId, actorId } = await actingAs(ctx);
      return ctx.services.groups.createGroup(
        userId,
        actorId,
        {
          preferredUsername: args.preferredUsername,
          name: args.name,
          summary: args.summary,
          visibility: visibility(args.visibility),
          openness: args.openness ?? undefined,
          manuallyApprovesFollowers: args.manuallyApprovesFollowers ?? undefined,
          physicalAddress: args.physicalAddress as GroupChanges['physicalAddress']
        },
        { avatar: pictureChange(args.avatar, 'avatar'), banner: pictureChange(args.banner, 'banner') }
      );
    }
  }),
  updateGroup: t.field({
    type: Group,
    description: "Change a group's profile and rules (administrators)",
    args: { id: t.arg.id({ required: true }), ...groupFields(t) },
    resolve: async (_root, args, ctx) => {
      const { userId, actorId } = await actingAs(ctx);
      return ctx.services.groups.updateGroup(
        userId,
        actorId,
        groupId(args.id, 'id'),
        {
          name: args.name,
          summary: args.summary,
          visibility: visibility(args.visibility),
          openness: args.openness ?? undefined,
          manuallyApprovesFollowers: args.manuallyApprovesFollowers ?? undefined,
          physicalAddress: args.physicalAddress as GroupChanges['physicalAddress']
        },
        { avatar: pictureChange(args.avatar, 'avatar'), banner: pictureChange(args.banner, 'banner') }
      );
    }
  }),
  deleteGroup: t.field({
    type: DeletedObject,
    description: 'Delete a group with its content (administrators)',
    args: { groupId: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const { userId, actorId } = await actingAs(ctx);
      const group = await ctx.services.groups.deleteGroup(userId, actorId, groupId(args.groupId));
      return { id: group.id };
    }
  })
}));

builder.mutationField('refreshProfile', (t) =>
  t.field({
    type: Actor,
    description: 'Read a profile or group of another server again from its server',
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const user = requireUser(ctx);
      const id = parseId(args.id);
      const actor = id === null ? undefined : await ctx.services.queries.actors.byId(id);
      if (!actor || actor.deletedAt || actor.type === 'Application') {
        throw new DomainError('not_found', 'Profile not found', { field: 'id' });
      }
      const viewer = { userId: user.id, actorIds: (await ctx.identities()).map((a) => a.id) };
      return ctx.services.search.refreshActor(viewer, actor);
    }
  })
);
