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
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid
} from 'drizzle-orm/pg-core';
import { actors } from './actors.ts';
import { media } from './media.ts';

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

/** One of Mobilizon's metadata entries (accessibility, live stream, social links…), in its shape. */
export interface EventMetadataEntry {
  key: string;
  title?: string | null;
  value: string;
  type: 'STRING' | 'INTEGER' | 'BOOLEAN';
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
    metadata: jsonb('metadata').$type<EventMetadataEntry[]>().notNull().default([]),
    pictureId: bigint('picture_id', { mode: 'number' }).references(() => media.id, { onDelete: 'set null' }),
    participantCount: integer('participant_count').notNull().default(0),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
  },
  (t) => [
    uniqueIndex('events_uuid_idx').on(t.uuid),
    uniqueIndex('events_ap_id_idx').on(t.apId),
    index('events_organizer_idx').on(t.organizerActorId),
    index('events_attributed_to_idx').on(t.attributedToId, t.beginsOn),
    index('events_begins_on_idx').on(t.beginsOn),
    index('events_picture_idx').on(t.pictureId)
  ]
);

/** Tags are shared by all events; the slug is the key (lower case, accents kept out). */
export const tags = pgTable(
  'tags',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    title: text('title').notNull(),
    slug: text('slug').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
  },
  // The pattern index serves prefix searches (`slug LIKE 'cli%'`) whatever the database's collation.
  (t) => [uniqueIndex('tags_slug_idx').on(t.slug), index('tags_slug_pattern_idx').on(t.slug.op('text_pattern_ops'))]
);

export const eventTags = pgTable(
  'event_tags',
  {
    eventId: bigint('event_id', { mode: 'number' })
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    tagId: bigint('tag_id', { mode: 'number' })
      .notNull()
      .references(() => tags.id, { onDelete: 'cascade' })
  },
  (t) => [primaryKey({ columns: [t.eventId, t.tagId] }), index('event_tags_tag_idx').on(t.tagId)]
);

/** The profiles shown as an event's contacts (Mobilizon's `contacts`). */
export const eventContacts = pgTable(
  'event_contacts',
  {
    eventId: bigint('event_id', { mode: 'number' })
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    actorId: bigint('actor_id', { mode: 'number' })
      .notNull()
      .references(() => actors.id, { onDelete: 'cascade' })
  },
  (t) => [primaryKey({ columns: [t.eventId, t.actorId] }), index('event_contacts_actor_idx').on(t.actorId)]
);

export type Event = typeof events.$inferSelect;
export type Tag = typeof tags.$inferSelect;
export type Address = typeof addresses.$inferSelect;
