import type pg from 'pg';
import type { ClaimedDelivery } from './claim.ts';
import type { Decision } from './outcome.ts';
import type { PostOutcome } from './post.ts';

const errorOf = (outcome: PostOutcome) => (outcome.kind === 'delivered' ? null : outcome.error.slice(0, 500));
const statusOf = (outcome: PostOutcome) => (outcome.kind === 'network' ? null : outcome.status || null);

/** Closes the host's circuit in the same statement (written only when it had failed). */
const CLOSE_CIRCUIT = `closed as (
    update delivery_hosts
    set consecutive_failures = 0, open_until = null, last_success_at = now(), updated_at = now()
    where $6::boolean and host = $7 and (consecutive_failures > 0 or open_until is not null)
  )`;

/**
 * Writes what became of a delivery; a final failure is also kept in `delivery_failures` for admins.
 * Only while the lease is still this attempt's (`attempts` is its token): when it ran out and
 * another worker took the delivery over, that worker settles it. With `closeCircuit` (the inbox
 * answered 2xx) the host's circuit closes in the same round trip. Answers whether it was written.
 */
export async function settleDelivery(
  pool: pg.Pool,
  delivery: ClaimedDelivery,
  outcome: PostOutcome,
  decision: Decision,
  options: { closeCircuit?: boolean } = {}
): Promise<boolean> {
  const common = [delivery.id, delivery.attempts, statusOf(outcome), errorOf(outcome)];
  const circuit = [options.closeCircuit ?? false, delivery.host];
  if (decision.state === 'pending') {
    const { rows } = await pool.query<{ n: number }>(
      `with settled as (
         update deliveries
         set lease_until = null, next_attempt_at = now() + make_interval(secs => $5),
             last_status = $3, last_error = $4, updated_at = now()
         where id = $1 and attempts = $2 and state = 'pending'
         returning 1
       ), ${CLOSE_CIRCUIT}
       select count(*)::int as n from settled`,
      [...common, decision.delaySeconds, ...circuit]
    );
    return rows[0]?.n === 1;
  }
  // The final state and, for a failure, its record: one statement, so neither is ever without the other.
  const { rows } = await pool.query<{ n: number }>(
    `with settled as (
       update deliveries
       set state = $5, lease_until = null, last_status = $3, last_error = $4, updated_at = now()
       where id = $1 and attempts = $2 and state = 'pending'
       returning 1
     ), ${CLOSE_CIRCUIT},
     logged as (
       insert into delivery_failures (inbox_url, activity_id, activity_type, status_code, reason)
       select $8::text, $9::text, $10::text, $3::int, $11::text from settled where $5 = 'failed'
     )
     select count(*)::int as n from settled`,
    [
      ...common,
      decision.state,
      ...circuit,
      delivery.inboxUrl,
      delivery.activityApId,
      delivery.activityType,
      decision.state === 'failed' ? decision.reason : null
    ]
  );
  if (rows[0]?.n !== 1) return false;
  return true;
}

/**
 * The attempt was cut short by a shutdown: the delivery goes back to the queue at once, as if it had
 * not been tried (it may have reached the inbox; the receiver then sees the same activity id twice).
 */
export async function releaseDelivery(pool: pg.Pool, delivery: ClaimedDelivery): Promise<void> {
  await pool.query(
    `update deliveries set lease_until = null, attempts = attempts - 1, updated_at = now()
     where id = $1 and attempts = $2 and state = 'pending'`,
    [delivery.id, delivery.attempts]
  );
}

/** The inbox is gone for good: nothing else queued for it will be sent. */
export async function abandonInbox(pool: pg.Pool, inboxUrl: string): Promise<void> {
  await pool.query(
    `update deliveries set state = 'failed', lease_until = null, last_error = 'inbox gone', updated_at = now()
     where inbox_url = $1 and state = 'pending' and (lease_until is null or lease_until < now())`,
    [inboxUrl]
  );
}
