import { and, eq, isNull } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { DomainError } from '../../core/errors.ts';
import { parseInput } from '../../core/validation.ts';
import { users } from '../../db/schema/accounts.ts';
import { actors, type Actor } from '../../db/schema/actors.ts';
import { comments, type Comment } from '../../db/schema/comments.ts';
import { events, type Event } from '../../db/schema/events.ts';
import { transaction, type Transaction } from '../../db/transaction.ts';
import type { ServiceDeps } from '../deps.ts';
import { eventOrganizerIds } from './organizers.ts';
import {
  discussionAccess,
  discussionMessageDeleter,
  editsDiscussionMessage,
  seesDiscussion
} from './discussion-comment.ts';
import type { RemoteCommentData } from './remote-comment.ts';
import { RemoteComments, type RemoteCommentResult, type RemoteCommentWriters } from './remote-comments.ts';
import { tombstoneComment } from './tombstone.ts';
import { commentInputs, type CommentUpdateInput, type NewCommentInput } from './comments.inputs.ts';
import {
  canComment,
  canDeleteComment,
  canEditComment,
  canSeeComment,
  canSeeEventComments,
  visibilityOfNewComment,
  type CommentViewer
} from './comments.policy.ts';

const commentNotFound = (field = 'commentId') => new DomainError('not_found', 'Comment not found', { field });
const alreadyDeleted = () => new DomainError('validation', 'This comment was already deleted', { field: 'commentId' });
const eventNotFound = () => new DomainError('not_found', 'Event not found', { field: 'eventId' });

/**
 * Comments under events: written by a user's profile, threaded (a reply points at the comment it
 * answers and at its thread's first comment), edited by their author, and removed as tombstones by
 * their author or the event's organizers. Comments from other servers go through the same rules.
 */
export class CommentsService {
  private readonly deps: ServiceDeps;
  private readonly inputs: ReturnType<typeof commentInputs>;
  private readonly remote: RemoteComments;
  constructor(deps: ServiceDeps) {
    this.deps = deps;
    this.inputs = commentInputs(deps.config.publicUrl);
    this.remote = new RemoteComments(deps, this.inputs);
  }

  /** A comment published or changed on another server (see RemoteComments.receive). */
  receiveRemote(
    data: RemoteCommentData,
    writers: RemoteCommentWriters,
    options?: { attachTo?: string | null }
  ): Promise<RemoteCommentResult> {
    return this.remote.receive(data, writers, options);
  }

  /** A comment removed by a remote actor: its author, or an organizer of its event. */
  removeRemote(apId: string, sender: Actor): Promise<Comment | undefined> {
    return this.remote.remove(apId, sender);
  }

  /** The user's live local profiles' ids. */
  private async profileIds(tx: Transaction, userId: number): Promise<number[]> {
    const rows = await tx.db
      .select({ id: actors.id })
      .from(actors)
      .where(and(eq(actors.userId, userId), isNull(actors.domain), isNull(actors.deletedAt)));
    return rows.map((r) => r.id);
  }

  private async event(tx: Transaction, eventId: number | null): Promise<Event | undefined> {
    if (eventId === null) return undefined;
    const [event] = await tx.db.select().from(events).where(eq(events.id, eventId));
    return event;
  }

  private async lockedComment(tx: Transaction, commentId: number): Promise<Comment> {
    const [comment] = await tx.db.select().from(comments).where(eq(comments.id, commentId)).for('update');
    if (!comment) throw commentNotFound();
    return comment;
  }

  /** A profile of the user comments on an event, or replies to one of its comments. */
  async create(userId: number, raw: NewCommentInput): Promise<Comment> {
    const input = parseInput(this.inputs.newComment, raw);
    return transaction(this.deps.pool, async (tx) => {
      const [actor] = await tx.db.select().from(actors).where(eq(actors.id, input.actorId));
      if (!actor || actor.userId !== userId || actor.domain !== null || actor.deletedAt || actor.suspended) {
        throw new DomainError('forbidden', 'This profile is not one of yours', { field: 'actorId' });
      }
      const event = await this.event(tx, input.eventId);
      if (!event) throw eventNotFound();
      const organizers = await eventOrganizerIds(tx, event);
      // What the commenting profile is to the event decides; the user's other profiles don't count.
      const viewer: CommentViewer = { userId, actorIds: [actor.id], organizer: organizers.includes(actor.id) };
      if (!canSeeEventComments(viewer, event)) throw eventNotFound();
      if (!canComment(viewer, event)) {
        throw new DomainError('forbidden', 'Only the organizers may comment on this event', { field: 'eventId' });
      }
      if (input.isAnnouncement && !viewer.organizer) {
        throw new DomainError('forbidden', 'Only the organizers may make announcements', { field: 'isAnnouncement' });
      }
      let originCommentId: number | null = null;
      let visibility = visibilityOfNewComment(viewer, event);
      if (input.inReplyToId) {
        const [parent] = await tx.db.select().from(comments).where(eq(comments.id, input.inReplyToId));
        if (!parent || parent.eventId !== event.id || !canSeeComment(viewer, parent)) {
          throw commentNotFound('inReplyToCommentId');
        }
        if (parent.deletedAt) {
          throw new DomainError('validation', 'This comment was deleted', { field: 'inReplyToCommentId' });
        }
        originCommentId = parent.originCommentId ?? parent.id;
        // An answer to a private exchange stays in it: it never becomes public by being a reply.
        if (parent.visibility === 'private' && visibility !== 'moderated') visibility = 'private';
      }
      const uuid = randomUUID();
      const url = `${this.deps.config.publicUrl}/comments/${uuid}`;
      const [comment] = await tx.db
        .insert(comments)
        .values({
          uuid,
          apId: url,
          url,
          local: true,
          text: input.text,
          language: input.language,
          visibility,
          actorId: actor.id,
          eventId: event.id,
          originCommentId,
          inReplyToId: input.inReplyToId ?? null,
          isAnnouncement: input.isAnnouncement
        })
        .returning();
      if (!comment) throw new Error('comment not stored');
      await this.deps.events.record(tx, 'CommentCreated', { commentId: comment.id });
      return comment;
    });
  }

