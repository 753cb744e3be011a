import type { MemberRole } from '../../db/schema/groups.ts';

/** How far a role reaches: below 1 the profile is not (yet, or any more) a member. */
const RANK: Record<MemberRole, number> = {
  rejected: -1,
  not_approved: 0,
  invited: 0,
  member: 1,
  moderator: 2,
  administrator: 3,
  creator: 4
};

/**
 * What each action needs (Mobilizon's permission table): the lowest role allowed. The same table
 * decides for local profiles and for remote actors whose activities reach the group.
 */
export const GROUP_PERMISSIONS = {
  'group.update': 'administrator',
  'group.delete': 'administrator',
  'members.see': 'member',
  'members.invite': 'moderator',
  'members.approve': 'moderator',
  'members.remove': 'moderator',
  'members.setRole': 'administrator',
  'event.create': 'moderator',
  'event.update': 'moderator',
  'event.delete': 'moderator',
  'post.create': 'moderator',
  'post.update': 'moderator',
  'post.delete': 'moderator',
  'post.seePrivate': 'member',
  'discussion.see': 'member',
  'discussion.create': 'member',
  'discussion.reply': 'member',
  'discussion.update': 'moderator',
  'discussion.delete': 'moderator',
  'resource.see': 'member',
  'resource.create': 'member',
  'resource.update': 'member',
  'resource.delete': 'member',
  'todo.see': 'member',
  'todo.create': 'member',
  'todo.update': 'member',
  'todo.delete': 'member',
  'activity.see': 'member'
} as const satisfies Record<string, MemberRole>;

export type GroupAction = keyof typeof GROUP_PERMISSIONS;

export function roleRank(role: MemberRole | null | undefined): number {
  return role ? RANK[role] : -1;
}

/** A member in full: someone the group counts (not invited, not waiting, not refused). */
export function isMemberRole(role: MemberRole | null | undefined): boolean {
  return roleRank(role) >= RANK.member;
}

/** Administrators and the creator run the group. */
export function isAdministratorRole(role: MemberRole | null | undefined): boolean {
  return roleRank(role) >= RANK.administrator;
}

export function canInGroup(role: MemberRole | null | undefined, action: GroupAction): boolean {
  return roleRank(role) >= RANK[GROUP_PERMISSIONS[action]];
}

/** Roles a member may be given with `updateMember` (the creator stays who made the group). */
export const ASSIGNABLE_ROLES = ['member', 'moderator', 'administrator'] as const satisfies readonly MemberRole[];
