import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { DomainError } from '../../core/errors.ts';
import { parseInput } from '../../core/validation.ts';
import type { Actor } from '../../db/schema/actors.ts';
import { comments, type Comment } from '../../db/schema/comments.ts';
import { events } from '../../db/schema/events.ts';
import { transaction, type Transaction } from '../../db/transaction.ts';
import type { ServiceDeps } from '../deps.ts';
import { tombstoneOf } from '../fediverse/index.ts';
import type { commentInputs } from './comments.inputs.ts';
import {
  canComment,
  canDeleteCommentRemotely,
  canSeeComment,
  canSeeEventComments,
  canWriteRemoteComment,
  visibilityOfNewComment,
  type CommentViewer
} from './comments.policy.ts';
import { eventOrganizerIds } from './organizers.ts';
import type { RemoteCommentData } from './remote-comment.ts';
import { findReplyTarget, type ReplyTarget } from './reply-target.ts';
import { tombstoneComment } from './tombstone.ts';

export interface RemoteCommentWriters {
  /** The actor whose signature carried the activity (or whose server served the comment). */
  sender: Actor;
  author: Actor;
}

export type RemoteCommentResult =
  { outcome: 'created' | 'updated' | 'unchanged'; comment: Comment } | { outcome: 'gone' };

const repliesToNothing = () => new DomainError('not_found', 'It answers nothing known here', { field: 'inReplyTo' });

/**
 * Comments written on other servers under events we know, taken through the same rules as ours:
 * the event's comment moderation, threads, visibility; written and changed by their author only,
 * never older than what we have, removed by their author or the event's organizers, and never
 * back once removed.
 */
export class RemoteComments {
  private readonly deps: ServiceDeps;
  private readonly text: ReturnType<typeof commentInputs>['remoteText'];
  constructor(deps: ServiceDeps, inputs: ReturnType<typeof commentInputs>) {
    this.deps = deps;
    this.text = inputs.remoteText;
  }

  /**
   * A comment published or changed on its server. `attachTo` stands in for its parent when that
   * parent is not here (its server did not give it, or it was refused): what the parent answered.
   */
  async receive(
    data: RemoteCommentData,
    writers: RemoteCommentWriters,
    options: { attachTo?: string | null } = {}
  ): Promise<RemoteCommentResult> {
    if (await tombstoneOf(this.deps.db, data.apId)) return { outcome: 'gone' };
    const text = parseInput(this.text, data.text);
    return transaction(this.deps.pool, async (tx) => {
      const [existing] = await tx.db.select().from(comments).where(eq(comments.apId, data.apId)).for('update');
      if (!canWriteRemoteComment(writers.sender, writers.author, data.apId, existing)) {
        throw new DomainError('forbidden', 'Only its author may publish or change this comment');
      }
      if (existing) return this.change(tx, existing, data, text);
      return this.insert(tx, data, text, writers.author, options.attachTo ?? null);
    });
  }

  private async change(
    tx: Transaction,
    current: Comment,
    data: RemoteCommentData,
    text: string
  ): Promise<RemoteCommentResult> {
    if (current.deletedAt) return { outcome: 'gone' };
    const version = data.updatedAt ?? data.publishedAt;
    if (version ? current.updatedAt.getTime() >= version.getTime() : current.text === text) {
      return { outcome: 'unchanged', comment: current };
    }
    const [comment] = await tx.db
      .update(comments)
      .set({
        text,
        ...(data.language !== 'und' ? { language: data.language } : {}),
        updatedAt: version ?? new Date()
      })
      .where(eq(comments.id, current.id))
      .returning();
    if (!comment) throw new Error('remote comment not updated');
    await this.deps.events.record(tx, 'CommentUpdated', { commentId: comment.id });
    return { outcome: 'updated', comment };
  }

  private async insert(
    tx: Transaction,
    data: RemoteCommentData,
    text: string,
    author: Actor,
    attachTo: string | null
  ): Promise<RemoteCommentResult> {
    const target =
      (data.inReplyToApId ? await this.replyTarget(tx, data.inReplyToApId) : undefined) ??
      (attachTo ? await this.replyTarget(tx, attachTo) : undefined);
    if (!target) throw repliesToNothing();
    const { event, parent } = target;
    const organizers = await eventOrganizerIds(tx, event);
    const viewer: CommentViewer = { userId: null, actorIds: [author.id], organizer: organizers.includes(author.id) };
    if (!canSeeEventComments(viewer, event)) throw repliesToNothing();
    if (parent && !canSeeComment(viewer, parent)) throw repliesToNothing();
    if (!canComment(viewer, event)) {
      throw new DomainError('forbidden', 'Comments are closed on this event', { field: 'eventId' });
    }
    const held = visibilityOfNewComment(viewer, event) === 'moderated';
    const publishedAt = data.publishedAt ?? new Date();
    const [comment] = await tx.db
      .insert(comments)
      .values({
        uuid: await this.freeUuid(tx, data.uuid),
        apId: data.apId,
        url: data.url,
        local: false,
        text,
        language: data.language,
        // Not addressed to the public stays between its author and the organizers (ADR 19).
        visibility: data.visibility === 'private' ? 'private' : held ? 'moderated' : data.visibility,
        actorId: author.id,
        eventId: event.id,
        originCommentId: parent ? (parent.originCommentId ?? parent.id) : null,
        inReplyToId: parent?.id ?? null,
        isAnnouncement: data.isAnnouncement && viewer.organizer,
        publishedAt,
        updatedAt: data.updatedAt ?? publishedAt
      })
      .onConflictDoNothing()
      .returning();
    if (!comment) {
      // The same comment, received twice at once: the other delivery stored it.
      const [stored] = await tx.db.select().from(comments).where(eq(comments.apId, data.apId));
      if (!stored) throw new Error('remote comment not stored');
      return { outcome: 'unchanged', comment: stored };
    }
    await this.deps.events.record(tx, 'CommentCreated', { commentId: comment.id });
    return { outcome: 'created', comment };
  }

  private replyTarget(tx: Transaction, apId: string): Promise<ReplyTarget | undefined> {
    return findReplyTarget(tx.db, this.deps.config.publicUrl, apId);
  }

  private async freeUuid(tx: Transaction, wanted: string | null): Promise<string> {
    if (wanted) {
      const [taken] = await tx.db.select({ id: comments.id }).from(comments).where(eq(comments.uuid, wanted));
      if (!taken) return wanted;
    }
    return randomUUID();
  }

  /**
   * A comment removed on another server, by its author or by an organizer of its event: it becomes
   * a tombstone here. Undefined when no comment here has this id.
   */
  async remove(apId: string, sender: Actor): Promise<Comment | undefined> {
    return transaction(this.deps.pool, async (tx) => {
      const [comment] = await tx.db.select().from(comments).where(eq(comments.apId, apId)).for('update');
      if (!comment) return undefined;
      if (comment.deletedAt) return comment;
      const [event] = comment.eventId ? await tx.db.select().from(events).where(eq(events.id, comment.eventId)) : [];
      const organizers = event ? await eventOrganizerIds(tx, event) : [];
      if (!canDeleteCommentRemotely(sender, comment, organizers)) {
        throw new DomainError('forbidden', 'Only its author or the event’s organizers may delete this comment');
      }
      return tombstoneComment(this.deps, tx, comment, sender.id);
    });
  }
}
