import { and, eq, inArray, isNull } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { DomainError } from '../../core/errors.ts';
import { sanitizeRichText } from '../../core/sanitize.ts';
import { parseInput } from '../../core/validation.ts';
import { actors } from '../../db/schema/actors.ts';
import { comments, conversationParticipants, conversations } from '../../db/schema/comments.ts';
import { events } from '../../db/schema/events.ts';
import { participants, type ParticipantRole } from '../../db/schema/participants.ts';
import { transaction } from '../../db/transaction.ts';
import type { ServiceDeps } from '../deps.ts';
import { announcementInput, type AnnouncementInput } from './conversations.inputs.ts';
import type { ConversationView } from './conversations.queries.ts';

const ORGANIZER_ROLES: readonly ParticipantRole[] = ['creator', 'administrator', 'moderator'];
export const DEFAULT_ANNOUNCEMENT_ROLES: readonly ParticipantRole[] = ['participant'];

/** Text with every tag removed: whether sanitized rich text says anything at all. */
const isBlank = (html: string) =>
  html
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;|\s/g, '')
    .trim() === '';

/**
 * Organizers' announcements to their participants: each one starts a private conversation whose
 * first comment is the announcement; the mails leave from a job (`EventAnnouncementSent`).
 */
export class ConversationsService {
  private readonly deps: ServiceDeps;
  constructor(deps: ServiceDeps) {
    this.deps = deps;
  }

  async sendAnnouncement(userId: number, raw: AnnouncementInput): Promise<ConversationView> {
    const input = parseInput(announcementInput, raw);
    const text = sanitizeRichText(input.text, this.deps.config.publicUrl);
    if (isBlank(text)) throw new DomainError('validation', 'The message is empty', { field: 'text' });
    const roles = input.roles.length > 0 ? [...new Set(input.roles)] : [...DEFAULT_ANNOUNCEMENT_ROLES];

    return transaction(this.deps.pool, async (tx) => {
      const [sender] = await tx.db
        .select({ role: participants.role })
        .from(participants)
        .innerJoin(actors, eq(actors.id, participants.actorId))
        .where(
          and(
            eq(participants.eventId, input.eventId),
            eq(participants.actorId, input.actorId),
            eq(actors.userId, userId),
            isNull(actors.domain),
            isNull(actors.deletedAt),
            inArray(participants.role, [...ORGANIZER_ROLES])
          )
        );
      const [event] = sender ? await tx.db.select().from(events).where(eq(events.id, input.eventId)) : [];
      if (!sender || !event) {
        throw new DomainError('forbidden', 'Only the event’s organizers may write to its participants', {
          field: 'actorId'
        });
      }
      const now = new Date();
      const [conversation] = await tx.db.insert(conversations).values({ eventId: event.id }).returning();
      if (!conversation) throw new Error('conversation not stored');
      const uuid = randomUUID();
      const url = `${this.deps.config.publicUrl}/comments/${uuid}`;
      // The event's public threads leave out comments that belong to a conversation.
      const [comment] = await tx.db
        .insert(comments)
        .values({
          uuid,
          apId: url,
          url,
          text,
          language: input.language,
          visibility: 'private',
          actorId: input.actorId,
          eventId: event.id,
          conversationId: conversation.id,
          isAnnouncement: true,
          publishedAt: now
        })
        .returning();
      if (!comment) throw new Error('announcement not stored');
      const [updated] = await tx.db
        .update(conversations)
        .set({ originCommentId: comment.id, lastCommentId: comment.id, updatedAt: now })
        .where(eq(conversations.id, conversation.id))
        .returning();
      // The sender's own copy is read; each recipient profile gets an unread one.
      const [own] = await tx.db
        .insert(conversationParticipants)
        .values({ conversationId: conversation.id, actorId: input.actorId, unread: false })
        .returning();
      const recipients = await tx.db
        .selectDistinct({ actorId: participants.actorId })
        .from(participants)
        .where(and(eq(participants.eventId, event.id), inArray(participants.role, roles)));
      if (recipients.length > 0) {
        await tx.db
          .insert(conversationParticipants)
          .values(recipients.map((r) => ({ conversationId: conversation.id, actorId: r.actorId, unread: true })))
          .onConflictDoNothing();
      }
      await this.deps.events.record(tx, 'EventAnnouncementSent', { commentId: comment.id, roles });
      return {
        ...(updated ?? conversation),
        viewerActorId: input.actorId,
        viewerParticipantId: own?.id ?? null,
        unread: false
      };
    });
  }
}
