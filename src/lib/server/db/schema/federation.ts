import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  type AnyPgColumn
} from 'drizzle-orm/pg-core';
import { actors } from './actors.ts';
import { events } from './events.ts';

/**
 * Other servers this one knows of, by host (with the port when it is not the default): what they
 * run (from NodeInfo), their instance actor, and whether an administrator blocked them.
 */
export const instances = pgTable(
  'instances',
  {
    domain: text('domain').primaryKey(),
    software: text('software'),
    softwareVersion: text('software_version'),
    name: text('name'),
    description: text('description'),
    /** Their instance actor (Mobilizon's relay), when they have one. */
    relayActorId: bigint('relay_actor_id', { mode: 'number' }).references((): AnyPgColumn => actors.id, {
      onDelete: 'set null'
    }),
    nodeinfoFetchedAt: timestamp('nodeinfo_fetched_at', { withTimezone: true }),
    /** Blocked: nothing is delivered to it and nothing from it is accepted. */
    blockedAt: timestamp('blocked_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
  },
  (t) => [index('instances_blocked_idx').on(t.blockedAt)]
);

/**
 * An actor shared (`Announce`d) an object: relays we follow announce their instance's public events,
 * groups announce their members' content. Remote events reach local lists through these.
 */
export const shares = pgTable(
  'shares',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    announcerId: bigint('announcer_id', { mode: 'number' })
      .notNull()
      .references(() => actors.id, { onDelete: 'cascade' }),
    objectApId: text('object_ap_id').notNull(),
    eventId: bigint('event_id', { mode: 'number' }).references(() => events.id, { onDelete: 'cascade' }),
    /** The Announce activity's id, when it had one. */
    apId: text('ap_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
  },
  (t) => [
    uniqueIndex('shares_announcer_object_idx').on(t.announcerId, t.objectApId),
    index('shares_event_idx').on(t.eventId),
    index('shares_object_idx').on(t.objectApId)
  ]
);

/**
 * Objects that are gone, by ActivityPub id: our deleted events answer 410 with a Tombstone, and a
 * remote object deleted before its Create arrived is never brought back by it.
 */
export const tombstones = pgTable(
  'tombstones',
  {
    apId: text('ap_id').primaryKey(),
    formerType: text('former_type').notNull(),
    /** Who deleted it, when known. */
    actorId: bigint('actor_id', { mode: 'number' }).references(() => actors.id, { onDelete: 'set null' }),
    deletedAt: timestamp('deleted_at', { withTimezone: true }).notNull().defaultNow()
  },
  (t) => [index('tombstones_deleted_idx').on(t.deletedAt)]
);

/**
 * Inbound activities already applied, by id: a replay (the same activity again, even days later)
 * changes nothing. Kept for 90 days, longer than any sender retries.
 */
export const inboundActivities = pgTable(
  'inbound_activities',
  {
    apId: text('ap_id').primaryKey(),
    type: text('type').notNull(),
    actorApId: text('actor_ap_id'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow()
  },
  (t) => [index('inbound_activities_received_idx').on(t.receivedAt)]
);

/** Deliveries given up on (404/410 from the inbox, or a host unreachable past the retry window). */
export const deliveryFailures = pgTable(
  'delivery_failures',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    inboxUrl: text('inbox_url').notNull(),
    activityId: text('activity_id'),
    activityType: text('activity_type'),
    statusCode: integer('status_code'),
    /**
     * `http` (404/410, or another refusal tried three times), `expired` (still failing past the
     * give-up window), `refused` (an address not sent to) or `blocked` (the instance was blocked).
     */
    reason: text('reason').notNull(),
    failedAt: timestamp('failed_at', { withTimezone: true }).notNull().defaultNow()
  },
  (t) => [index('delivery_failures_failed_idx').on(t.failedAt), index('delivery_failures_inbox_idx').on(t.inboxUrl)]
);

/**
 * Activities we send, each stored once with the exact JSON that goes out; deliveries point at it.
 * Also what the actors' outbox collections list.
 */
export const outboxActivities = pgTable(
  'outbox_activities',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    apId: text('ap_id').notNull(),
    type: text('type').notNull(),
    /** The local actor whose key signs the deliveries. */
    actorId: bigint('actor_id', { mode: 'number' })
      .notNull()
      .references(() => actors.id, { onDelete: 'cascade' }),
    json: jsonb('json').$type<Record<string, unknown>>().notNull(),
    /** Addressed to the public: listed in the actor's outbox collection. */
    public: boolean('public').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
  },
  (t) => [
    uniqueIndex('outbox_activities_ap_id_idx').on(t.apId),
    index('outbox_activities_actor_idx').on(t.actorId, t.createdAt)
  ]
);

export const deliveryState = pgEnum('delivery_state', ['pending', 'delivered', 'failed']);

/**
 * One activity to one inbox (a shared inbox when the recipient has one), retried with backoff until
 * it is delivered or given up. A worker takes a delivery by stamping a lease; a worker that dies
 * leaves the lease to expire and another takes it over.
 */
export const deliveries = pgTable(
  'deliveries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    activityId: bigint('activity_id', { mode: 'number' })
      .notNull()
      .references(() => outboxActivities.id, { onDelete: 'cascade' }),
    inboxUrl: text('inbox_url').notNull(),
    /** The inbox's host (with its port), for the circuit breaker and per-host limits. */
    host: text('host').notNull(),
    /** Deliveries of one key reach each inbox in the order they were queued (an object's id). */
    orderingKey: text('ordering_key'),
    state: deliveryState('state').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    lastStatus: integer('last_status'),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
  },
  (t) => [
    uniqueIndex('deliveries_activity_inbox_idx').on(t.activityId, t.inboxUrl),
    index('deliveries_due_idx')
      .on(t.nextAttemptAt)
      .where(sql`${t.state} = 'pending'`),
    index('deliveries_order_idx')
      .on(t.inboxUrl, t.orderingKey, t.id)
      .where(sql`${t.state} = 'pending'`),
    index('deliveries_host_idx').on(t.host, t.state)
  ]
);

/** Per remote host: recent delivery failures and, when it keeps failing, until when it is left alone. */
export const deliveryHosts = pgTable('delivery_hosts', {
  host: text('host').primaryKey(),
  consecutiveFailures: integer('consecutive_failures').notNull().default(0),
  /** While in the future, deliveries to this host wait (the circuit is open). */
  openUntil: timestamp('open_until', { withTimezone: true }),
  lastFailureAt: timestamp('last_failure_at', { withTimezone: true }),
  lastSuccessAt: timestamp('last_success_at', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});

export type Instance = typeof instances.$inferSelect;
export type Share = typeof shares.$inferSelect;
export type Tombstone = typeof tombstones.$inferSelect;
export type DeliveryFailure = typeof deliveryFailures.$inferSelect;
export type OutboxActivity = typeof outboxActivities.$inferSelect;
export type Delivery = typeof deliveries.$inferSelect;
export type DeliveryHost = typeof deliveryHosts.$inferSelect;
