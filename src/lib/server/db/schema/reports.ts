import {
  bigint,
  bigserial,
  boolean,
  index,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid
} from 'drizzle-orm/pg-core';
import { actors } from './actors.ts';
import { comments } from './comments.ts';
import { events } from './events.ts';

export const reportStatus = pgEnum('report_status', ['open', 'closed', 'resolved']);

/**
 * A report to the moderators about a profile or group, with the events and comments concerned. Made
 * here by a local profile, or received as a `Flag` from another server (then `local` is false).
 */
export const reports = pgTable(
  'reports',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    uuid: uuid('uuid').notNull(),
    apId: text('ap_id').notNull(),
    /** Null when the reporter is gone; a received Flag is reported by the sending server's actor. */
    reporterId: bigint('reporter_id', { mode: 'number' }).references(() => actors.id, { onDelete: 'set null' }),
    reportedId: bigint('reported_id', { mode: 'number' })
      .notNull()
      .references(() => actors.id, { onDelete: 'cascade' }),
    content: text('content'),
    status: reportStatus('status').notNull().default('open'),
    local: boolean('local').notNull().default(true),
    /** The reporter asked for a copy to go to the reported profile's server. */
    forward: boolean('forward').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
  },
  (t) => [
    uniqueIndex('reports_ap_id_idx').on(t.apId),
    uniqueIndex('reports_uuid_idx').on(t.uuid),
    index('reports_status_idx').on(t.status, t.createdAt),
    index('reports_reported_idx').on(t.reportedId)
  ]
);

export const reportEvents = pgTable(
  'report_events',
  {
    reportId: bigint('report_id', { mode: 'number' })
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    eventId: bigint('event_id', { mode: 'number' })
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' })
  },
  (t) => [primaryKey({ columns: [t.reportId, t.eventId] }), index('report_events_event_idx').on(t.eventId)]
);

export const reportComments = pgTable(
  'report_comments',
  {
    reportId: bigint('report_id', { mode: 'number' })
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    commentId: bigint('comment_id', { mode: 'number' })
      .notNull()
      .references(() => comments.id, { onDelete: 'cascade' })
  },
  (t) => [primaryKey({ columns: [t.reportId, t.commentId] }), index('report_comments_comment_idx').on(t.commentId)]
);

/** Moderators' notes on a report, seen by moderators only. */
export const reportNotes = pgTable(
  'report_notes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    reportId: bigint('report_id', { mode: 'number' })
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    moderatorId: bigint('moderator_id', { mode: 'number' }).references(() => actors.id, { onDelete: 'set null' }),
    content: text('content').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
  },
  (t) => [index('report_notes_report_idx').on(t.reportId, t.createdAt)]
);

export type Report = typeof reports.$inferSelect;
export type ReportNote = typeof reportNotes.$inferSelect;
export type ReportStatus = (typeof reportStatus.enumValues)[number];
