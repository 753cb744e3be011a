import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '#lib/server/core/logger.ts';
import { createDb, type DbHandle } from '#lib/server/db/client.ts';
import { transaction } from '#lib/server/db/transaction.ts';
import { DomainEventBus } from '#lib/server/jobs/domain-events.ts';
import { sweepTypedAddresses } from '#lib/server/jobs/handlers/domain-events-retention.ts';
import { deadLetterQueue, Jobs } from '#lib/server/jobs/queue.ts';
import { newTestDatabase } from '../helpers/database.ts';
import { waitFor } from '../helpers/wait.ts';

let database: { url: string; drop(): Promise<void> };
let handle: DbHandle;
let jobs: Jobs;
let bus: DomainEventBus;
const seen: { type: string; userId: number; attempt: number }[] = [];
let failuresLeft = 2;

beforeAll(async () => {
  database = await newTestDatabase();
  handle = createDb(database.url, { max: 4 });
  jobs = new Jobs(database.url, silentLogger, { pollingIntervalSeconds: 0.5 });
  bus = new DomainEventBus(jobs, { retryDelaySeconds: 1 });
  bus.subscribe('UserCreated', 'flaky', async (event) => {
    if (failuresLeft-- > 0) throw new Error('transient failure');
    seen.push({ type: event.type, userId: event.payload.userId, attempt: 0 });
  });
  jobs.define<{ n: number }>({
    name: 'always-fails',
    retryLimit: 1,
    retryDelay: 1,
    retryBackoff: false,
    handle: async () => {
      throw new Error('permanent');
    }
  });
  await jobs.start();
  await jobs.startWorkers();
});
afterAll(async () => {
  await jobs.stop();
  await handle.close();
  await database.drop();
});

async function count(sql: string, params: unknown[] = []) {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    return (await client.query<{ n: number }>(sql, params)).rows[0]?.n ?? 0;
  } finally {
    await client.end();
  }
}

describe('domain events', () => {
  it('are recorded with the transaction and their reactions retried until they succeed', async () => {
    await transaction(handle.pool, (tx) => bus.record(tx, 'UserCreated', { userId: 42 }));
    const done = await waitFor(async () => seen.find((s) => s.userId === 42), {
      timeoutMs: 40_000,
      what: 'the retried reaction'
    });
    expect(done.type).toBe('UserCreated');
    expect(failuresLeft).toBeLessThan(0);
    expect(await count(`select count(*)::int as n from domain_events where type = 'UserCreated'`)).toBe(1);
  }, 60_000);

  it('leave nothing behind when the transaction rolls back', async () => {
    const before = await count(`select count(*)::int as n from pgboss.job where name = 'on.UserCreated.flaky'`);
    await expect(
      transaction(handle.pool, async (tx) => {
        await bus.record(tx, 'UserCreated', { userId: 7 });
        throw new Error('the change failed');
      })
    ).rejects.toThrow('the change failed');
    expect(await count(`select count(*)::int as n from domain_events where payload->>'userId' = '7'`)).toBe(0);
    expect(await count(`select count(*)::int as n from pgboss.job where name = 'on.UserCreated.flaky'`)).toBe(before);
  });
});

describe('jobs', () => {
  it('move to the dead-letter queue once their retries are spent', async () => {
    await jobs.send('always-fails', { n: 1 });
    const dead = await waitFor(
      async () =>
        (await count(`select count(*)::int as n from pgboss.job where name = $1`, [deadLetterQueue('always-fails')])) ||
        undefined,
      { timeoutMs: 30_000, what: 'the dead letter' }
    );
    expect(dead).toBe(1);
  }, 40_000);

  it('forget typed addresses after a week, keeping everything else', async () => {
    await handle.pool.query(
      `insert into domain_events (type, payload, occurred_at) values
        ('PasswordResetRequested', '{"email":"old@example.org"}', now() - interval '8 days'),
        ('PasswordResetRequested', '{"email":"new@example.org"}', now() - interval '1 day'),
        ('UserCreated', '{"userId":1}', now() - interval '30 days')`
    );
    expect(await sweepTypedAddresses(handle.db)).toBe(1);
    const left = await handle.pool.query<{ type: string; email: string | null }>(
      "select type, payload->>'email' as email from domain_events where occurred_at < now() - interval '12 hours' order by id"
    );
    expect(left.rows).toEqual([
      { type: 'PasswordResetRequested', email: 'new@example.org' },
      { type: 'UserCreated', email: null }
    ]);
  });

  it('refuse unknown job names', async () => {
    await expect(jobs.send('no-such-job', {})).rejects.toThrow('unknown job no-such-job');
  });
});

describe('a backlog', () => {
  it('drains without waiting for the poll interval between jobs', async () => {
    const slow = new Jobs(database.url, silentLogger, { pollingIntervalSeconds: 5 });
    const done: number[] = [];
    slow.define<{ n: number }>({ name: 'backlog', handle: async ({ n }) => void done.push(n) });
    await slow.start();
    try {
      for (let n = 0; n < 20; n++) await slow.send('backlog', { n });
      const started = Date.now();
      await slow.startWorkers();
      await waitFor(async () => done.length === 20 || undefined, { what: '20 jobs', timeoutMs: 20_000 });
      // One job per 5 s poll would take 100 s; fetching again at once takes well under a poll.
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await slow.stop();
    }
  });
});
