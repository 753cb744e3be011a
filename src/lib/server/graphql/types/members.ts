import { DomainError } from '../../core/errors.ts';
import type { Member as MemberRow, MemberRole } from '../../db/schema/groups.ts';
import { canInGroup } from '../../domain/groups/index.ts';
import { actingAs, viewerProfiles } from '../acting.ts';
import { builder } from '../builder.ts';
import type { GraphQLContext } from '../context.ts';
import { parseId, requireUser } from '../guards.ts';
import { DeletedObject } from './account-care.ts';
import { Person } from './actors.ts';
import { Group } from './groups.ts';

export const MemberRoleEnum = builder.enumType('MemberRoleEnum', {
  values: {
    NOT_APPROVED: { value: 'not_approved', description: 'Asked to join; waits for a moderator' },
    INVITED: { value: 'invited', description: 'Invited; has not answered yet' },
    MEMBER: { value: 'member' },
    MODERATOR: { value: 'moderator' },
    ADMINISTRATOR: { value: 'administrator' },
    CREATOR: { value: 'creator' },
    REJECTED: { value: 'rejected', description: 'Refused or excluded' }
  } as const
});

export const Member = builder.objectRef<MemberRow>('Member').implement({
  description: "A profile's membership of a group",
  fields: (t) => ({
    id: t.exposeID('id'),
    parent: t.field({ type: Group, nullable: true, resolve: (m, _a, ctx) => ctx.loaders.actor.load(m.groupId) }),
    actor: t.field({ type: Person, nullable: true, resolve: (m, _a, ctx) => ctx.loaders.actor.load(m.actorId) }),
    role: t.field({ type: MemberRoleEnum, resolve: (m) => m.role }),
    invitedBy: t.field({
      type: Person,
      nullable: true,
      resolve: (m, _a, ctx) => (m.invitedById === null ? null : ctx.loaders.actor.load(m.invitedById))
    }),
    insertedAt: t.field({ type: 'NaiveDateTime', resolve: (m) => m.createdAt }),
    updatedAt: t.field({ type: 'NaiveDateTime', resolve: (m) => m.updatedAt })
  })
});

export const PaginatedMemberList = builder
  .objectRef<{ total: number; elements: MemberRow[] }>('PaginatedMemberList')
  .implement({
    description: 'A paginated list of members',
    fields: (t) => ({
      elements: t.field({ type: [Member], nullable: { list: true, items: true }, resolve: (l) => l.elements }),
      total: t.exposeInt('total')
    })
  });

const ALL_ROLES: MemberRole[] = [
  'not_approved',
  'invited',
  'member',
  'moderator',
  'administrator',
  'creator',
  'rejected'
];

/** Mobilizon's `roles` argument: a comma-separated list of role names, any case. */
function parseRoles(raw: string | null | undefined): MemberRole[] {
  if (!raw) return [];
  return raw
    .split(',')
    .map((r) => r.trim().toLowerCase())
    .filter((r): r is MemberRole => (ALL_ROLES as string[]).includes(r));
}

builder.objectField(Group, 'members', (t) =>
  t.field({
    type: PaginatedMemberList,
    description: "The group's members: listed to its members; others see how many there are",
    args: {
      name: t.arg.string(),
      page: t.arg.int({ defaultValue: 1 }),
      limit: t.arg.int({ defaultValue: 10 }),
      roles: t.arg.string({ defaultValue: '' })
    },
    resolve: async (group, args, ctx) => {
      const role = await ctx.loaders.viewerRole.load(group.id);
      if (!canInGroup(role, 'members.see')) {
        const total =
          group.domain !== null && group.memberCount !== null
            ? group.memberCount
            : await ctx.loaders.memberCount.load(group.id);
        return { total, elements: [] };
      }
      return ctx.services.queries.groups.membersOf(group.id, {
        roles: parseRoles(args.roles),
        name: args.name,
        page: args.page,
        limit: args.limit
      });
    }
  })
);

builder.objectField(Person, 'memberships', (t) =>
  t.field({
    type: PaginatedMemberList,
    description: "The profile's memberships (its owner only)",
    args: {
      group: t.arg.string(),
      groupId: t.arg.id(),
      page: t.arg.int({ defaultValue: 1 }),
      limit: t.arg.int({ defaultValue: 10 })
    },
    resolve: async (person, args, ctx) => {
      const own = (await viewerProfiles(ctx)).includes(person.id);
      if (!own) return { total: 0, elements: [] };
      let groupId = parseId(args.groupId);
      if (args.group) {
        const group = await ctx.services.queries.groups.byUsername(args.group);
        if (!group) return { total: 0, elements: [] };
        groupId = group.id;
      }
      return ctx.services.queries.groups.membershipsOf([person.id], { groupId, page: args.page, limit: args.limit });
    }
  })
);

