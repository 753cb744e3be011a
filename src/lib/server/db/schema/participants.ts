import { sql } from 'drizzle-orm';
import { bigint, bigserial, index, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { actors } from './actors.ts';
import { events } from './events.ts';

export const participantRole = pgEnum('participant_role', [
  'not_approved',
  'not_confirmed',
  'participant',
  'moderator',
  'administrator',
  'creator',
  'rejected'
]);

/** Free-form participation data, Mobilizon's `metadata` (message to the organizer, anonymous email…). */
export interface ParticipantMetadata {
  message?: string;
  email?: string;
  locale?: string;
  /** An anonymous participant's time zone, for the times in their mails. */
  timezone?: string;
  /** Lets an anonymous participant leave from the link in their mails; never shown through the API. */
  cancellationToken?: string;
  /** SHA-256 of the anonymous participant's confirmation token (the token itself only goes by mail). */
  confirmationToken?: string;
  /** Why the organizer's server refused a request of ours to join its event (shown to the participant). */
  rejectionReason?: string;
}

/** Who takes part in which event, and how. The organizer's own row has the role creator. */
export const participants = pgTable(
  'participants',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    eventId: bigint('event_id', { mode: 'number' })
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    actorId: bigint('actor_id', { mode: 'number' })
      .notNull()
      .references(() => actors.id, { onDelete: 'cascade' }),
    role: participantRole('role').notNull().default('participant'),
    apId: text('ap_id').notNull(),
    metadata: jsonb('metadata').$type<ParticipantMetadata>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
  },
  (t) => [
    // Anonymous participants share the instance's anonymous profile: one row per email instead.
    uniqueIndex('participants_event_actor_idx')
      .on(t.eventId, t.actorId)
      .where(sql`(${t.metadata} ->> 'email') is null`),
    uniqueIndex('participants_event_email_idx')
      .on(t.eventId, sql`lower(${t.metadata} ->> 'email')`)
      .where(sql`(${t.metadata} ->> 'email') is not null`),
    uniqueIndex('participants_ap_id_idx').on(t.apId),
    index('participants_actor_idx').on(t.actorId, t.role)
  ]
);

export type Participant = typeof participants.$inferSelect;
export type ParticipantRole = (typeof participantRole.enumValues)[number];
