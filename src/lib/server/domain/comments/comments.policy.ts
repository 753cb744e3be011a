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
