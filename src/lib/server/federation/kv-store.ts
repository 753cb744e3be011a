import type { KvKey, KvStore, KvStoreListEntry, KvStoreSetOptions } from '@fedify/fedify';
import type pg from 'pg';

const LIST_PAGE = 500;
const LIVE = '(expires_at is null or expires_at > now())';
/** $n is a TTL in milliseconds or null; expiry is computed with the database clock, like every check. */
const expiresAt = (n: number) =>
  `case when $${n}::float8 is null then null else now() + $${n}::float8 * interval '1 millisecond' end`;

/**
 * Fedify's key–value store over the `federation_kv` table. Values are stored as JSON; storing
 * `undefined` deletes the key (it reads back as absent either way). Expired rows are invisible at
 * once and removed by `sweepExpired()`.
 */
export interface KvLifetime {
  prefix: KvKey;
  ms: number;
}

export class PostgresKvStore implements KvStore {
  readonly #pool: pg.Pool;
  readonly #lifetimes: readonly KvLifetime[];

  /** `lifetimes`: entries under these prefixes set without a TTL get this one (Fedify's key cache). */
  constructor(pool: pg.Pool, options: { lifetimes?: readonly KvLifetime[] } = {}) {
    this.#pool = pool;
    this.#lifetimes = options.lifetimes ?? [];
  }

  /** The TTL asked for, else the lifetime of the key's prefix, else none. */
  #ttlOf(key: KvKey, options: KvStoreSetOptions | undefined): number | null {
    const asked = ttlMillis(options);
    if (asked !== null) return asked;
    const lifetime = this.#lifetimes.find(
      ({ prefix }) => key.length > prefix.length && prefix.every((part, i) => key[i] === part)
    );
    return lifetime?.ms ?? null;
  }

  async get<T = unknown>(key: KvKey): Promise<T | undefined> {
    const { rows } = await this.#pool.query<{ value: T }>(
      `select value from federation_kv where key = $1::text[] and ${LIVE}`,
      [[...key]]
    );
    return rows[0]?.value;
  }

  async set(key: KvKey, value: unknown, options?: KvStoreSetOptions): Promise<void> {
    if (value === undefined) return this.delete(key);
    await this.#pool.query(
      `insert into federation_kv (key, value, expires_at) values ($1::text[], $2::jsonb, ${expiresAt(3)})
       on conflict (key) do update set value = excluded.value, expires_at = excluded.expires_at`,
      [[...key], toJson(value), this.#ttlOf(key, options)]
    );
  }

  async delete(key: KvKey): Promise<void> {
    await this.#pool.query('delete from federation_kv where key = $1::text[]', [[...key]]);
  }

  /** One statement each way, so concurrent callers cannot both win. An expired row counts as absent. */
  async cas(key: KvKey, expectedValue: unknown, newValue: unknown, options?: KvStoreSetOptions): Promise<boolean> {
    const k = [...key];
    let result: pg.QueryResult;
    if (expectedValue === undefined && newValue === undefined) {
      result = await this.#pool.query(`select 1 from federation_kv where key = $1::text[] and ${LIVE}`, [k]);
      return result.rowCount === 0;
    }
    if (expectedValue === undefined) {
      // Inserts, or replaces a row that has expired; a live row makes the conflict update a no-op.
      result = await this.#pool.query(
        `insert into federation_kv (key, value, expires_at) values ($1::text[], $2::jsonb, ${expiresAt(3)})
         on conflict (key) do update set value = excluded.value, expires_at = excluded.expires_at
         where federation_kv.expires_at is not null and federation_kv.expires_at <= now()`,
        [k, toJson(newValue), this.#ttlOf(key, options)]
      );
    } else if (newValue === undefined) {
      result = await this.#pool.query(
        `delete from federation_kv where key = $1::text[] and value = $2::jsonb and ${LIVE}`,
        [k, toJson(expectedValue)]
      );
    } else {
      result = await this.#pool.query(
        `update federation_kv set value = $3::jsonb, expires_at = ${expiresAt(4)}
         where key = $1::text[] and value = $2::jsonb and ${LIVE}`,
        [k, toJson(expectedValue), toJson(newValue), this.#ttlOf(key, options)]
      );
    }
    return result.rowCount === 1;
  }

  /** Entries whose key starts with `prefix` (all entries without one), read in pages ordered by key. */
  async *list(prefix?: KvKey): AsyncIterable<KvStoreListEntry> {
    const p = prefix ? [...prefix] : [];
    let after: string[] | null = null;
    for (;;) {
      const { rows }: pg.QueryResult<{ key: string[]; value: unknown }> = await this.#pool.query(
        `select key, value from federation_kv
         where ${LIVE} and ($1::int = 0 or key[1:$1::int] = $2::text[]) and ($3::text[] is null or key > $3::text[])
         order by key limit ${LIST_PAGE}`,
        [p.length, p, after]
      );
      for (const row of rows) yield { key: row.key as unknown as KvKey, value: row.value };
      if (rows.length < LIST_PAGE) return;
      after = rows[rows.length - 1]!.key;
    }
  }

  /** Deletes expired rows; returns how many. */
  async sweepExpired(): Promise<number> {
    const result = await this.#pool.query('delete from federation_kv where expires_at <= now()');
    return result.rowCount ?? 0;
  }
}

/** node-postgres would send a string raw and an array as a Postgres array: always send JSON text. */
function toJson(value: unknown): string {
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError(`cannot store ${typeof value} in the key-value store`);
  return json;
}

/** Fedify's TTLs are clock durations (hours, minutes); calendar units (months) would need a start date and throw. */
function ttlMillis(options: KvStoreSetOptions | undefined): number | null {
  return options?.ttl == null ? null : options.ttl.total({ unit: 'millisecond' });
}
