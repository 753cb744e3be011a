import { redirect, type RequestEvent } from '@sveltejs/kit';
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

/** What a follow form came to, as the page it goes back to carries it (`?follow=`). */
export const FOLLOW_OUTCOMES = {
  followed: 'groupFollowers.followed',
  pending: 'groupFollowers.pending',
  unfollowed: 'groupFollowers.unfollowed',
  notify: 'groupFollowers.notifyChanged',
  already: 'groupFollowers.error.already',
  forbidden: 'groupFollowers.error.forbidden',
  gone: 'groupFollowers.error.notFound',
  failed: 'groupFollowers.error.failed'
} as const satisfies Record<string, MessageKey>;
export type FollowOutcome = keyof typeof FOLLOW_OUTCOMES;
export const isFollowOutcome = (value: string | null): value is FollowOutcome =>
  value !== null && Object.hasOwn(FOLLOW_OUTCOMES, value);
/** Whether an outcome is a success (a notice) rather than an error (an alert). */
export const followSucceeded = (outcome: FollowOutcome) =>
  outcome === 'followed' || outcome === 'pending' || outcome === 'unfollowed' || outcome === 'notify';

const outcomeOf = (error: GraphQLRequestError): 'already' | 'forbidden' | 'gone' | 'failed' => {
  if (error.code === 'unauthorized') return 'forbidden';
  if (error.code === 'validation') return 'already';
  return error.notFound ? 'gone' : 'failed';
};

/**
 * The follow button's form, for any page that shows it: `groupId`, an `intent` (follow, unfollow,
 * notify-on, notify-off) and, to change notifications, `followId`. Runs the mutation and says how
 * it went; without a session it sends the visitor to sign in first. Pages post it to
 * `/@<name>/followers/follow` (which comes back with `?follow=<outcome>`), or call it from an action.
 */
export async function groupFollowAction(event: ActionEvent, data: FormData): Promise<FollowOutcome> {
  const field = (name: string) => {
    const value = data.get(name);
    return typeof value === 'string' ? value.trim() : '';
  };
  const groupId = field('groupId');
  const intent = field('intent');
  try {
    if (intent === 'follow') {
      const { followGroup } = await gqlAs(event, FOLLOW_GROUP, { groupId, notify: true });
      return followGroup?.approved ? 'followed' : 'pending';
    }
    if (intent === 'unfollow') {
      await gqlAs(event, UNFOLLOW_GROUP, { groupId });
      return 'unfollowed';
    }
    if (intent === 'notify-on' || intent === 'notify-off') {
      await gqlAs(event, UPDATE_GROUP_FOLLOW, { followId: field('followId'), notify: intent === 'notify-on' });
      return 'notify';
    }
    return 'failed';
  } catch (error) {
    if (!(error instanceof GraphQLRequestError)) throw error;
    if (error.unauthenticated) redirect(303, loginUrl(event.url));
    return outcomeOf(error);
  }
}

/** What a decision on a follower came to, as the followers page's address carries it (`?decided=`). */
export const DECISION_OUTCOMES = {
  approved: 'groupFollowers.approved',
  refused: 'groupFollowers.refused',
  forbidden: 'groupFollowers.error.forbidden',
  gone: 'groupFollowers.error.notFound',
  failed: 'groupFollowers.error.failed'
} as const satisfies Record<string, MessageKey>;
export type DecisionOutcome = keyof typeof DECISION_OUTCOMES;
export const isDecisionOutcome = (value: string | null): value is DecisionOutcome =>
  value !== null && Object.hasOwn(DECISION_OUTCOMES, value);

/**
 * A moderator's decision on a follower, posted as a form (`followId`, `decision` = approve or
 * refuse): runs `updateFollower` and says how it went. Without a session: sign in first.
 */
export async function decideOnFollower(event: ActionEvent, data: FormData): Promise<DecisionOutcome> {
  const approve = data.get('decision') === 'approve';
  try {
    await gqlAs(event, UPDATE_FOLLOWER, { id: String(data.get('followId') ?? ''), approved: approve });
    return approve ? 'approved' : 'refused';
  } catch (error) {
    if (!(error instanceof GraphQLRequestError)) throw error;
    if (error.unauthenticated) redirect(303, loginUrl(event.url));
    const outcome = outcomeOf(error);
    return outcome === 'already' ? 'failed' : outcome;
  }
}