  /** Its author changes a comment's text. */
  async update(userId: number, raw: CommentUpdateInput): Promise<Comment> {
    const input = parseInput(this.inputs.commentUpdate, raw);
    return transaction(this.deps.pool, async (tx) => {
      const comment = await this.lockedComment(tx, input.commentId);
      const viewer: CommentViewer = { userId, actorIds: await this.profileIds(tx, userId), organizer: false };
      // A message of a group discussion: only members see it, its author edits it while a member.
      const access = comment.discussionId === null ? null : await discussionAccess(tx, comment, viewer.actorIds);
      if (access && !seesDiscussion(access)) throw commentNotFound();
      if (comment.deletedAt) throw new DomainError('validation', 'This comment was deleted', { field: 'commentId' });
      if (!canEditComment(viewer, comment) || (access && !editsDiscussionMessage(access, comment))) {
        throw new DomainError('forbidden', 'You can only edit your own comments', { field: 'commentId' });
      }
      const [updated] = await tx.db
        .update(comments)
        .set({
          text: input.text,
          ...(input.language && input.language !== 'und' ? { language: input.language } : {}),
          updatedAt: new Date()
        })
        .where(eq(comments.id, comment.id))
        .returning();
      if (!updated) throw new Error('comment not updated');
      await this.deps.events.record(tx, 'CommentUpdated', { commentId: updated.id });
      return updated;
    });
  }

  /**
   * A comment becomes a tombstone: its text goes, its row stays so that its thread keeps its shape.
   * Its author, the event's organizers and the instance's moderators may do it.
   */
  async delete(userId: number, commentId: number): Promise<Comment> {
    return transaction(this.deps.pool, async (tx) => {
      const comment = await this.lockedComment(tx, commentId);
      const actorIds = await this.profileIds(tx, userId);
      if (comment.discussionId !== null) return this.deleteDiscussionMessage(tx, userId, comment, actorIds);
      if (comment.deletedAt) throw alreadyDeleted();
      const event = await this.event(tx, comment.eventId);
      const organizers = event ? await eventOrganizerIds(tx, event) : [];
      const [user] = await tx.db.select({ role: users.role }).from(users).where(eq(users.id, userId));
      const viewer: CommentViewer = {
        userId,
        actorIds,
        organizer: actorIds.some((id) => organizers.includes(id)),
        staff: user?.role === 'moderator' || user?.role === 'administrator'
      };
      const visible = canSeeComment(viewer, comment) && (!event || canSeeEventComments(viewer, event));
      if (!visible && !viewer.staff) throw commentNotFound();
      if (!canDeleteComment(viewer, comment)) {
        throw new DomainError('forbidden', 'You may not delete this comment', { field: 'commentId' });
      }
      const byActorId = deleterOf(comment, actorIds, organizers, event);
      return tombstoneComment(this.deps, tx, comment, byActorId);
    });
  }

  /**
   * A message of a group discussion, removed by its author or a moderator of the group (or, as
   * for any comment, a moderator of the instance); others who are not members learn nothing of it.
   */
  private async deleteDiscussionMessage(
    tx: Transaction,
    userId: number,
    comment: Comment,
    actorIds: readonly number[]
  ): Promise<Comment> {
    const access = await discussionAccess(tx, comment, actorIds);
    const [user] = await tx.db.select({ role: users.role }).from(users).where(eq(users.id, userId));
    const staff = user?.role === 'moderator' || user?.role === 'administrator';
    if (!seesDiscussion(access) && !staff) throw commentNotFound();
    if (comment.deletedAt) throw alreadyDeleted();
    const byActorId = discussionMessageDeleter(access, comment, actorIds);
    if (byActorId === null && !staff) {
      throw new DomainError('forbidden', 'You may not delete this comment', { field: 'commentId' });
    }
    return tombstoneComment(this.deps, tx, comment, byActorId);
  }
}

/**
 * The profile a user removes a comment as: its author, else the event's organizer, else one of
 * its co-organizers; none for a moderator of the instance acting as such.
 */
function deleterOf(
  comment: Comment,
  actorIds: readonly number[],
  organizers: readonly number[],
  event: Event | undefined
): number | null {
  if (comment.actorId !== null && actorIds.includes(comment.actorId)) return comment.actorId;
  if (event && actorIds.includes(event.organizerActorId)) return event.organizerActorId;
  return actorIds.find((id) => organizers.includes(id)) ?? null;
}
