import type pg from 'pg';
import type { ClaimedDelivery } from './claim.ts';
import type { Decision } from './outcome.ts';
import type { PostOutcome } from './post.ts';

const errorOf = (outcome: PostOutcome) => (outcome.kind === 'delivered' ? null : outcome.error.slice(0, 500));
const statusOf = (outcome: PostOutcome) => (outcome.kind === 'network' ? null : outcome.status || null);

/** Writes what became of a delivery; a final failure is also kept in `delivery_failures` for admins. */
export async function settleDelivery(
  pool: pg.Pool,
  delivery: ClaimedDelivery,
  outcome: PostOutcome,
  decision: Decision
): Promise<void> {
  if (decision.state === 'pending') {
    await pool.query(
      `update deliveries
       set lease_until = null, next_attempt_at = now() + make_interval(secs => $2),
           last_status = $3, last_error = $4, updated_at = now()
       where id = $1`,
      [delivery.id, decision.delaySeconds, statusOf(outcome), errorOf(outcome)]
    );
    return;
  }
  await pool.query(
    `update deliveries
     set state = $2, lease_until = null, last_status = $3, last_error = $4, updated_at = now()
     where id = $1`,
    [delivery.id, decision.state, statusOf(outcome), errorOf(outcome)]
  );
  if (decision.state === 'failed') {
    await pool.query(
      `insert into delivery_failures (inbox_url, activity_id, activity_type, status_code, reason)
       values ($1, $2, $3, $4, $5)`,
      [delivery.inboxUrl, delivery.activityApId, delivery.activityType, statusOf(outcome), decision.reason]
    );
  }
}

/** The inbox is gone for good: nothing else queued for it will be sent. */
export async function abandonInbox(pool: pg.Pool, inboxUrl: string): Promise<void> {
  await pool.query(
    `update deliveries set state = 'failed', lease_until = null, last_error = 'inbox gone', updated_at = now()
     where inbox_url = $1 and state = 'pending' and (lease_until is null or lease_until < now())`,
    [inboxUrl]
  );
}
