export { GroupsService } from './groups.service.ts';
export { MembersService } from './members.service.ts';
export { GroupsQueries, type MemberFilter } from './groups.queries.ts';
export type { GroupContentCollection } from './group-collections.queries.ts';
export {
  ASSIGNABLE_ROLES,
  GROUP_PERMISSIONS,
  canInGroup,
  isAdministratorRole,
  isMemberRole,
  roleRank,
  type GroupAction
} from './group-roles.ts';
export { bestRoleInGroup, loadGroup, requireGroupPermission, roleInGroup } from './membership.ts';
export { recordGroupActivity, type GroupActivityEntry } from './group-activity.ts';
export { resolveActing, type Acting } from './acting.ts';
export { groupCollectionUrls, memberApId } from './group-urls.ts';
export { GroupFollowsService } from './group-follows.service.ts';
export { GroupFollowsQueries, type GroupFollowerRecipient } from './group-follows.queries.ts';
export type { GroupContentRemover } from './group-content.ts';
