import type pg from 'pg';

export interface ClaimedDelivery {
  id: string;
  inboxUrl: string;
  host: string;
  /** Attempts so far, this one included; also the lease's token (settling checks it is still ours). */
  attempts: number;
  createdAt: Date;
  activityApId: string;
  activityType: string;
  json: Record<string, unknown>;
  signerId: string;
  /** The host's circuit was open and this delivery is the one sent to see whether it is back. */
  probe: boolean;
  /** Its host was blocked after the delivery was queued: it is given up, not sent. */
  hostBlocked: boolean;
}

export interface ClaimOptions {
  limit: number;
  leaseSeconds: number;
  /** At most this many deliveries in flight per host from this worker (one while it is probed). */
  perHost: number;
  circuitFailures: number;
  /** Deliveries this worker has in flight, by host. */
  inFlight?: ReadonlyMap<string, number>;
}

/** How many due deliveries are looked at for one claim (before the per-host limits thin them). */
const CANDIDATES_PER_SLOT = 8;
const MIN_CANDIDATES = 64;

/** The claim (see claimDeliveries); exported for the tests that read its plan. */
export const CLAIM_SQL = `with due as (
    select d.id, d.host, d.next_attempt_at
    from deliveries d
    where d.state = 'pending'
      and d.next_attempt_at <= now()
      and (d.lease_until is null or d.lease_until < now())
      and not exists (select 1 from delivery_hosts h where h.host = d.host and h.open_until > now())
      and not exists (
        select 1 from unnest($5::text[], $6::int[]) as b(host, used) where b.host = d.host and b.used >= $3
      )
      and not exists (
        select 1 from deliveries e
        where e.state = 'pending' and e.inbox_url = d.inbox_url
          and e.ordering_key = d.ordering_key and e.id < d.id
      )
    order by d.next_attempt_at
    limit $7
  ),
  ranked as (
    select due.id, due.host, coalesce(h.consecutive_failures, 0) >= $4 as probe, coalesce(b.used, 0) as used,
           row_number() over (partition by due.host order by due.next_attempt_at, due.id) as rank
    from due
    left join delivery_hosts h on h.host = due.host
    left join unnest($5::text[], $6::int[]) as b(host, used) on b.host = due.host
  ),
  picked as (
    select id, host, probe from ranked
    where rank <= case when probe then 1 - used else $3 - used end
    order by id
    limit $1
  ),
  held as (
    update delivery_hosts h
    set open_until = now() + make_interval(secs => $2), updated_at = now()
    from (select distinct host from picked where probe) p
    where h.host = p.host and (h.open_until is null or h.open_until <= now())
    returning h.host
  )
  update deliveries d
  set lease_until = now() + make_interval(secs => $2), attempts = d.attempts + 1, updated_at = now()
  from picked, outbox_activities a
  where d.id = picked.id and a.id = d.activity_id
    and (not picked.probe or picked.host in (select host from held))
    and d.state = 'pending' and (d.lease_until is null or d.lease_until < now())
  returning d.id, d.inbox_url as "inboxUrl", d.host, d.attempts, d.created_at as "createdAt",
            a.ap_id as "activityApId", a.type as "activityType", a.json, a.actor_id as "signerId",
            picked.probe,
            exists (select 1 from instances i where i.domain = d.host and i.blocked_at is not null) as "hostBlocked"`;

/**
 * Takes due deliveries by stamping a lease. A delivery waits while an earlier one of the same
 * ordering key to the same inbox is pending, and while its host's circuit is open (or the host asked
 * us to wait); once the circuit's time is up, a single delivery probes the host, and the circuit
 * stays held for the length of its lease so that no other worker probes at the same time.
 *
 * The candidates are a bounded window read from the partial index of due deliveries (a failing
 * host's are moved past its circuit's time, see hosts.ts), so a claim does not grow with the
 * backlog; only deliveries held back behind an earlier one of their key are read and skipped. The
 * UPDATE re-checks the lease, so two workers never take the same row.
 */
export async function claimDeliveries(pool: pg.Pool, options: ClaimOptions): Promise<ClaimedDelivery[]> {
  const { rows } = await pool.query<ClaimedDelivery>(CLAIM_SQL, claimParameters(options));
  return rows;
}

/** The claim's parameters, in the order CLAIM_SQL numbers them. */
export function claimParameters(options: ClaimOptions): unknown[] {
  const busy = [...(options.inFlight ?? new Map<string, number>())].filter(([, n]) => n > 0);
  return [
    options.limit,
    options.leaseSeconds,
    options.perHost,
    options.circuitFailures,
    busy.map(([host]) => host),
    busy.map(([, n]) => n),
    Math.max(MIN_CANDIDATES, options.limit * CANDIDATES_PER_SLOT)
  ];
}
