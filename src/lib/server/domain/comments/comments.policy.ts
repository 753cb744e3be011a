import type { Actor } from '../../db/schema/actors.ts';
import type { Comment } from '../../db/schema/comments.ts';
import type { Event } from '../../db/schema/events.ts';
import { canSeeEvent, type Viewer } from '../events/index.ts';

/** Who looks at an event's comments, and what they are to that event. */
export interface CommentViewer extends Viewer {
  /** One of the viewer's profiles runs the event (creator, administrator or moderator). */
  organizer: boolean;
  /** An instance moderator or administrator. */
  staff?: boolean;
}

export type CommentModeration = 'allow_all' | 'moderated' | 'closed';

export const moderationOf = (event: Event): CommentModeration => event.options.commentModeration ?? 'allow_all';

/** The event's comments are seen by whoever sees the event; drafts by their organizers only. */
export function canSeeEventComments(viewer: CommentViewer, event: Event): boolean {
  if (event.draft) return viewer.organizer;
  return viewer.organizer || canSeeEvent(viewer, event);
}

/**
 * Public comments are seen by all; a held (moderated) or otherwise restricted one only by the
 * event's organizers and its author.
 */
export function canSeeComment(viewer: CommentViewer, comment: Comment): boolean {
  if (comment.visibility === 'public' || comment.visibility === 'unlisted') return true;
  if (viewer.organizer) return true;
  return comment.actorId !== null && viewer.actorIds.includes(comment.actorId);
}

/** Commenting closed: organizers only. */
export function canComment(viewer: CommentViewer, event: Event): boolean {
  if (!canSeeEventComments(viewer, event)) return false;
  return moderationOf(event) !== 'closed' || viewer.organizer;
}

/** Under moderation, what non-organizers write waits, seen by organizers and its author only. */
export function visibilityOfNewComment(viewer: CommentViewer, event: Event): Comment['visibility'] {
  return moderationOf(event) === 'moderated' && !viewer.organizer ? 'moderated' : 'public';
}

export const isAuthor = (viewer: Viewer, comment: Comment): boolean =>
  comment.actorId !== null && viewer.actorIds.includes(comment.actorId);

/** Only its author edits a comment. */
export const canEditComment = (viewer: CommentViewer, comment: Comment): boolean =>
  comment.deletedAt === null && isAuthor(viewer, comment);

/** Its author, the event's organizers, and the instance's moderators remove a comment. */
export const canDeleteComment = (viewer: CommentViewer, comment: Comment): boolean =>
  isAuthor(viewer, comment) || viewer.organizer || viewer.staff === true;

const originOf = (url: string) => {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
};

/**
 * Whether `sender` may publish or change a remote comment: it is its author, on the comment's own
 * server, and a stored comment keeps its author (nobody takes over someone else's words, and our
 * own comments are never written from outside).
 */
export function canWriteRemoteComment(
  sender: Actor,
  author: Actor,
  commentApId: string,
  existing?: Pick<Comment, 'local' | 'actorId'>
): boolean {
  if (sender.domain === null || sender.id !== author.id) return false;
  if (existing && (existing.local || existing.actorId !== author.id)) return false;
  const origin = originOf(commentApId);
  return origin !== null && origin === originOf(author.apId);
}

/**
 * Whether a remote `sender` may delete a comment here: a remote comment by its author, or any
 * comment by one of the organizers of its event (Mobilizon lets an event's organizers remove the
 * comments under it, whoever wrote them and wherever they live).
 */
export function canDeleteCommentRemotely(
  sender: Actor,
  comment: Pick<Comment, 'local' | 'actorId'>,
  eventOrganizerIds: readonly number[]
): boolean {
  if (sender.domain === null) return false;
  if (!comment.local && comment.actorId === sender.id) return true;
  return eventOrganizerIds.includes(sender.id);
}
