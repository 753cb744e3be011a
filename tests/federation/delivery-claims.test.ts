import type pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  CLAIM_SQL,
  claimDeliveries,
  claimParameters,
  type ClaimOptions
} from '#lib/server/federation/delivery/claim.ts';
import { recordHostFailure } from '#lib/server/federation/delivery/hosts.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createUserWithProfile } from '../helpers/factories.ts';

// The queue itself, on a real database, with no worker running: rows are arranged in SQL and
// taken with the worker's own claim.
let t: TestApp;
let pool: pg.Pool;
let signerId: number;
beforeAll(async () => {
  t = await createTestApp({ workers: false, listen: false });
  pool = t.app.database.pool;
  signerId = (await createUserWithProfile(t.app)).profile.id;
});
afterAll(async () => t?.stop());
beforeEach(async () => {
  await pool.query('delete from deliveries');
  await pool.query('delete from outbox_activities');
  await pool.query('delete from delivery_hosts');
});

const options: ClaimOptions = { limit: 16, leaseSeconds: 60, perHost: 8, circuitFailures: 5 };

let activitySequence = 0;
/** One activity queued to `inboxes` inboxes spread over `hosts` hosts (`h<n>.example`). */
async function queue(inboxes: number, hosts: number, o: { key?: string; host?: string } = {}): Promise<string> {
  const { rows } = await pool.query<{ id: string }>(
    `insert into outbox_activities (ap_id, type, actor_id, json) values ($1, 'Update', $2, '{}') returning id`,
    [`https://local.example/activities/${activitySequence++}`, signerId]
  );
  await pool.query(
    `insert into deliveries (activity_id, inbox_url, host, ordering_key)
     select $1::bigint, 'https://' || h || '/users/' || g || '/inbox', h, $3::text
     from generate_series(1, $2::int) g, lateral (select coalesce($4::text, 'h' || (g % $5::int) || '.example') as h) x`,
    [rows[0]!.id, inboxes, o.key ?? null, o.host ?? null, hosts]
  );
  return rows[0]!.id;
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Rows'?: number;
  Plans?: PlanNode[];
}
function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}
/** The claim's plan, run for real (ANALYZE) in a transaction that is rolled back. */
async function claimPlan(claim: ClaimOptions = options): Promise<PlanNode[]> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const { rows } = await client.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
      `explain (analyze, format json) ${CLAIM_SQL}`,
      claimParameters(claim)
    );
    return nodes(rows[0]!['QUERY PLAN'][0].Plan);
  } finally {
    await client.query('rollback');
    client.release();
  }
}
const dueIndexScan = (plan: PlanNode[]) => plan.find((n) => n['Index Name'] === 'deliveries_due_idx');

describe('claiming deliveries', () => {
  it('reads the partial indexes, not the table, and a bounded window of them, with 10,000 pending', async () => {
    for (let i = 0; i < 50; i++) await queue(200, 200, { key: `object-${i}` });
    await pool.query(`update deliveries set state = 'delivered' where id % 10 = 0`);
    await pool.query('vacuum analyze deliveries');
    const plan = await claimPlan();
    expect(plan.filter((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] === 'deliveries')).toEqual([]);
    expect(plan.some((n) => n['Index Name'] === 'deliveries_order_idx')).toBe(true);
    // 16 slots look at 128 candidates (plus the one that stops the scan), not at 9,000 rows.
    expect(dueIndexScan(plan)?.['Actual Rows']).toBeLessThanOrEqual(16 * 8 + 1);
    expect(await claimDeliveries(pool, options)).toHaveLength(16);
  });

  it('moves a dead host’s backlog past its circuit’s time, so it costs the claims nothing', async () => {
    await queue(3000, 1, { host: 'down.example' });
    await queue(100, 100);
    await pool.query('vacuum analyze deliveries');
    for (let i = 0; i < 5; i++) {
      await recordHostFailure(pool, 'down.example', { threshold: 5, openSeconds: 300, probe: false });
    }
    const { rows } = await pool.query<{ due: number }>(
      `select count(*)::int as due from deliveries where host = 'down.example' and next_attempt_at <= now()`
    );
    expect(rows[0]!.due).toBe(0);
    const plan = await claimPlan();
    expect(dueIndexScan(plan)?.['Actual Rows']).toBeLessThanOrEqual(16 * 8 + 1);
    const claimed = await claimDeliveries(pool, options);
    expect(claimed).toHaveLength(16);
    expect(claimed.filter((d) => d.host === 'down.example')).toEqual([]);
  });

  it('takes at most eight per host from one worker, counting those it already has in flight', async () => {
    await queue(20, 1, { host: 'busy.example' });
    await queue(20, 20);
    const first = await claimDeliveries(pool, { ...options, inFlight: new Map([['busy.example', 5]]) });
    expect(first.filter((d) => d.host === 'busy.example')).toHaveLength(3);
    const full = await claimDeliveries(pool, { ...options, inFlight: new Map([['busy.example', 8]]) });
    expect(full.filter((d) => d.host === 'busy.example')).toHaveLength(0);
    expect(full.length).toBeGreaterThan(0);
  });

  it('never gives one delivery to two workers claiming at the same time', async () => {
    await queue(400, 100);
    const claims = await Promise.all(Array.from({ length: 8 }, () => claimDeliveries(pool, options)));
    const ids = claims.flat().map((d) => d.id);
    expect(ids.length).toBeGreaterThan(16);
    expect(new Set(ids).size).toBe(ids.length);
    const { rows } = await pool.query<{ leased: number; attempts: number }>(
      `select count(*) filter (where lease_until > now())::int as leased, sum(attempts)::int as attempts from deliveries`
    );
    expect(rows[0]).toEqual({ leased: ids.length, attempts: ids.length });
  });

  it('sends a single probe to a host whose circuit’s time is up, even to two workers at once', async () => {
    await queue(10, 1, { host: 'flaky.example' });
    await pool.query(
      `insert into delivery_hosts (host, consecutive_failures, open_until) values ('flaky.example', 6, now() - interval '1 second')`
    );
    const claims = await Promise.all([claimDeliveries(pool, options), claimDeliveries(pool, options)]);
    const probes = claims.flat();
    expect(probes).toHaveLength(1);
    expect(probes[0]).toMatchObject({ host: 'flaky.example', probe: true, hostBlocked: false });
    // The circuit is held for the probe's lease: nothing else goes there meanwhile.
    const { rows } = await pool.query<{ held: boolean }>(
      `select open_until > now() + interval '50 seconds' as held from delivery_hosts where host = 'flaky.example'`
    );
    expect(rows[0]!.held).toBe(true);
    expect(await claimDeliveries(pool, options)).toEqual([]);
  });

  it('keeps a delivery back while an earlier one of its key waits for the same inbox, not behind others', async () => {
    const first = await queue(1, 1, { key: 'event-1', host: 'order.example' });
    const second = await queue(1, 1, { key: 'event-1', host: 'order.example' });
    const otherKey = await queue(1, 1, { key: 'event-2', host: 'order.example' });
    const claimed = await claimDeliveries(pool, options);
    const activityOf = async (deliveryId: string) =>
      (await pool.query<{ activity_id: string }>('select activity_id from deliveries where id = $1', [deliveryId]))
        .rows[0]!.activity_id;
    const activities = await Promise.all(claimed.map((d) => activityOf(d.id)));
    expect(activities.sort()).toEqual([first, otherKey].sort());
    expect(activities).not.toContain(second);
  });
});
