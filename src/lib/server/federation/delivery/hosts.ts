import type pg from 'pg';

/** The longest a failing host is left alone before the next probe. */
const MAX_OPEN_SECONDS = 6 * 3600;

/**
 * A failure (network error or 5xx) of a host. At `threshold` consecutive failures its circuit opens
 * for `openSeconds`, doubling with each further failure: its deliveries wait instead of hammering it.
 */
export async function recordHostFailure(
  pool: pg.Pool,
  host: string,
  policy: { threshold: number; openSeconds: number }
): Promise<void> {
  await pool.query(
    `insert into delivery_hosts as h (host, consecutive_failures, last_failure_at, open_until, updated_at)
     values ($1, 1, now(), case when 1 >= $2 then now() + make_interval(secs => $3) end, now())
     on conflict (host) do update set
       consecutive_failures = h.consecutive_failures + 1,
       last_failure_at = now(),
       updated_at = now(),
       open_until = case
         when h.consecutive_failures + 1 >= $2
           then now() + make_interval(secs => least($4, $3 * power(2, least(20, h.consecutive_failures + 1 - $2))))
         else h.open_until end`,
    [host, policy.threshold, policy.openSeconds, MAX_OPEN_SECONDS]
  );
}

/** The host answered: its circuit closes (written only when it had failed, to keep the hot path free). */
export async function recordHostSuccess(pool: pg.Pool, host: string): Promise<void> {
  await pool.query(
    `update delivery_hosts
     set consecutive_failures = 0, open_until = null, last_success_at = now(), updated_at = now()
     where host = $1 and (consecutive_failures > 0 or open_until is not null)`,
    [host]
  );
}
