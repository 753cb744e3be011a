import { bigint, bigserial, index, pgEnum, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { actors } from './actors.ts';
import { events } from './events.ts';

export const exportFormat = pgEnum('export_format', ['csv', 'ods', 'pdf']);
export const exportStatus = pgEnum('export_status', ['pending', 'ready', 'failed']);

/**
 * A participant list exported for an event's organizers. A job writes the file under
 * $DATA_DIR/exports; it is served only to the event's organizers, and removed when it expires.
 */
export const participantExports = pgTable(
  'participant_exports',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** The file's name, random and unguessable; also the last segment of its download path. */
    fileName: text('file_name').notNull(),
    format: exportFormat('format').notNull(),
    status: exportStatus('status').notNull().default('pending'),
    eventId: bigint('event_id', { mode: 'number' })
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    requestedById: bigint('requested_by_id', { mode: 'number' }).references(() => actors.id, {
      onDelete: 'set null'
    }),
    roles: text('roles').array().notNull().default([]),
    error: text('error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull()
  },
  (t) => [
    uniqueIndex('participant_exports_file_idx').on(t.fileName),
    index('participant_exports_event_idx').on(t.eventId),
    index('participant_exports_expires_idx').on(t.expiresAt)
  ]
);

export type ParticipantExport = typeof participantExports.$inferSelect;
