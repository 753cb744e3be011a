import { fail, redirect, type ActionFailure, type RequestEvent } from '@sveltejs/kit';
import type { MessageKey } from '#lib/i18n/messages.ts';
import { graphql, GraphQLRequestError } from './client.ts';
import { loginUrl } from './redirect.ts';
import { gqlAs } from './session.ts';

/** A follow of a group, as the follow button and the followers page show it. */
export interface GroupFollow {
  id: string;
  approved: boolean | null;
  notify: boolean | null;
  insertedAt?: string | null;
  actor?: { id: string; preferredUsername: string; name: string | null; domain: string | null } | null;
}

export const FOLLOWERS_PAGE_SIZE = 20;
export const FOLLOWER_FILTERS = ['pending', 'approved', 'all'] as const;
export type FollowerFilter = (typeof FOLLOWER_FILTERS)[number];
export const isFollowerFilter = (value: string | null): value is FollowerFilter =>
  (FOLLOWER_FILTERS as readonly (string | null)[]).includes(value);
/** The `approved` argument each filter asks the API for. */
export const approvedFilter = (filter: FollowerFilter): boolean | null =>
  filter === 'pending' ? false : filter === 'approved' ? true : null;

export const FOLLOW_GROUP = graphql<{ followGroup: GroupFollow | null }, { groupId: string; notify?: boolean }>(`
  mutation FollowGroup($groupId: ID!, $notify: Boolean) {
    followGroup(groupId: $groupId, notify: $notify) {
      id
      approved
      notify
    }
  }
`);

export const UNFOLLOW_GROUP = graphql<{ unfollowGroup: { id: string } | null }, { groupId: string }>(`
  mutation UnfollowGroup($groupId: ID!) {
    unfollowGroup(groupId: $groupId) {
      id
    }
  }
`);

export const UPDATE_GROUP_FOLLOW = graphql<
  { updateGroupFollow: GroupFollow | null },
  { followId: string; notify: boolean }
>(`
  mutation UpdateGroupFollow($followId: ID!, $notify: Boolean) {
    updateGroupFollow(followId: $followId, notify: $notify) {
      id
      approved
      notify
    }
  }
`);

export const UPDATE_FOLLOWER = graphql<{ updateFollower: GroupFollow | null }, { id: string; approved: boolean }>(`
  mutation UpdateFollower($id: ID!, $approved: Boolean!) {
    updateFollower(id: $id, approved: $approved) {
      id
      approved
      notify
      actor {
        id
        preferredUsername
        name
        domain
      }
    }
  }
`);

/** The current profile's follow of one group (none: an empty list). */
export const MY_GROUP_FOLLOW = graphql<
  { loggedPerson: { id: string; follows: { elements: (GroupFollow | null)[] | null } | null } | null },
  { group: string }
>(`
  query MyGroupFollow($group: String!) {
    loggedPerson {
      id
      follows(group: $group, limit: 1) {
        elements {
          id
          approved
          notify
        }
      }
    }
  }
`);

export interface GroupFollowersData {
  group: {
    id: string;
    preferredUsername: string;
    name: string | null;
    domain: string | null;
    manuallyApprovesFollowers: boolean | null;
    followers: { total: number | null; elements: (GroupFollow | null)[] | null } | null;
  } | null;
}

export const GROUP_FOLLOWERS = graphql<
  GroupFollowersData,
  { name: string; page: number; limit: number; approved: boolean | null }
>(`
  query GroupFollowersPage($name: String!, $page: Int, $limit: Int, $approved: Boolean) {
    group(preferredUsername: $name) {
      id
      preferredUsername
      name
      domain
      manuallyApprovesFollowers
      followers(page: $page, limit: $limit, approved: $approved) {
        total
        elements {
          id
          approved
          notify
          insertedAt
          actor {
            id
            preferredUsername
            name
            domain
          }
        }
      }
    }
  }
`);

/** What the form actions use of SvelteKit's request event (any route may call them). */
type ActionEvent = Pick<RequestEvent, 'cookies' | 'fetch' | 'locals' | 'url' | 'request'>;

/** What a follow form answered: which notice to show, or which error. */
export type FollowFormResult = { follow: { notice: MessageKey } } | ActionFailure<{ follow: { error: MessageKey } }>;

const errorKey = (error: GraphQLRequestError): MessageKey => {
  if (error.code === 'unauthorized') return 'groupFollowers.error.forbidden';
  if (error.code === 'validation') return 'groupFollowers.error.already';
  if (error.notFound) return 'groupFollowers.error.notFound';
  return 'groupFollowers.error.failed';
};

/**
 * The follow button's form action, for any page that shows it: the form posts `groupId`, an
 * `intent` (follow, unfollow, notify-on, notify-off) and, to change notifications, `followId`.
 * Without a session it sends the visitor to sign in and come back.
 */
export async function groupFollowAction(event: ActionEvent): Promise<FollowFormResult> {
  const data = await event.request.formData();
  const field = (name: string) => {
    const value = data.get(name);
    return typeof value === 'string' ? value.trim() : '';
  };
  const groupId = field('groupId');
  const intent = field('intent');
  try {
    if (intent === 'follow') {
      const { followGroup } = await gqlAs(event, FOLLOW_GROUP, { groupId, notify: true });
      return { follow: { notice: followGroup?.approved ? 'groupFollowers.followed' : 'groupFollowers.pending' } };
    }
    if (intent === 'unfollow') {
      await gqlAs(event, UNFOLLOW_GROUP, { groupId });
      return { follow: { notice: 'groupFollowers.unfollowed' } };
    }
    if (intent === 'notify-on' || intent === 'notify-off') {
      await gqlAs(event, UPDATE_GROUP_FOLLOW, { followId: field('followId'), notify: intent === 'notify-on' });
      return { follow: { notice: 'groupFollowers.notifyChanged' } };
    }
    return fail(400, { follow: { error: 'groupFollowers.error.failed' as MessageKey } });
  } catch (error) {
    if (!(error instanceof GraphQLRequestError)) throw error;
    if (error.unauthenticated) redirect(303, loginUrl(event.url));
    return fail(error.statusCode === 403 ? 403 : 400, { follow: { error: errorKey(error) } });
  }
}

/** The followers page's decision: `followId` and `decision` (approve or refuse). */
export async function followerDecisionAction(event: ActionEvent) {
  const data = await event.request.formData();
  const followId = String(data.get('followId') ?? '');
  const name = String(data.get('name') ?? '');
  const approve = data.get('decision') === 'approve';
  try {
    await gqlAs(event, UPDATE_FOLLOWER, { id: followId, approved: approve });
    return {
      decided: { notice: (approve ? 'groupFollowers.approved' : 'groupFollowers.refused') as MessageKey, name }
    };
  } catch (error) {
    if (!(error instanceof GraphQLRequestError)) throw error;
    if (error.unauthenticated) redirect(303, loginUrl(event.url));
    return fail(error.code === 'unauthorized' ? 403 : 400, { decided: { error: errorKey(error), name } });
  }
}
