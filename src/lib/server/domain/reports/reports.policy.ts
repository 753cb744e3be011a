import type { User } from '../../db/schema/accounts.ts';
import type { Actor } from '../../db/schema/actors.ts';
import type { Comment } from '../../db/schema/comments.ts';
import type { Event } from '../../db/schema/events.ts';

/** Whoever handles reports is an instance moderator or administrator; nobody else reads them. */
export const mayModerate = (user: Pick<User, 'role' | 'disabled'> | null | undefined): boolean =>
  !!user && !user.disabled && (user.role === 'moderator' || user.role === 'administrator');

/** A report carries only events the reported actor organizes or that are attributed to it. */
export const eventConcerns = (event: Pick<Event, 'organizerActorId' | 'attributedToId'>, reported: Actor): boolean =>
  event.organizerActorId === reported.id || event.attributedToId === reported.id;

/** …and only comments it wrote. */
export const commentConcerns = (comment: Pick<Comment, 'actorId'>, reported: Actor): boolean =>
  comment.actorId === reported.id;

/** A copy goes to the reported actor's server only when asked, and only when that server is another one. */
export const forwardable = (asked: boolean, reported: Actor): boolean => asked && reported.domain !== null;
