import type pg from 'pg';

/** Settled deliveries are kept a week (to see what happened), activities three months (outboxes). */
export async function sweepDeliveries(pool: pg.Pool): Promise<void> {
  await pool.query(`delete from deliveries where state <> 'pending' and updated_at < now() - interval '7 days'`);
  await pool.query(`delete from delivery_failures where failed_at < now() - interval '30 days'`);
  await pool.query(
    `delete from outbox_activities a
     where a.created_at < now() - interval '90 days'
       and not exists (select 1 from deliveries d where d.activity_id = a.id and d.state = 'pending')`
  );
}

/** Deleted local profiles whose keys may go: nothing they signed is still waiting to be delivered. */
export async function tombstonesDoneDelivering(pool: pg.Pool, actorId?: number): Promise<number[]> {
  const { rows } = await pool.query<{ id: string }>(
    `select a.id from actors a
     where a.domain is null and a.deleted_at is not null and a.private_key_pem is not null
       and ($1::bigint is null or a.id = $1)
       and not exists (
         select 1 from outbox_activities o join deliveries d on d.activity_id = o.id
         where o.actor_id = a.id and d.state = 'pending'
       )`,
    [actorId ?? null]
  );
  return rows.map((r) => Number(r.id));
}
