import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  type AnyPgColumn
} from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { addresses } from './events.ts';
import { media } from './media.ts';

export const actorType = pgEnum('actor_type', ['Person', 'Group', 'Application']);
export const actorVisibility = pgEnum('actor_visibility', ['public', 'unlisted', 'private']);
/** How people become members of a group: invited only, by request approved by a moderator, or freely. */
export const groupOpenness = pgEnum('group_openness', ['invite_only', 'moderated', 'open']);

/** Profiles, groups and the instance actor, local (domain null) or remote. */
export const actors = pgTable(
  'actors',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    type: actorType('type').notNull(),
    preferredUsername: text('preferred_username').notNull(),
    /** null for local actors */
    domain: text('domain'),
    name: text('name'),
    summary: text('summary'),
    apId: text('ap_id').notNull(),
    url: text('url'),
    inboxUrl: text('inbox_url'),
    sharedInboxUrl: text('shared_inbox_url'),
    outboxUrl: text('outbox_url'),
    followersUrl: text('followers_url'),
    followingUrl: text('following_url'),
    userId: bigint('user_id', { mode: 'number' }).references(() => users.id, { onDelete: 'set null' }),
    publicKeyPem: text('public_key_pem'),
    privateKeyPem: text('private_key_pem'),
    visibility: actorVisibility('visibility').notNull().default('public'),
    avatarId: bigint('avatar_id', { mode: 'number' }).references((): AnyPgColumn => media.id, { onDelete: 'set null' }),
    bannerId: bigint('banner_id', { mode: 'number' }).references((): AnyPgColumn => media.id, { onDelete: 'set null' }),
    manuallyApprovesFollowers: boolean('manually_approves_followers').notNull().default(false),
    /** Groups only. */
    openness: groupOpenness('openness').notNull().default('invite_only'),
    physicalAddressId: bigint('physical_address_id', { mode: 'number' }).references((): AnyPgColumn => addresses.id, {
      onDelete: 'set null'
    }),
    /** A group's collections (Mobilizon's dialect); stored as the remote group announces them. */
    membersUrl: text('members_url'),
    resourcesUrl: text('resources_url'),
    postsUrl: text('posts_url'),
    eventsUrl: text('events_url'),
    todosUrl: text('todos_url'),
    discussionsUrl: text('discussions_url'),
    /** What a remote group says of its size (local groups count their rows). */
    memberCount: integer('member_count'),
    suspended: boolean('suspended').notNull().default(false),
    lastRefreshedAt: timestamp('last_refreshed_at', { withTimezone: true }),
    /** A deleted local profile stays as a tombstone (its id and username are never reused). */
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
  },
  (t) => [
    uniqueIndex('actors_ap_id_idx').on(t.apId),
    uniqueIndex('actors_username_domain_idx').on(sql`lower(${t.preferredUsername})`, sql`coalesce(${t.domain}, '')`),
    index('actors_user_id_idx').on(t.userId),
    index('actors_domain_idx').on(t.domain)
  ]
);

/** Who follows whom. Pending until the target accepts. */
export const follows = pgTable(
  'follows',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    followerId: bigint('follower_id', { mode: 'number' })
      .notNull()
      .references(() => actors.id, { onDelete: 'cascade' }),
    targetId: bigint('target_id', { mode: 'number' })
      .notNull()
      .references(() => actors.id, { onDelete: 'cascade' }),
    apId: text('ap_id').notNull(),
    approved: boolean('approved').notNull().default(false),
    /** Whether the follower wants to hear of the target's new events (Mobilizon's `notify`). */
    notify: boolean('notify').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
  },
  (t) => [
    uniqueIndex('follows_pair_idx').on(t.followerId, t.targetId),
    uniqueIndex('follows_ap_id_idx').on(t.apId),
    index('follows_target_idx').on(t.targetId)
  ]
);

export type Actor = typeof actors.$inferSelect;
export type Follow = typeof follows.$inferSelect;
