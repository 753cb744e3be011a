import type pg from 'pg';

/** The longest a failing host is left alone before the next probe. */
const MAX_OPEN_SECONDS = 6 * 3600;

/**
 * A failure (network error or 5xx) of a host. At `threshold` consecutive failures its circuit opens
 * for `openSeconds`; each failed probe doubles that: its deliveries wait instead of hammering it.
 * Answers that arrive while the circuit is already open come from requests sent before it opened:
 * they neither count nor lengthen the wait (else a burst of parallel failures would open it for
 * hours at once). Only the probe's answer moves an open circuit.
 */
export async function recordHostFailure(
  pool: pg.Pool,
  host: string,
  policy: { threshold: number; openSeconds: number; probe: boolean }
): Promise<void> {
  const { rows } = await pool.query<{ open_until: Date | null; moved: boolean }>(
    `insert into delivery_hosts as h (host, consecutive_failures, last_failure_at, open_until, updated_at)
     values ($1, 1, now(), case when 1 >= $2 then now() + make_interval(secs => $3) end, now())
     on conflict (host) do update set
       consecutive_failures = case
         when h.open_until > now() and not $5 then h.consecutive_failures
         else h.consecutive_failures + 1 end,
       last_failure_at = now(),
       updated_at = now(),
       open_until = case
         when h.open_until > now() and not $5 then h.open_until
         when h.consecutive_failures + 1 >= $2
           then now() + make_interval(secs => least($4, $3 * power(2, least(20, greatest(0, h.consecutive_failures + 1 - $2)))))
         else h.open_until end
     returning h.open_until, h.open_until is distinct from (select open_until from delivery_hosts where host = $1) as moved`,
    [host, policy.threshold, policy.openSeconds, MAX_OPEN_SECONDS, policy.probe]
  );
  const row = rows[0];
  if (row?.moved && row.open_until) await deferDeliveries(pool, host);
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

/**
 * The host asked us to wait (429 or 503 with Retry-After): none of its deliveries is sent before
 * then, not only the one that was answered. Its failure count is left alone.
 */
export async function holdHost(pool: pg.Pool, host: string, seconds: number): Promise<void> {
  await pool.query(
    `insert into delivery_hosts as h (host, open_until, updated_at)
     values ($1, now() + make_interval(secs => $2), now())
     on conflict (host) do update set
       open_until = greatest(h.open_until, excluded.open_until),
       updated_at = now()`,
    [host, Math.min(seconds, MAX_OPEN_SECONDS)]
  );
  await deferDeliveries(pool, host);
}

/**
 * The host's queued deliveries are not due before its circuit closes: moved out of the due index's
 * way, they cost the claims nothing while a server is down with thousands of deliveries waiting.
 * (A delivery in flight keeps its time; it is settled with its own.)
 */
async function deferDeliveries(pool: pg.Pool, host: string): Promise<void> {
  await pool.query(
    `update deliveries d set next_attempt_at = h.open_until, updated_at = now()
     from delivery_hosts h
     where h.host = $1 and d.host = $1 and d.state = 'pending' and d.next_attempt_at < h.open_until
       and (d.lease_until is null or d.lease_until < now())`,
    [host]
  );
}
