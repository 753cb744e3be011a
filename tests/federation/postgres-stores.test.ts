import { setTimeout as sleep } from 'node:timers/promises';
import type { KvKey } from '@fedify/fedify';
import { testMessageQueue } from '@fedify/testing';
import { Temporal } from '@js-temporal/polyfill';
import pg from 'pg';
import { PgBoss } from 'pg-boss';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PostgresKvStore } from '#lib/server/federation/kv-store.ts';
import { PgBossMessageQueue } from '#lib/server/federation/message-queue.ts';
import { newTestDatabase } from '../helpers/database.ts';

// The polyfill's Duration is the object Fedify passes; the global type is what the interfaces name.
const duration = (like: Temporal.DurationLike) =>
  Temporal.Duration.from(like) as unknown as globalThis.Temporal.Duration;

let database: Awaited<ReturnType<typeof newTestDatabase>>;
let pool: pg.Pool;
const bosses: PgBoss[] = [];
const bossErrors: unknown[] = [];

beforeAll(async () => {
  database = await newTestDatabase();
  pool = new pg.Pool({ connectionString: database.url, max: 4 });
  // Two instances, as two processes would have; started one after the other (the first installs the schema).
  for (let i = 0; i < 2; i++) {
    const boss = new PgBoss({
      connectionString: database.url,
      max: 4,
      supervise: false,
      schedule: false,
      registerInstance: false,
      useListenNotify: true
    });
    boss.on('error', (error) => bossErrors.push(error));
    await boss.start();
    bosses.push(boss);
  }
});

afterAll(async () => {
  await Promise.all(bosses.map((boss) => boss.stop({ graceful: true, timeout: 2000, close: true })));
  await pool?.end();
  await database?.drop();
});

const collect = async <T>(iterable: AsyncIterable<T>) => {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
};

