import { bigint, boolean, index, integer, pgEnum, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { actors } from './actors.ts';
import { users } from './accounts.ts';

export const notificationDelay = pgEnum('notification_delay', ['none', 'direct', 'one_hour', 'one_day', 'one_week']);

/** One row per user, created with Mobilizon's defaults the first time the settings are read or written. */
export const userSettings = pgTable('user_settings', {
  userId: bigint('user_id', { mode: 'number' })
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  timezone: text('timezone'),
  notificationOnDay: boolean('notification_on_day').notNull().default(true),
  notificationEachWeek: boolean('notification_each_week').notNull().default(false),
  notificationBeforeEvent: boolean('notification_before_event').notNull().default(false),
  notificationPendingParticipation: notificationDelay('notification_pending_participation')
    .notNull()
    .default('one_day'),
  notificationPendingMembership: notificationDelay('notification_pending_membership').notNull().default('one_day'),
  groupNotifications: notificationDelay('group_notifications').notNull().default('one_day'),
  locationName: text('location_name'),
  locationRange: integer('location_range'),
  locationGeohash: text('location_geohash'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});

export type UserSettings = typeof userSettings.$inferSelect;
export type NotificationDelay = (typeof notificationDelay.enumValues)[number];

/** Private calendar feed tokens: the token is the capability, so it is kept to rebuild the feed URL. */
export const feedTokens = pgTable(
  'feed_tokens',
  {
    token: text('token').primaryKey(),
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** A feed of one profile's events; null for a feed of every profile of the account. */
    actorId: bigint('actor_id', { mode: 'number' }).references(() => actors.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
  },
  (t) => [index('feed_tokens_user_idx').on(t.userId), index('feed_tokens_actor_idx').on(t.actorId)]
);

/** Mobilizon's per-activity notification switches (key such as `event_created`, method `email` or `push`). */
export const activitySettings = pgTable(
  'activity_settings',
  {
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    method: text('method').notNull(),
    enabled: boolean('enabled').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
  },
  (t) => [primaryKey({ columns: [t.userId, t.key, t.method] })]
);

export type FeedToken = typeof feedTokens.$inferSelect;
export type ActivitySetting = typeof activitySettings.$inferSelect;
