import { graphql, GraphQLRequestError } from './client.ts';
import { plainTextToHtml } from './events.ts';
import type { MessageKey } from '#lib/i18n/messages.ts';

/** Discussions per page of a group's list, and messages per page of a thread. */
export const DISCUSSIONS_PAGE_SIZE = 20;
export const MESSAGES_PAGE_SIZE = 20;

export interface MessageAuthor {
  id: string;
  preferredUsername: string;
  name: string | null;
  domain: string | null;
}

export interface MessageView {
  id: string;
  /** Sanitized HTML; null once deleted. */
  text: string | null;
  publishedAt: string | null;
  updatedAt: string | null;
  deletedAt: string | null;
  actor: MessageAuthor | null;
}

export interface DiscussionSummary {
  id: string;
  title: string;
  slug: string;
  updatedAt: string;
  lastComment: MessageView | null;
}

export type GroupRole = 'MEMBER' | 'MODERATOR' | 'ADMINISTRATOR' | 'CREATOR' | 'INVITED' | 'NOT_APPROVED' | 'REJECTED';

interface Identities {
  identities?:
    ({ id: string; memberships: { elements: ({ role: GroupRole } | null)[] | null } | null } | null)[] | null;
}

const AUTHOR = 'actor { id preferredUsername name domain }';
const MESSAGE = `id text publishedAt updatedAt deletedAt ${AUTHOR}`;
const IDENTITIES = `identities @include(if: $signedIn) { id memberships(group: $name) { elements { role } } }`;

export const GROUP_DISCUSSIONS = graphql<
  Identities & {
    group: {
      id: string;
      preferredUsername: string;
      name: string | null;
      domain: string | null;
      discussions: { total: number; elements: (DiscussionSummary | null)[] | null } | null;
    } | null;
  },
  { name: string; page: number; limit: number; signedIn: boolean }
>(`
  query GroupDiscussionsPage($name: String!, $page: Int, $limit: Int, $signedIn: Boolean!) {
    group(preferredUsername: $name) {
      id preferredUsername name domain
      discussions(page: $page, limit: $limit) {
        total
        elements { id title slug updatedAt lastComment { ${MESSAGE} } }
      }
    }
    ${IDENTITIES}
  }
`);

export interface DiscussionThread {
  id: string;
  title: string;
  slug: string;
  insertedAt: string;
  updatedAt: string;
  creator: { id: string } | null;
  actor: { id: string; preferredUsername: string; name: string | null; domain: string | null } | null;
  comments: { total: number; elements: (MessageView | null)[] | null } | null;
}

export const DISCUSSION_THREAD = graphql<
  Identities & { discussion: DiscussionThread | null },
  { slug: string; name: string; page: number; limit: number; signedIn: boolean }
>(`
  query DiscussionThreadPage($slug: String!, $name: String!, $page: Int, $limit: Int, $signedIn: Boolean!) {
    discussion(slug: $slug) {
      id title slug insertedAt updatedAt
      creator { id }
      actor { id preferredUsername name domain }
      comments(page: $page, limit: $limit) { total elements { ${MESSAGE} } }
    }
    ${IDENTITIES}
  }
`);

export const CREATE_DISCUSSION = graphql<
  { createDiscussion: { id: string; slug: string } | null },
  { title: string; text: string; actorId: string }
>(`
  mutation CreateDiscussion($title: String!, $text: String!, $actorId: ID!) {
    createDiscussion(title: $title, text: $text, actorId: $actorId) {
      id
      slug
    }
  }
`);

export const REPLY_TO_DISCUSSION = graphql<
  { replyToDiscussion: { id: string; lastComment: { id: string } | null; comments: { total: number } | null } | null },
  { discussionId: string; text: string }
>(`
  mutation ReplyToDiscussion($discussionId: ID!, $text: String!) {
    replyToDiscussion(discussionId: $discussionId, text: $text) {
      id
      lastComment {
        id
      }
      comments(page: 1, limit: 1) {
        total
      }
    }
  }
`);

export const RENAME_DISCUSSION = graphql<
  { updateDiscussion: { id: string } | null },
  { discussionId: string; title: string }
>(`
  mutation RenameDiscussion($discussionId: ID!, $title: String!) {
    updateDiscussion(discussionId: $discussionId, title: $title) {
      id
    }
  }
`);

export const DELETE_DISCUSSION = graphql<{ deleteDiscussion: { id: string } | null }, { discussionId: string }>(`
  mutation DeleteDiscussion($discussionId: ID!) {
    deleteDiscussion(discussionId: $discussionId) {
      id
    }
  }
`);

/** The best role any of the signed-in person's profiles holds in the group, and those profiles' ids. */
export function viewerInGroup(data: Identities): { role: GroupRole | null; profileIds: string[] } {
  const RANK: Record<GroupRole, number> = {
    REJECTED: -1,
    INVITED: 0,
    NOT_APPROVED: 0,
    MEMBER: 1,
    MODERATOR: 2,
    ADMINISTRATOR: 3,
    CREATOR: 4
  };
  let role: GroupRole | null = null;
  const profileIds: string[] = [];
  for (const identity of data.identities ?? []) {
    if (!identity) continue;
    profileIds.push(identity.id);
    for (const m of identity.memberships?.elements ?? []) {
      if (m && (role === null || RANK[m.role] > RANK[role])) role = m.role;
    }
  }
  return { role, profileIds };
}

export const isMember = (role: GroupRole | null) =>
  role !== null && ['MEMBER', 'MODERATOR', 'ADMINISTRATOR', 'CREATOR'].includes(role);
export const isModerator = (role: GroupRole | null) =>
  role !== null && ['MODERATOR', 'ADMINISTRATOR', 'CREATOR'].includes(role);

export const messageHtml = (text: string): string => plainTextToHtml(text);

/** The page number asked for in `?page=` (1 when absent or odd). */
export const pageParam = (url: URL) =>
  Math.max(1, Math.min(10_000, Number.parseInt(url.searchParams.get('page') ?? '1', 10) || 1));

/** The message shown when the API refuses (its code and field say why). */
export function discussionRefusal(error: GraphQLRequestError): MessageKey {
  if (error.code === 'validation' && error.field === 'title') {
    return error.reason === 'too_long' ? 'discussions.error.titleTooLong' : 'discussions.error.title';
  }
  if (error.code === 'validation' && error.field === 'text') {
    return error.reason === 'too_long' ? 'discussions.error.textTooLong' : 'discussions.error.text';
  }
  if (error.code === 'validation') return 'discussions.error.deleted';
  if (error.code === 'unauthorized') return 'discussions.error.forbidden';
  if (error.notFound) return 'discussions.error.notFound';
  return 'discussions.error.unknown';
}