builder.objectField(Person, 'memberOf', (t) =>
  t.field({
    type: [Member],
    nullable: { list: true, items: true },
    description: "The profile's memberships (its owner only)",
    resolve: async (person, _args, ctx) => {
      const own = (await viewerProfiles(ctx)).includes(person.id);
      if (!own) return [];
      return (await ctx.services.queries.groups.membershipsOf([person.id], { limit: 100 })).elements;
    }
  })
);

const groupIdArg = (raw: string | number) => {
  const id = parseId(raw);
  if (id === null) throw new DomainError('not_found', 'Group not found', { field: 'groupId' });
  return id;
};
const memberIdArg = (raw: string | number, field = 'memberId') => {
  const id = parseId(raw);
  if (id === null) throw new DomainError('not_found', 'Member not found', { field });
  return id;
};

async function findInvitee(ctx: GraphQLContext, handle: string) {
  const name = handle.trim().replace(/^@/, '');
  if (!name.includes('@')) {
    const local = await ctx.services.queries.actors.localByUsername(name);
    if (local) return local;
  } else {
    const user = requireUser(ctx);
    const found = await ctx.services.search
      .interact({ userId: user.id, actorIds: (await ctx.identities()).map((a) => a.id) }, name)
      .catch(() => null);
    if (found && 'preferredUsername' in found) return found;
  }
  throw new DomainError('not_found', 'No profile has this username', { field: 'targetActorUsername' });
}

builder.mutationFields((t) => ({
  joinGroup: t.field({
    type: Member,
    description: 'Join an open group, or ask to join a moderated one, as the current profile',
    args: { groupId: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => ctx.services.members.join(await actingAs(ctx), groupIdArg(args.groupId))
  }),
  leaveGroup: t.field({
    type: DeletedObject,
    description: 'Leave a group (the last administrator cannot)',
    args: { groupId: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const member = await ctx.services.members.leave(await actingAs(ctx), groupIdArg(args.groupId));
      return { id: member.id };
    }
  }),
  inviteMember: t.field({
    type: Member,
    description: 'Invite a profile, here or on another server, to a group (moderators and administrators)',
    args: { groupId: t.arg.id({ required: true }), targetActorUsername: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const acting = await actingAs(ctx);
      const target = await findInvitee(ctx, args.targetActorUsername);
      return ctx.services.members.invite(acting, groupIdArg(args.groupId), target);
    }
  }),
  acceptInvitation: t.field({
    type: Member,
    description: 'Accept an invitation to a group',
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) =>
      ctx.services.members.acceptInvitation(await ownActing(ctx, args.id), memberIdArg(args.id, 'id'))
  }),
  rejectInvitation: t.field({
    type: Member,
    description: 'Decline an invitation to a group',
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) =>
      ctx.services.members.rejectInvitation(await ownActing(ctx, args.id), memberIdArg(args.id, 'id'))
  }),
  approveMember: t.field({
    type: Member,
    description: 'Let in a profile that asked to join (moderators and administrators)',
    args: { memberId: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => ctx.services.members.approve(await actingAs(ctx), memberIdArg(args.memberId))
  }),
  rejectMember: t.field({
    type: Member,
    description: 'Refuse a request to join (moderators and administrators)',
    args: { memberId: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => ctx.services.members.reject(await actingAs(ctx), memberIdArg(args.memberId))
  }),
  updateMember: t.field({
    type: Member,
    description: "Change a member's role (administrators)",
    args: { memberId: t.arg.id({ required: true }), role: t.arg({ type: MemberRoleEnum, required: true }) },
    resolve: async (_root, args, ctx) =>
      ctx.services.members.updateRole(await actingAs(ctx), memberIdArg(args.memberId), args.role)
  }),
  removeMember: t.field({
    type: Member,
    description: 'Remove a member of a lower role; `exclude` keeps them from joining again',
    args: { memberId: t.arg.id({ required: true }), exclude: t.arg.boolean({ defaultValue: false }) },
    resolve: async (_root, args, ctx) =>
      ctx.services.members.remove(await actingAs(ctx), memberIdArg(args.memberId), args.exclude ?? false)
  })
}));

/** Invitations are answered by the invited profile, whichever of the person's profiles it is. */
async function ownActing(ctx: GraphQLContext, rawMemberId: string | number) {
  const user = requireUser(ctx);
  const member = await ctx.services.queries.groups.memberById(memberIdArg(rawMemberId, 'id'));
  const profiles = await ctx.identities();
  const profile = member ? profiles.find((p) => p.id === member.actorId) : undefined;
  if (!profile) throw new DomainError('not_found', 'Invitation not found', { field: 'id' });
  return { userId: user.id, actorId: profile.id };
}
