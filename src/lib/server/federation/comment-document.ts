import type { Actor } from '../db/schema/actors.ts';
import type { Comment } from '../db/schema/comments.ts';
import type { Event } from '../db/schema/events.ts';
import type { Services } from '../services.ts';
import type { CommentApInput } from './converters/comment.ts';

/** The actors an event answers to: its organizer and the group it is attributed to. */
export async function eventOwners(services: Services, event: Event): Promise<Actor[]> {
  const { actors } = services.queries;
  const owners = await Promise.all([
    actors.byId(event.organizerActorId),
    event.attributedToId ? actors.byId(event.attributedToId) : undefined
  ]);
  return owners.filter((a): a is Actor => a !== undefined);
}

/**
 * Everything a comment's ActivityPub document shows: its author, what it answers (the comment
 * replied to, else the event), the author of that comment as a mention, and, for a comment that is
 * not public, the event's owners it is addressed to. Undefined when its author is gone.
 */
export async function commentApInput(
  services: Services,
  comment: Comment,
  event: Event
): Promise<CommentApInput | undefined> {
  const { queries } = services;
  const [author, parent, owners] = await Promise.all([
    comment.actorId ? queries.actors.byId(comment.actorId) : undefined,
    comment.inReplyToId ? queries.comments.byId(comment.inReplyToId) : undefined,
    eventOwners(services, event)
  ]);
  if (!author) return undefined;
  const answered = parent?.actorId ? await queries.actors.byId(parent.actorId) : undefined;
  return {
    comment,
    author,
    inReplyTo: parent?.apId ?? event.apId,
    mentions: answered && !answered.deletedAt ? [answered] : [],
    privateAudience: owners.map((o) => o.apId)
  };
}
