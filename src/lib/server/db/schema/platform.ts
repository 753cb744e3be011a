import { bigserial, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Every domain event, written in the transaction that caused it; jobs react to them. */
export const domainEvents = pgTable(
  'domain_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    type: text('type').notNull(),
    payload: jsonb('payload').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow()
  },
  (t) => [index('domain_events_type_idx').on(t.type, t.occurredAt)]
);

/** Fedify's key-value store. Keys are arrays of strings, so prefixes can be listed. */
export const federationKv = pgTable(
  'federation_kv',
  {
    key: text('key').array().primaryKey(),
    value: jsonb('value').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true })
  },
  (t) => [index('federation_kv_expires_idx').on(t.expiresAt)]
);

/** Instance-wide secrets and settings that must survive restarts (the JWT secret, for one). */
export const instanceSettings = pgTable('instance_settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});

/** Fixed-window counters for rate limits, shared by every process (key: what is limited and who). */
export const rateLimits = pgTable(
  'rate_limits',
  {
    key: text('key').primaryKey(),
    hits: integer('hits').notNull(),
    resetAt: timestamp('reset_at', { withTimezone: true }).notNull()
  },
  (t) => [index('rate_limits_reset_idx').on(t.resetAt)]
);
