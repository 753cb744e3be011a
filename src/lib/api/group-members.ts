import { graphql } from './client.ts';
import type { GroupHeader, MemberRole, ProfileRef } from './groups.ts';
import type { Page } from './my-events.ts';
import type { Picture } from './settings.ts';

export interface MemberEntry {
  id: string;
  role: MemberRole;
  insertedAt: string | null;
  actor: ProfileRef | null;
  invitedBy: { id: string; preferredUsername: string; name: string | null; domain: string | null } | null;
}

export const MEMBERS_PAGE_SIZE = 20;

const PROFILE = `{
  id
  preferredUsername
  name
  domain
  avatar {
    id
    url
    alt
  }
}`;

const MEMBER = `
  id
  role
  insertedAt
  actor ${PROFILE}
  invitedBy {
    id
    preferredUsername
    name
    domain
  }
`;

/** One page of members with full roles, plus the pending requests and invitations (short lists). */
export const GROUP_MEMBERS = graphql<
  {
    group: {
      id: string;
      members: Page<MemberEntry> | null;
      requests: Page<MemberEntry> | null;
      invitations: Page<MemberEntry> | null;
    };
  },
  { name: string; page: number; limit: number }
>(`
  query GroupMembersPage($name: String!, $page: Int, $limit: Int) {
    group(preferredUsername: $name) {
      id
      members(page: $page, limit: $limit, roles: "creator,administrator,moderator,member") {
        total
        elements {${MEMBER}}
      }
      requests: members(page: 1, limit: 100, roles: "not_approved") {
        total
        elements {${MEMBER}}
      }
      invitations: members(page: 1, limit: 100, roles: "invited") {
        total
        elements {${MEMBER}}
      }
    }
  }
`);

export const INVITE_MEMBER = graphql<
  { inviteMember: { id: string; role: MemberRole } },
  { groupId: string; targetActorUsername: string }
>(`
  mutation InviteMember($groupId: ID!, $targetActorUsername: String!) {
    inviteMember(groupId: $groupId, targetActorUsername: $targetActorUsername) {
      id
      role
    }
  }
`);

const memberMutation = (name: string, field: string, extra = '', pass = '') =>
  graphql<Record<string, { id: string; role: MemberRole }>, Record<string, unknown>>(`
  mutation ${name[0]!.toUpperCase()}${name.slice(1)}($${field}: ID!${extra}) {
    ${name}(${field}: $${field}${pass}) {
      id
      role
    }
  }
`);

export const APPROVE_MEMBER = memberMutation('approveMember', 'memberId');
export const REJECT_MEMBER = memberMutation('rejectMember', 'memberId');
export const UPDATE_MEMBER = memberMutation('updateMember', 'memberId', ', $role: MemberRoleEnum!', ', role: $role');
export const REMOVE_MEMBER = memberMutation('removeMember', 'memberId', ', $exclude: Boolean', ', exclude: $exclude');
export const ACCEPT_INVITATION = memberMutation('acceptInvitation', 'id');
export const REJECT_INVITATION = memberMutation('rejectInvitation', 'id');

export interface Membership {
  id: string;
  role: MemberRole;
  insertedAt: string | null;
  parent:
    | (Pick<GroupHeader, 'id' | 'preferredUsername' | 'name' | 'domain' | 'membersCount'> & {
        avatar: Picture | null;
        requests?: Page<MemberEntry> | null;
      })
    | null;
  invitedBy: { id: string; preferredUsername: string; name: string | null; domain: string | null } | null;
}

export interface ProfileMemberships {
  id: string;
  preferredUsername: string;
  name: string | null;
  memberships: Page<Membership> | null;
}

/**
 * Every profile's memberships (a person has a few profiles), with, for each group, the requests
 * to join it (the API lists them to its moderators only; others get an empty list).
 */
export const MY_MEMBERSHIPS = graphql<{ identities: (ProfileMemberships | null)[] | null }>(`
  query MyMemberships {
    identities {
      id
      preferredUsername
      name
      memberships(page: 1, limit: 100) {
        total
        elements {
          id
          role
          insertedAt
          invitedBy {
            id
            preferredUsername
            name
            domain
          }
          parent {
            id
            preferredUsername
            name
            domain
            membersCount
            avatar {
              id
              url
              alt
            }
            requests: members(page: 1, limit: 20, roles: "not_approved") {
              total
              elements {${MEMBER}}
            }
          }
        }
      }
    }
  }
`);
