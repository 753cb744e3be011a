import type pg from 'pg';

export interface ClaimedDelivery {
  id: string;
  inboxUrl: string;
  host: string;
  attempts: number;
  createdAt: Date;
  activityApId: string;
  activityType: string;
  json: Record<string, unknown>;
  signerId: string;
  /** Its host was blocked after the delivery was queued: it is given up, not sent. */
  hostBlocked: boolean;
}

export interface ClaimOptions {
  limit: number;
  leaseSeconds: number;
  /** At most this many deliveries per host in one claim (one while the host is being probed). */
  perHost: number;
  circuitFailures: number;
}

/**
 * Takes due deliveries by stamping a lease. A delivery waits while an earlier one of the same
 * ordering key to the same inbox is pending, and while its host's circuit is open; once the circuit's
 * time is up, a single delivery probes the host. The UPDATE re-checks the lease, so two workers never
 * take the same row.
 */
export async function claimDeliveries(pool: pg.Pool, options: ClaimOptions): Promise<ClaimedDelivery[]> {
  const { rows } = await pool.query<ClaimedDelivery>(
    `with candidates as (
       select d.id, d.host, coalesce(h.consecutive_failures, 0) as failures,
              row_number() over (partition by d.host order by d.next_attempt_at, d.id) as rank
       from deliveries d
       left join delivery_hosts h on h.host = d.host
       where d.state = 'pending'
         and d.next_attempt_at <= now()
         and (d.lease_until is null or d.lease_until < now())
         and (h.open_until is null or h.open_until <= now())
         and not (
           coalesce(h.consecutive_failures, 0) >= $4
           and exists (select 1 from deliveries f where f.host = d.host and f.state = 'pending' and f.lease_until > now())
         )
         and not exists (
           select 1 from deliveries e
           where e.state = 'pending' and e.inbox_url = d.inbox_url
             and e.ordering_key = d.ordering_key and e.id < d.id
         )
       order by d.next_attempt_at, d.id
       limit $1 * 4
     ),
     chosen as (
       select id from candidates
       where rank <= case when failures >= $4 then 1 else $3 end
       order by id
       limit $1
     )
     update deliveries d
     set lease_until = now() + make_interval(secs => $2), attempts = d.attempts + 1, updated_at = now()
     from chosen, outbox_activities a
     where d.id = chosen.id and a.id = d.activity_id
       and d.state = 'pending' and (d.lease_until is null or d.lease_until < now())
     returning d.id, d.inbox_url as "inboxUrl", d.host, d.attempts, d.created_at as "createdAt",
               a.ap_id as "activityApId", a.type as "activityType", a.json, a.actor_id as "signerId",
               exists (select 1 from instances i where i.domain = d.host and i.blocked_at is not null) as "hostBlocked"`,
    [options.limit, options.leaseSeconds, options.perHost, options.circuitFailures]
  );
  return rows;
}
