import { graphql } from './client.ts';
import type { Address, AddressInput } from './events.ts';
import type { EventSummary, Page } from './my-events.ts';
import type { Picture, PictureInput } from './settings.ts';

export type GroupVisibility = 'PUBLIC' | 'UNLISTED';
export type Openness = 'INVITE_ONLY' | 'MODERATED' | 'OPEN';
export type MemberRole = 'NOT_APPROVED' | 'INVITED' | 'MEMBER' | 'MODERATOR' | 'ADMINISTRATOR' | 'CREATOR' | 'REJECTED';

export const OPENNESS_VALUES: readonly Openness[] = ['OPEN', 'MODERATED', 'INVITE_ONLY'];
export const GROUP_VISIBILITIES: readonly GroupVisibility[] = ['PUBLIC', 'UNLISTED'];
/** The roles `updateMember` may give (the creator stays who made the group). */
export const ASSIGNABLE_ROLES = ['MEMBER', 'MODERATOR', 'ADMINISTRATOR'] as const;
export type AssignableRole = (typeof ASSIGNABLE_ROLES)[number];

/** How far a role reaches, as the API's permission table ranks them: below 1 is not a member. */
const RANK: Record<MemberRole, number> = {
  REJECTED: -1,
  NOT_APPROVED: 0,
  INVITED: 0,
  MEMBER: 1,
  MODERATOR: 2,
  ADMINISTRATOR: 3,
  CREATOR: 4
};
export const roleRank = (role: MemberRole | null | undefined) => (role ? RANK[role] : -1);
export const isMember = (role: MemberRole | null | undefined) => roleRank(role) >= RANK.MEMBER;
/** Moderators invite, approve and remove members. */
export const isModerator = (role: MemberRole | null | undefined) => roleRank(role) >= RANK.MODERATOR;
/** Administrators change roles and the group itself. */
export const isAdministrator = (role: MemberRole | null | undefined) => roleRank(role) >= RANK.ADMINISTRATOR;
export const bestRole = (roles: (MemberRole | null | undefined)[]): MemberRole | null =>
  roles.reduce<MemberRole | null>((best, role) => (role && roleRank(role) > roleRank(best) ? role : best), null);

/** A group's URL parameter: `name` here, `name@domain` for a group of another server. */
export const groupParam = (group: { preferredUsername: string; domain?: string | null }) =>
  group.domain ? `${group.preferredUsername}@${group.domain}` : group.preferredUsername;

/** `name` or `name@server.example`: what the route's `[name]` may hold (a leading @ is dropped). */
export const GROUP_PARAM_PATTERN = /^@?[a-z0-9_]{1,64}(@[a-z0-9.-]+(:\d+)?)?$/i;

export interface ProfileRef {
  id: string;
  preferredUsername: string;
  name: string | null;
  domain: string | null;
  avatar: Picture | null;
}

export interface GroupHeader {
  id: string;
  preferredUsername: string;
  name: string | null;
  domain: string | null;
  url: string | null;
  visibility: GroupVisibility | 'PRIVATE';
  openness: Openness;
  manuallyApprovesFollowers: boolean | null;
  membersCount: number | null;
  avatar: Picture | null;
  banner: Picture | null;
}

const PICTURE = `{
  id
  url
  alt
}`;

const GROUP_HEADER_FIELDS = `
  id
  preferredUsername
  name
  domain
  url
  visibility
  openness
  manuallyApprovesFollowers
  membersCount
  avatar ${PICTURE}
  banner ${PICTURE}
`;

export const GROUP_HEADER = graphql<{ group: GroupHeader }, { name: string }>(`
  query GroupHeader($name: String!) {
    group(preferredUsername: $name) {${GROUP_HEADER_FIELDS}}
  }
`);

/** The roles each of the person's profiles holds in the group (none when it is not a member). */
export const MY_GROUP_ROLES = graphql<
  { identities: ({ id: string; memberships: Page<{ id: string; role: MemberRole }> | null } | null)[] | null },
  { name: string }
>(`
  query MyGroupRoles($name: String!) {
    identities {
      id
      memberships(group: $name, limit: 1) {
        total
        elements {
          id
          role
        }
      }
    }
  }
`);

