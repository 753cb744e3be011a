import {
  bigint,
  bigserial,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid
} from 'drizzle-orm/pg-core';
import { actors } from './actors.ts';

export const eventStatus = pgEnum('event_status', ['tentative', 'confirmed', 'cancelled']);
export const eventVisibility = pgEnum('event_visibility', ['public', 'unlisted', 'restricted', 'private']);
export const eventJoinOptions = pgEnum('event_join_options', ['free', 'restricted', 'invite', 'external']);

export const addresses = pgTable(
  'addresses',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    description: text('description'),
    street: text('street'),
    locality: text('locality'),
    postalCode: text('postal_code'),
    region: text('region'),
    country: text('country'),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    timezone: text('timezone'),
    originId: text('origin_id'),
    url: text('url'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
  },
  (t) => [uniqueIndex('addresses_url_idx').on(t.url)]
);

/** Free-form event options, stored as Mobilizon's EventOptions shape. */
export interface EventOptionsData {
  maximumAttendeeCapacity?: number;
  remainingAttendeeCapacity?: number;
  showRemainingAttendeeCapacity?: boolean;
  anonymousParticipation?: boolean;
  hideOrganizerWhenGroupEvent?: boolean;
  showStartTime?: boolean;
  showEndTime?: boolean;
  commentModeration?: 'allow_all' | 'moderated' | 'closed';
  isOnline?: boolean;
  timezone?: string;
  hideNumberOfParticipants?: boolean;
  showParticipationPrice?: boolean;
}

export const events = pgTable(
  'events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    uuid: uuid('uuid').notNull(),
    apId: text('ap_id').notNull(),
    url: text('url').notNull(),
    local: boolean('local').notNull().default(true),
    title: text('title').notNull(),
    description: text('description'),
    beginsOn: timestamp('begins_on', { withTimezone: true }).notNull(),
    endsOn: timestamp('ends_on', { withTimezone: true }),
    timezone: text('timezone'),
    status: eventStatus('status').notNull().default('confirmed'),
    visibility: eventVisibility('visibility').notNull().default('public'),
    joinOptions: eventJoinOptions('join_options').notNull().default('free'),
    externalParticipationUrl: text('external_participation_url'),
    draft: boolean('draft').notNull().default(false),
    category: text('category').notNull().default('MEETING'),
    language: text('language').notNull().default('und'),
    onlineAddress: text('online_address'),
    phoneAddress: text('phone_address'),
    physicalAddressId: bigint('physical_address_id', { mode: 'number' }).references(() => addresses.id, {
      onDelete: 'set null'
    }),
    organizerActorId: bigint('organizer_actor_id', { mode: 'number' })
      .notNull()
      .references(() => actors.id, { onDelete: 'cascade' }),
    attributedToId: bigint('attributed_to_id', { mode: 'number' }).references(() => actors.id, {
      onDelete: 'set null'
    }),
    options: jsonb('options').$type<EventOptionsData>().notNull().default({}),
    participantCount: integer('participant_count').notNull().default(0),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
  },
  (t) => [
    uniqueIndex('events_uuid_idx').on(t.uuid),
    uniqueIndex('events_ap_id_idx').on(t.apId),
    index('events_organizer_idx').on(t.organizerActorId),
    index('events_begins_on_idx').on(t.beginsOn)
  ]
);

export type Event = typeof events.$inferSelect;
export type Address = typeof addresses.$inferSelect;
