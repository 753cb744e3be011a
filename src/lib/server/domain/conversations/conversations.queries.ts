import { and, asc, count, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { users } from '../../db/schema/accounts.ts';
import { actors, type Actor } from '../../db/schema/actors.ts';
import {
  comments,
  conversationParticipants,
  conversations,
  type Comment,
  type Conversation
} from '../../db/schema/comments.ts';
import { events, type Event } from '../../db/schema/events.ts';
import { participants, type ParticipantRole } from '../../db/schema/participants.ts';

/** A conversation as one of its participants sees it (their row: read or not). */
export interface ConversationView extends Conversation {
  viewerActorId: number | null;
  viewerParticipantId: number | null;
  unread: boolean;
}

/** A participation an announcement is mailed to (its address is read when the mail leaves). */
export interface AnnouncementRecipient {
  participantId: number;
}

export interface Announcement {
  comment: Comment;
  event: Event;
  sender: Actor | undefined;
}

export const MAX_CONVERSATIONS_PAGE = 100;

export class ConversationsQueries {
  private readonly db: Database;
  constructor(db: Database) {
    this.db = db;
  }

  /**
   * An event's conversations, newest activity first, each seen by the profile that started it
   * (the organizer who wrote the announcement).
   */
  async ofEvent(eventId: number, page: { page: number; limit: number }) {
    const limit = Math.min(Math.max(page.limit, 1), MAX_CONVERSATIONS_PAGE);
    const offset = (Math.max(page.page, 1) - 1) * limit;
    const where = eq(conversations.eventId, eventId);
    const [rows, [total]] = await Promise.all([
      this.db
        .select({ conversation: conversations, author: comments.actorId, own: conversationParticipants })
        .from(conversations)
        .leftJoin(comments, eq(comments.id, conversations.originCommentId))
        .leftJoin(
          conversationParticipants,
          and(
            eq(conversationParticipants.conversationId, conversations.id),
            eq(conversationParticipants.actorId, comments.actorId)
          )
        )
        .where(where)
        .orderBy(desc(conversations.updatedAt), desc(conversations.id))
        .limit(limit)
        .offset(offset),
      this.db.select({ n: count() }).from(conversations).where(where)
    ]);
    const elements: ConversationView[] = rows.map((r) => ({
      ...r.conversation,
      viewerActorId: r.author,
      viewerParticipantId: r.own?.id ?? null,
      unread: r.own?.unread ?? false
    }));
    return { total: total?.n ?? 0, elements };
  }

  /**
   * The conversations these profiles take part in (announcements they received or sent), newest
   * activity first, each seen through one of their rows (read or not).
   */
  async ofActors(actorIds: readonly number[], page: { page: number; limit: number }) {
    if (actorIds.length === 0) return { total: 0, elements: [] as ConversationView[] };
    const limit = Math.min(Math.max(page.limit, 1), MAX_CONVERSATIONS_PAGE);
    const offset = (Math.max(page.page, 1) - 1) * limit;
    const mine = inArray(conversationParticipants.actorId, [...actorIds]);
    const [rows, [total]] = await Promise.all([
      this.db
        .selectDistinctOn([conversations.updatedAt, conversations.id], {
          conversation: conversations,
          own: conversationParticipants
        })
        .from(conversationParticipants)
        .innerJoin(conversations, eq(conversations.id, conversationParticipants.conversationId))
        .where(mine)
        .orderBy(desc(conversations.updatedAt), desc(conversations.id), asc(conversationParticipants.id))
        .limit(limit)
        .offset(offset),
      this.db
        .select({ n: sql<number>`count(distinct ${conversationParticipants.conversationId})::int` })
        .from(conversationParticipants)
        .where(mine)
    ]);
    const elements: ConversationView[] = rows.map((r) => ({
      ...r.conversation,
      viewerActorId: r.own.actorId,
      viewerParticipantId: r.own.id,
      unread: r.own.unread
    }));
    return { total: total?.n ?? 0, elements };
  }

  /** Conversations by id, for loaders (callers decide who may see them). */
  byIds(ids: readonly number[]): Promise<Conversation[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db
      .select()
      .from(conversations)
      .where(inArray(conversations.id, [...ids]));
  }

  /** The profiles in each conversation, oldest first, by conversation id (one query for a page). */
  async participantIds(conversationIds: readonly number[]): Promise<Map<number, number[]>> {
    const byConversation = new Map<number, number[]>(conversationIds.map((id) => [id, []]));
    if (conversationIds.length === 0) return byConversation;
    const rows = await this.db
      .select({ conversationId: conversationParticipants.conversationId, actorId: conversationParticipants.actorId })
      .from(conversationParticipants)
      .where(inArray(conversationParticipants.conversationId, [...conversationIds]))
      .orderBy(asc(conversationParticipants.id));
    for (const row of rows) byConversation.get(row.conversationId)?.push(row.actorId);
    return byConversation;
  }

  /** An announcement still to be mailed: its text, its event and its author (none once deleted). */
  async announcement(commentId: number): Promise<Announcement | undefined> {
    const [found] = await this.db
      .select({ comment: comments, event: events, sender: actors })
      .from(comments)
      .innerJoin(conversations, eq(conversations.id, comments.conversationId))
      .innerJoin(events, eq(events.id, conversations.eventId))
      .leftJoin(actors, eq(actors.id, comments.actorId))
      .where(and(eq(comments.id, commentId), isNotNull(comments.text)));
    return found ? { comment: found.comment, event: found.event, sender: found.sender ?? undefined } : undefined;
  }

  /**
   * Who gets an announcement: one participation per address among the event's participants with
   * these roles — the account's address for a local profile, the one given for an anonymous one.
   */
  async announcementRecipients(eventId: number, roles: readonly ParticipantRole[]): Promise<AnnouncementRecipient[]> {
    if (roles.length === 0) return [];
    const rows = await this.db
      .select({
        participantId: participants.id,
        address: sql<
          string | null
        >`coalesce(${participants.metadata} ->> 'email', case when ${users.disabled} then null else ${users.email} end)`
      })
      .from(participants)
      .innerJoin(actors, eq(actors.id, participants.actorId))
      .leftJoin(users, eq(users.id, actors.userId))
      .where(and(eq(participants.eventId, eventId), inArray(participants.role, [...roles])))
      .orderBy(asc(participants.id));
    const seen = new Set<string>();
    const recipients: AnnouncementRecipient[] = [];
    for (const row of rows) {
      if (!row.address || seen.has(row.address.toLowerCase())) continue;
      seen.add(row.address.toLowerCase());
      recipients.push({ participantId: row.participantId });
    }
    return recipients;
  }
}
