import type { App } from '#lib/server/app.ts';
import { waitFor } from './wait.ts';

/** Per table of the public schema: its row count and an order-independent checksum of its rows. */
export type DbSnapshot = Map<string, { rows: number; checksum: string }>;

/**
 * Tables whose rows change on every request by design, not because a request was accepted:
 * per-host counters of the rate limiter, and Fedify's caches (fetched keys and documents).
 */
export const VOLATILE_TABLES: readonly string[] = ['rate_limits', 'federation_kv'];

/**
 * Row counts and a checksum (sum of each row's hash) of every table of an app's database, to
 * assert that a request changed nothing: an update shows in the checksum even when counts stay.
 */
export async function snapshotDatabase(app: App, options: { ignore?: readonly string[] } = {}): Promise<DbSnapshot> {
  const ignore = new Set(options.ignore ?? VOLATILE_TABLES);
  const { pool } = app.database;
  const { rows: tables } = await pool.query<{ name: string }>(
    `select tablename as name from pg_tables where schemaname = 'public' order by tablename`
  );
  const wanted = tables.map((t) => t.name).filter((name) => !ignore.has(name));
  if (wanted.length === 0) return new Map();
  const sql = wanted
    .map(
      (name) =>
        `select '${name}' as name, count(*)::int as rows, coalesce(sum(hashtext(t::text)::bigint), 0)::text as checksum from public."${name}" t`
    )
    .join(' union all ');
  const { rows } = await pool.query<{ name: string; rows: number; checksum: string }>(sql);
  return new Map(rows.map((r) => [r.name, { rows: r.rows, checksum: r.checksum }]));
}

/** What differs between two snapshots, one line per table ("follows: 0 → 1 rows"); empty when nothing did. */
export function diffSnapshots(before: DbSnapshot, after: DbSnapshot): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  const changes: string[] = [];
  for (const name of [...names].sort()) {
    const a = before.get(name);
    const b = after.get(name);
    if (a?.rows !== b?.rows) changes.push(`${name}: ${a?.rows ?? 'absent'} → ${b?.rows ?? 'absent'} rows`);
    else if (a?.checksum !== b?.checksum) changes.push(`${name}: rows changed`);
  }
  return changes;
}

/**
 * Waits until no job is due (or due within seconds, as a participant count's Update) or running in
 * any of the app's queues (the inbox's included; dead letters have no worker), and no delivery is
 * being sent, twice in a row, so that what a request queued has been applied (or dropped) before a
 * snapshot.
 */
export async function waitForIdleQueues(app: App, timeoutMs = 15_000): Promise<void> {
  let idleChecks = 0;
  await waitFor(
    async () => {
      const { rows } = await app.database.pool.query<{ n: number }>(
        `select (select count(*)::int from pgboss.job
                 where state in ('created', 'retry', 'active') and name not like '%.dead'
                   and start_after <= now() + interval '3 seconds')
              + (select count(*)::int from deliveries where state = 'pending' and lease_until > now()) as n`
      );
      idleChecks = rows[0]!.n === 0 ? idleChecks + 1 : 0;
      return idleChecks >= 2;
    },
    { timeoutMs, intervalMs: 50, what: 'the job queues to be idle' }
  );
}

/** Tables an ignored activity may still touch: bookkeeping, and the sender's actor copy. */
export const BOOKKEEPING_TABLES: readonly string[] = ['actors', 'inbound_activities', 'instances'];

/**
 * Sends (a signed POST, say) once the app is idle, waits for what it queued, and returns what
 * changed in the app's database but for the bookkeeping tables.
 */
export async function changesWhile(app: App, send: () => Promise<Response>): Promise<string[]> {
  await waitForIdleQueues(app);
  const before = await snapshotDatabase(app);
  const response = await send();
  if (response.status >= 300) throw new Error(`the request was answered ${response.status}`);
  await waitForIdleQueues(app);
  return diffSnapshots(before, await snapshotDatabase(app)).filter(
    (line) => !BOOKKEEPING_TABLES.some((table) => line.startsWith(`${table}:`))
  );
}