describe('PostgresKvStore', () => {
  let kv: PostgresKvStore;
  beforeEach(async () => {
    kv = new PostgresKvStore(pool);
    await pool.query('delete from federation_kv');
  });

  it('stores and reads back any JSON value, and misses absent keys', async () => {
    const values: [KvKey, unknown][] = [
      [['object'], { id: 'https://example.com/a', n: 1, nested: { list: [1, 'two', null] } }],
      [['string'], 'Hello, world!'],
      [['number'], 42.5],
      [['null'], null],
      [['false'], false],
      [['array'], [1, 2, 3]],
      [['odd', 'a,b', '"quoted"', '{brace}', 'NULL', ''], 'odd key parts']
    ];
    for (const [key, value] of values) await kv.set(key, value);
    for (const [key, value] of values) expect(await kv.get(key)).toEqual(value);
    expect(await kv.get(['null'])).toBeNull();
    expect(await kv.get(['absent'])).toBeUndefined();
    expect(await kv.get(['odd', 'a,b'])).toBeUndefined();
  });

  it('overwrites, deletes, and treats storing undefined as deleting', async () => {
    await kv.set(['k'], { v: 1 });
    await kv.set(['k'], { v: 2 });
    expect(await kv.get(['k'])).toEqual({ v: 2 });
    await kv.delete(['k']);
    expect(await kv.get(['k'])).toBeUndefined();
    await kv.delete(['k']);
    await kv.set(['u'], 'x');
    await kv.set(['u'], undefined);
    expect((await pool.query(`select 1 from federation_kv where key = '{u}'`)).rowCount).toBe(0);
  });

  it('expires values after their ttl, and sweeps them', async () => {
    await kv.set(['ttl', 'short'], 'short', { ttl: duration({ milliseconds: 300 }) });
    await kv.set(['ttl', 'long'], 'long', { ttl: duration({ hours: 1 }) });
    await kv.set(['ttl', 'forever'], 'forever');
    expect(await kv.get(['ttl', 'short'])).toBe('short');
    await sleep(450);
    expect(await kv.get(['ttl', 'short'])).toBeUndefined();
    expect(await kv.get(['ttl', 'long'])).toBe('long');
    expect((await collect(kv.list(['ttl']))).map((e) => e.key[1]).sort()).toEqual(['forever', 'long']);
    expect(await kv.sweepExpired()).toBe(1);
    const { rows } = await pool.query<{ k: string }>(`select key[2] as k from federation_kv order by 1`);
    expect(rows.map((r) => r.k)).toEqual(['forever', 'long']);
    // Setting again without a ttl clears the expiry.
    await kv.set(['ttl', 'long'], 'kept');
    const expiry = await pool.query(`select expires_at from federation_kv where key = '{ttl,long}'`);
    expect(expiry.rows[0].expires_at).toBeNull();
  });

  it('compares and swaps', async () => {
    const key = ['cas'] as const;
    expect(await kv.cas(key, undefined, { v: 1 })).toBe(true);
    expect(await kv.get(key)).toEqual({ v: 1 });
    expect(await kv.cas(key, undefined, { v: 9 })).toBe(false);
    expect(await kv.cas(key, { v: 2 }, { v: 9 })).toBe(false);
    expect(await kv.get(key)).toEqual({ v: 1 });
    expect(await kv.cas(key, { v: 1 }, 'two')).toBe(true);
    expect(await kv.cas(key, 'two', null)).toBe(true);
    expect(await kv.get(key)).toBeNull();
    // JSON equality, not text equality: key order does not matter.
    await kv.set(key, { a: 1, b: [1, 2] });
    expect(await kv.cas(key, { b: [1, 2], a: 1 }, 3)).toBe(true);
    // Swapping to undefined deletes; undefined → undefined holds only while the key is absent.
    expect(await kv.cas(key, 3, undefined)).toBe(true);
    expect(await kv.get(key)).toBeUndefined();
    expect(await kv.cas(key, undefined, undefined)).toBe(true);
    await kv.set(key, 1);
    expect(await kv.cas(key, undefined, undefined)).toBe(false);
  });

  it('treats an expired value as absent in cas, and applies the new ttl', async () => {
    const key = ['cas', 'expiring'] as const;
    expect(await kv.cas(key, undefined, 'old', { ttl: duration({ milliseconds: 200 }) })).toBe(true);
    expect(await kv.cas(key, undefined, 'blocked')).toBe(false);
    await sleep(300);
    expect(await kv.cas(key, 'old', 'stale swap')).toBe(false);
    expect(await kv.cas(key, undefined, 'new', { ttl: duration({ minutes: 5 }) })).toBe(true);
    expect(await kv.get(key)).toBe('new');
    const { rows } = await pool.query(
      `select expires_at > now() + interval '4 minutes' as later from federation_kv where key = '{cas,expiring}'`
    );
    expect(rows[0].later).toBe(true);
  });

  it('lets exactly one of many concurrent cas calls win', async () => {
    const key = ['cas', 'race'] as const;
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => kv.cas(key, undefined, i)));
    expect(results.filter(Boolean)).toHaveLength(1);
    const winner = results.indexOf(true);
    expect(await kv.get(key)).toBe(winner);
    const swaps = await Promise.all(Array.from({ length: 20 }, (_, i) => kv.cas(key, winner, `s${i}`)));
    expect(swaps.filter(Boolean)).toHaveLength(1);
  });

  it('lists by key prefix, element by element, and everything without one', async () => {
    const keys: KvKey[] = [['a', 'b', '1'], ['a', 'b', '2'], ['a', 'c'], ['a'], ['ab'], ['b', 'a']];
    for (const [i, key] of keys.entries()) await kv.set(key, i);
    const listed = async (prefix?: KvKey) =>
      (await collect(kv.list(prefix))).map((e) => `${e.key.join('/')}=${String(e.value)}`).sort();
    expect(await listed(['a', 'b'])).toEqual(['a/b/1=0', 'a/b/2=1']);
    expect(await listed(['a'])).toEqual(['a/b/1=0', 'a/b/2=1', 'a/c=2', 'a=3']);
    expect(await listed(['a', 'b', '1'])).toEqual(['a/b/1=0']);
    expect(await listed(['a', 'b', '1', 'x'])).toEqual([]);
    expect(await listed(['z'])).toEqual([]);
    expect(await listed()).toEqual(['a/b/1=0', 'a/b/2=1', 'a/c=2', 'a=3', 'ab=4', 'b/a=5']);
    expect(await listed([] as unknown as KvKey)).toHaveLength(6);
  });

  it('lists past one page', async () => {
    await pool.query(
      `insert into federation_kv (key, value) select array['bulk', lpad(i::text, 5, '0')], to_jsonb(i) from generate_series(1, 1203) i`
    );
    const entries = await collect(kv.list(['bulk']));
    expect(entries).toHaveLength(1203);
    expect(new Set(entries.map((e) => e.value)).size).toBe(1203);
    expect(entries[0]).toEqual({ key: ['bulk', '00001'], value: 1 });
  });
});

