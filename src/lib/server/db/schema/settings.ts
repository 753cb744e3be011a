import { bigint, boolean, integer, pgEnum, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
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
