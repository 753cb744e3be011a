import {
  bigint,
  bigserial,
  boolean,
  index,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn
} from 'drizzle-orm/pg-core';
import { actors } from './actors.ts';
import { events } from './events.ts';
import { discussions } from './groups.ts';

export const commentVisibility = pgEnum('comment_visibility', ['public', 'unlisted', 'private', 'moderated', 'invite']);

/**
 * A private exchange about an event: the organizer's announcements to participants live here, with
 * their comments (Mobilizon's conversations).
 */
export const conversations = pgTable(
  'conversations',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    eventId: bigint('event_id', { mode: 'number' }).references(() => events.id, { onDelete: 'cascade' }),
    originCommentId: bigint('origin_comment_id', { mode: 'number' }).references((): AnyPgColumn => comments.id, {
      onDelete: 'set null'
    }),
    lastCommentId: bigint('last_comment_id', { mode: 'number' }).references((): AnyPgColumn => comments.id, {
      onDelete: 'set null'
    }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
  },
  (t) => [index('conversations_event_idx').on(t.eventId)]
);

export const conversationParticipants = pgTable(
  'conversation_participants',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    conversationId: bigint('conversation_id', { mode: 'number' })
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    actorId: bigint('actor_id', { mode: 'number' })
      .notNull()
      .references(() => actors.id, { onDelete: 'cascade' }),
    unread: boolean('unread').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
  },
  (t) => [
    uniqueIndex('conversation_participants_idx').on(t.conversationId, t.actorId),
    index('conversation_participants_actor_idx').on(t.actorId)
  ]
);

/**
 * Comments under an event, threaded: `originCommentId` is the thread's first comment, `inReplyToId`
 * the comment answered. A deleted comment stays as a tombstone (text gone, `deletedAt` set) so that
 * its thread keeps its shape.
 */
export const comments = pgTable(
  'comments',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    uuid: uuid('uuid').notNull(),
    apId: text('ap_id').notNull(),
    url: text('url').notNull(),
    local: boolean('local').notNull().default(true),
    text: text('text'),
    language: text('language').notNull().default('und'),
    visibility: commentVisibility('visibility').notNull().default('public'),
    actorId: bigint('actor_id', { mode: 'number' }).references(() => actors.id, { onDelete: 'set null' }),
    eventId: bigint('event_id', { mode: 'number' }).references(() => events.id, { onDelete: 'cascade' }),
    conversationId: bigint('conversation_id', { mode: 'number' }).references((): AnyPgColumn => conversations.id, {
      onDelete: 'cascade'
    }),
    originCommentId: bigint('origin_comment_id', { mode: 'number' }).references((): AnyPgColumn => comments.id, {
      onDelete: 'cascade'
    }),
    /** Set for the messages of a group discussion (which have no event). */
    discussionId: bigint('discussion_id', { mode: 'number' }).references((): AnyPgColumn => discussions.id, {
      onDelete: 'cascade'
    }),
    inReplyToId: bigint('in_reply_to_id', { mode: 'number' }).references((): AnyPgColumn => comments.id, {
      onDelete: 'set null'
    }),
    isAnnouncement: boolean('is_announcement').notNull().default(false),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
  },
  (t) => [
    uniqueIndex('comments_uuid_idx').on(t.uuid),
    uniqueIndex('comments_ap_id_idx').on(t.apId),
    index('comments_event_thread_idx').on(t.eventId, t.originCommentId, t.publishedAt),
    index('comments_origin_idx').on(t.originCommentId, t.publishedAt),
    index('comments_conversation_idx').on(t.conversationId, t.publishedAt),
    index('comments_actor_idx').on(t.actorId),
    index('comments_discussion_idx').on(t.discussionId, t.publishedAt)
  ]
);

export type Comment = typeof comments.$inferSelect;
export type Conversation = typeof conversations.$inferSelect;
