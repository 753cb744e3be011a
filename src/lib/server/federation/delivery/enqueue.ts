import type pg from 'pg';
import type { Actor } from '../../db/schema/actors.ts';
import { inboxesFor, inboxOf } from './inboxes.ts';
import type { ActivitySender, OutgoingActivity } from './types.ts';

/** The recipients' servers and the hosts of their inboxes (a shared inbox may live elsewhere). */
function hostsOf(recipients: readonly Actor[]): string[] {
  const hosts = new Set<string>();
  for (const actor of recipients) {
    if (actor.domain === null) continue;
    hosts.add(actor.domain.toLowerCase());
    const inbox = inboxOf(actor);
    if (inbox && URL.canParse(inbox)) hosts.add(new URL(inbox).host);
  }
  return [...hosts];
}

/** Wakes idle delivery workers of every process when deliveries are queued. */
export const DELIVERY_CHANNEL = 'convene_deliveries';

/**
 * Queues an activity: stored once with its JSON, then one delivery row per inbox, in one
 * transaction. Idempotent: the activity is keyed by its id and each delivery by (activity, inbox),
 * so a job that sends the same activity again after a crash queues nothing twice.
 */
export class DeliveryEnqueuer implements ActivitySender {
  private readonly pool: pg.Pool;
  constructor(pool: pg.Pool) {
    this.pool = pool;
  }

  async send(activity: OutgoingActivity): Promise<{ inboxes: number }> {
    if (activity.signer.domain !== null) throw new Error('only local actors sign deliveries');
    const blocked = await this.blockedHosts(hostsOf(activity.recipients));
    const inboxes = inboxesFor(activity.recipients, blocked);
    const client = await this.pool.connect();
    try {
      await client.query('begin');
      const inserted = await client.query<{ id: string }>(
        `insert into outbox_activities (ap_id, type, actor_id, json, public)
         values ($1, $2, $3, $4, $5)
         on conflict (ap_id) do nothing
         returning id`,
        [activity.json.id, activity.json.type, activity.signer.id, activity.json, activity.public ?? false]
      );
      const activityId =
        inserted.rows[0]?.id ??
        (await client.query<{ id: string }>('select id from outbox_activities where ap_id = $1', [activity.json.id]))
          .rows[0]?.id;
      if (!activityId) throw new Error(`activity ${activity.json.id} not stored`);
      if (inboxes.length > 0) {
        await client.query(
          `insert into deliveries (activity_id, inbox_url, host, ordering_key)
           select $1, inbox, host, $4
           from unnest($2::text[], $3::text[]) as t(inbox, host)
           on conflict (activity_id, inbox_url) do nothing`,
          [activityId, inboxes, inboxes.map((inbox) => new URL(inbox).host), activity.orderingKey ?? null]
        );
        await client.query('select pg_notify($1, $2)', [DELIVERY_CHANNEL, '']);
      }
      await client.query('commit');
    } catch (error) {
      await client.query('rollback').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
    return { inboxes: inboxes.length };
  }

  private async blockedHosts(hosts: string[]): Promise<Set<string>> {
    if (hosts.length === 0) return new Set();
    const { rows } = await this.pool.query<{ domain: string }>(
      'select domain from instances where blocked_at is not null and domain = any($1::text[])',
      [hosts]
    );
    return new Set(rows.map((r) => r.domain));
  }
}