export interface GroupDetails extends GroupHeader {
  summary: string | null;
  physicalAddress: Address | null;
  organizedEvents: Page<EventSummary> | null;
}

export const GROUP_PAGE = graphql<{ group: GroupDetails }, { name: string; afterDatetime: string; limit: number }>(`
  query GroupPage($name: String!, $afterDatetime: DateTime, $limit: Int) {
    group(preferredUsername: $name) {${GROUP_HEADER_FIELDS}
      summary
      physicalAddress {
        description
        street
        locality
        postalCode
        country
      }
      organizedEvents(afterDatetime: $afterDatetime, limit: $limit, order: BEGINS_ON, orderDirection: ASC) {
        total
        elements {
          id
          uuid
          title
          beginsOn
          endsOn
          status
          draft
          onlineAddress
          options {
            timezone
          }
          physicalAddress {
            description
            locality
          }
        }
      }
    }
  }
`);

export interface PostSummary {
  id: string;
  slug: string | null;
  title: string | null;
  publishAt: string | null;
}

/**
 * The group's latest posts. `Group.posts` comes with the posts work: until the API has it, this
 * query fails validation and the page shows no posts section (see `latestPosts` in the page load).
 */
export const GROUP_LATEST_POSTS = graphql<{ group: { id: string; posts: Page<PostSummary> | null } }, { name: string }>(
  `
    query GroupLatestPosts($name: String!) {
      group(preferredUsername: $name) {
        id
        posts(page: 1, limit: 3) {
          total
          elements {
            id
            slug
            title
            publishAt
          }
        }
      }
    }
  `
);

export type GroupVariables = {
  name: string;
  summary: string;
  visibility: GroupVisibility;
  openness: Openness;
  manuallyApprovesFollowers: boolean;
  physicalAddress: AddressInput | null;
  avatar?: PictureInput;
  banner?: PictureInput;
};

const GROUP_ARGS = `$name: String, $summary: String, $visibility: GroupVisibility, $openness: Openness,
    $manuallyApprovesFollowers: Boolean, $physicalAddress: AddressInput, $avatar: MediaInput, $banner: MediaInput`;
const GROUP_PASS = `name: $name, summary: $summary, visibility: $visibility, openness: $openness,
      manuallyApprovesFollowers: $manuallyApprovesFollowers, physicalAddress: $physicalAddress, avatar: $avatar,
      banner: $banner`;

export const CREATE_GROUP = graphql<
  { createGroup: { id: string; preferredUsername: string } },
  GroupVariables & { preferredUsername: string }
>(`
  mutation CreateGroup($preferredUsername: String!, ${GROUP_ARGS}) {
    createGroup(preferredUsername: $preferredUsername, ${GROUP_PASS}) {
      id
      preferredUsername
    }
  }
`);

export const UPDATE_GROUP = graphql<
  { updateGroup: { id: string; preferredUsername: string } },
  GroupVariables & { id: string }
>(`
  mutation UpdateGroup($id: ID!, ${GROUP_ARGS}) {
    updateGroup(id: $id, ${GROUP_PASS}) {
      id
      preferredUsername
    }
  }
`);

export const GROUP_EDIT = graphql<
  { group: GroupHeader & { summary: string | null; physicalAddress: Address | null } },
  { name: string }
>(`
  query GroupEdit($name: String!) {
    group(preferredUsername: $name) {${GROUP_HEADER_FIELDS}
      summary
      physicalAddress {
        description
        street
        locality
        postalCode
        country
      }
    }
  }
`);

export const DELETE_GROUP = graphql<{ deleteGroup: { id: string } }, { groupId: string }>(`
  mutation DeleteGroup($groupId: ID!) {
    deleteGroup(groupId: $groupId) {
      id
    }
  }
`);

export const JOIN_GROUP = graphql<{ joinGroup: { id: string; role: MemberRole } }, { groupId: string }>(`
  mutation JoinGroup($groupId: ID!) {
    joinGroup(groupId: $groupId) {
      id
      role
    }
  }
`);

export const LEAVE_GROUP = graphql<{ leaveGroup: { id: string } }, { groupId: string }>(`
  mutation LeaveGroup($groupId: ID!) {
    leaveGroup(groupId: $groupId) {
      id
    }
  }
`);
