import { graphql, GraphQLRequestError } from './client.ts';
import { plainTextToHtml } from './events.ts';
import { gqlAs } from './session.ts';
import type { MessageKey } from '#lib/i18n/messages.ts';

export type CommentModeration = 'ALLOW_ALL' | 'MODERATED' | 'CLOSED';

export interface CommentAuthor {
  id: string;
  preferredUsername: string;
  name: string | null;
  domain: string | null;
}

export interface CommentView {
  id: string;
  /** Sanitized HTML; null once deleted. */
  text: string | null;
  visibility: 'PUBLIC' | 'UNLISTED' | 'PRIVATE' | 'MODERATED' | 'INVITE' | null;
  publishedAt: string | null;
  updatedAt: string | null;
  deletedAt: string | null;
  actor: CommentAuthor | null;
}

export interface ReplyView extends CommentView {
  inReplyToComment: { id: string; actor: CommentAuthor | null } | null;
}

export interface ThreadView extends CommentView {
  totalReplies: number | null;
  replies: (ReplyView | null)[] | null;
}

const FIELDS = `
  id
  text
  visibility
  publishedAt
  updatedAt
  deletedAt
  actor { id preferredUsername name domain }
`;

interface EventCommentsData {
  event: {
    id: string;
    options: { commentModeration: CommentModeration | null } | null;
    comments: (ThreadView | null)[] | null;
  } | null;
}

export const EVENT_COMMENTS = graphql<EventCommentsData, { uuid: string }>(`
  query EventComments($uuid: UUID!) {
    event(uuid: $uuid) {
      id
      options { commentModeration }
      comments {
        ${FIELDS}
        totalReplies
        replies {
          ${FIELDS}
          inReplyToComment { id actor { id preferredUsername name domain } }
        }
      }
    }
  }
`);

export const CREATE_COMMENT = graphql<
  { createComment: { id: string } | null },
  { eventId: string; text: string; inReplyToCommentId: string | null }
>(`
  mutation CreateComment($eventId: ID!, $text: String!, $inReplyToCommentId: ID) {
    createComment(eventId: $eventId, text: $text, inReplyToCommentId: $inReplyToCommentId) {
      id
    }
  }
`);

export const UPDATE_COMMENT = graphql<{ updateComment: { id: string } | null }, { commentId: string; text: string }>(`
  mutation UpdateComment($commentId: ID!, $text: String!) {
    updateComment(commentId: $commentId, text: $text) {
      id
    }
  }
`);

export const DELETE_COMMENT = graphql<{ deleteComment: { id: string } | null }, { commentId: string }>(`
  mutation DeleteComment($commentId: ID!) {
    deleteComment(commentId: $commentId) {
      id
    }
  }
`);

/** The threads as the page shows them: replies without holes. */
export interface EventComments {
  moderation: CommentModeration;
  threads: (Omit<ThreadView, 'replies'> & { replies: ReplyView[] })[];
}

export function toEventComments(event: EventCommentsData['event']): EventComments {
  return {
    moderation: event?.options?.commentModeration ?? 'ALLOW_ALL',
    threads: (event?.comments ?? [])
      .filter((c): c is ThreadView => c !== null)
      .map((thread) => ({ ...thread, replies: (thread.replies ?? []).filter((r): r is ReplyView => r !== null) }))
  };
}

/** What the form's text becomes for the API. */
export const commentHtml = (text: string): string => plainTextToHtml(text);

/** The message shown when the API refuses a comment (its code and field say why). */
export function commentRefusal(error: GraphQLRequestError): MessageKey {
  if (error.code === 'validation' && error.field === 'text') {
    return error.reason === 'too_long' ? 'comments.error.tooLong' : 'comments.error.empty';
  }
  if (error.code === 'validation') return 'comments.error.deleted';
  if (error.code === 'unauthorized' && error.field === 'eventId') return 'comments.error.closed';
  if (error.code === 'unauthorized') return 'comments.error.forbidden';
  if (error.notFound) return 'comments.error.notFound';
  return 'comments.error.unknown';
}

/** The event's comments for its page; a failure leaves the page up, with no comments shown. */
export async function loadEventComments(event: Parameters<typeof gqlAs>[0], uuid: string): Promise<EventComments> {
  try {
    return toEventComments((await gqlAs(event, EVENT_COMMENTS, { uuid })).event);
  } catch (error) {
    if (error instanceof GraphQLRequestError) return { moderation: 'ALLOW_ALL', threads: [] };
    throw error;
  }
}