describe('PgBossMessageQueue', () => {
  const queue = (name: string, boss = 0, options = {}) =>
    new PgBossMessageQueue(bosses[boss]!, name, { pollingIntervalSeconds: 0.5, ...options });

  it('passes Fedify’s message queue conformance suite, ordering keys included', async () => {
    let n = 0;
    await testMessageQueue(
      () => queue('fedify', n++ % 2),
      ({ controller }) => controller.abort(),
      { testOrderingKey: true }
    );
    expect(bossErrors).toEqual([]);
  }, 60_000);

  it('runs messages of one ordering key one at a time, in order, across listeners', async () => {
    const seen: Record<string, number[]> = { A: [], B: [] };
    const running = { A: 0, B: 0 } as Record<string, number>;
    let overlap = false;
    let concurrent = 0;
    let maxConcurrent = 0;
    const handler = async (message: { key: string; i: number }) => {
      running[message.key]!++;
      concurrent++;
      maxConcurrent = Math.max(maxConcurrent, concurrent);
      if (running[message.key]! > 1) overlap = true;
      await sleep(15);
      seen[message.key]!.push(message.i);
      running[message.key]!--;
      concurrent--;
    };
    const controller = new AbortController();
    const producer = queue('ordered');
    await producer.enqueueMany(
      Array.from({ length: 8 }, (_, i) => ({ key: 'A', i })),
      { orderingKey: 'A' }
    );
    for (let i = 0; i < 8; i++) await producer.enqueue({ key: 'B', i }, { orderingKey: 'B' });
    const listening = [queue('ordered', 0), queue('ordered', 1)].map((q) =>
      q.listen((m) => handler(m as { key: string; i: number }), { signal: controller.signal })
    );
    const deadline = Date.now() + 10_000;
    while (seen.A!.length + seen.B!.length < 16 && Date.now() < deadline) await sleep(50);
    controller.abort();
    await Promise.all(listening);
    expect(seen).toEqual({ A: [0, 1, 2, 3, 4, 5, 6, 7], B: [0, 1, 2, 3, 4, 5, 6, 7] });
    expect(overlap).toBe(false);
    expect(maxConcurrent).toBe(2); // the two keys did run side by side
  }, 20_000);

  it('stops listening promptly when the signal aborts', async () => {
    const controller = new AbortController();
    const q = queue('stopping', 0, { pollingIntervalSeconds: 5 });
    const listening = q.listen(() => {}, { signal: controller.signal });
    await sleep(300);
    const started = Date.now();
    controller.abort();
    await listening;
    expect(Date.now() - started).toBeLessThan(1000);
    // An already-aborted signal returns at once.
    await q.listen(() => {}, { signal: controller.signal });
    expect(bosses[0]!.getWipData().filter((w) => w.name === 'stopping')).toEqual([]);
  });

  it('reports a failing handler and leaves the message to pg-boss to retry', async () => {
    const errors: unknown[] = [];
    const controller = new AbortController();
    const q = queue('failing', 0, {
      onError: (error: unknown, message: unknown) => errors.push([String(error), message])
    });
    await q.enqueue({ n: 1 });
    const listening = q.listen(
      () => {
        throw new Error('boom');
      },
      { signal: controller.signal }
    );
    const deadline = Date.now() + 5000;
    while (errors.length === 0 && Date.now() < deadline) await sleep(50);
    controller.abort();
    await listening;
    expect(errors).toEqual([['Error: boom', { n: 1 }]]);
    const [job] = await bosses[0]!.findJobs('failing');
    expect(job?.state).toBe('retry');
  });

  it('refuses a queue that exists with another policy', async () => {
    await bosses[0]!.createQueue('plain');
    await expect(queue('plain').enqueue('x')).rejects.toThrow(/key_strict_fifo/);
  });
});
