import type { Actor } from '../../db/schema/actors.ts';
import type { Comment } from '../../db/schema/comments.ts';
import type { Event } from '../../db/schema/events.ts';
import type { DomainEventBus } from '../../jobs/domain-events.ts';
import { activityToAp } from '../converters/activity.ts';
import { commentToAp, commentTombstoneToAp } from '../converters/comment.ts';
import { PUBLIC_COLLECTION } from '../converters/context.ts';
import { commentApInput, eventOwners } from '../comment-document.ts';
import type { FederationModuleContext } from '../module-context.ts';

/**
 * Comments under events leave as Create, Update and Delete of Mobilizon's Note: a local comment's
 * signed by its author; a remote comment an organizer removed here, signed by that organizer (the
 * comment's server accepts it from the event's organizer). They go to the event's remote audience
 * and, when the event lives elsewhere, to its organizer (Mobilizon sends comments on a remote event
 * there); a comment held for moderation goes to the event's remote organizer only. One ordering
 * key per comment.
 */
export function registerCommentOutbox(bus: DomainEventBus, fed: FederationModuleContext): void {
  const { services, sender } = fed;
  const { queries } = services;

  /** A comment under an event that is shared with other servers (not a draft, not private). */
  async function underSharedEvent(commentId: number): Promise<{ comment: Comment; event: Event } | undefined> {
    const comment = await queries.comments.byId(commentId);
    // Announcements and other private conversations about an event are not its comments.
    if (!comment || comment.eventId === null || comment.conversationId !== null) return undefined;
    const event = await queries.events.byId(comment.eventId);
    if (!event || event.draft || event.visibility === 'private') return undefined;
    return { comment, event };
  }

  const isOpen = (comment: Comment) => comment.visibility === 'public' || comment.visibility === 'unlisted';

  async function recipientsOf(comment: Comment, event: Event, extra: readonly Actor[] = []): Promise<Actor[]> {
    const owners = (await eventOwners(services, event)).filter((a) => a.domain !== null && !a.suspended);
    const audience = isOpen(comment) ? await queries.audience.ofEvent(event, event.visibility === 'public') : [];
    const byId = new Map([...audience, ...owners, ...extra].map((a) => [a.id, a]));
    return [...byId.values()];
  }

  async function publish(comment: Comment, event: Event, type: 'Create' | 'Update') {
    if (!comment.local || comment.deletedAt) return;
    const input = await commentApInput(services, comment, event);
    const author = input?.author;
    if (!input || !author || author.domain !== null || author.deletedAt) return;
    const { '@context': _context, ...note } = commentToAp(input);
    const id = type === 'Create' ? `${comment.apId}/activity` : `${comment.apId}/update/${comment.updatedAt.getTime()}`;
    await sender.send({
      json: activityToAp(type, id, author.apId, note, { to: asList(note.to), cc: asList(note.cc) }),
      signer: author,
      recipients: await recipientsOf(comment, event),
      orderingKey: comment.apId,
      public: comment.visibility === 'public'
    });
  }

  bus.subscribe('CommentCreated', 'federate', async ({ payload }) => {
    const found = await underSharedEvent(payload.commentId);
    if (found) await publish(found.comment, found.event, 'Create');
  });

  bus.subscribe('CommentUpdated', 'federate', async ({ payload }) => {
    const found = await underSharedEvent(payload.commentId);
    if (found) await publish(found.comment, found.event, 'Update');
  });

  bus.subscribe('CommentDeleted', 'federate', async ({ payload }) => {
    const found = await underSharedEvent(payload.commentId);
    if (!found) return;
    const { comment, event } = found;
    const [author, remover] = await Promise.all([
      comment.actorId ? queries.actors.byId(comment.actorId) : undefined,
      payload.byActorId ? queries.actors.byId(payload.byActorId) : undefined
    ]);
    // Ours: its author's server says it is gone. Another server's: only an organizer of ours who
    // removed it can tell (a moderator of this instance removes it here only).
    const signer = comment.local ? author : remover;
    if (!signer || signer.domain !== null || signer.deletedAt || !signer.privateKeyPem) return;
    const extra = !comment.local && author && author.domain !== null ? [author] : [];
    const recipients = await recipientsOf(comment, event, extra);
    const to = isOpen(comment) ? [PUBLIC_COLLECTION] : recipients.map((a) => a.apId);
    await sender.send({
      json: activityToAp('Delete', `${comment.apId}/delete`, signer.apId, commentTombstoneToAp(comment), { to }),
      signer,
      recipients,
      orderingKey: comment.apId,
      public: comment.visibility === 'public'
    });
  });
}

const asList = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
