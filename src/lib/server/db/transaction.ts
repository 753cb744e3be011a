import { drizzle } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import * as schema from './schema/index.ts';
import type { Database } from './client.ts';

/** One open transaction: Drizzle for our tables, and the raw client for pg-boss's inserts. */
export interface Transaction {
  db: Database;
  client: pg.PoolClient;
}

/** Runs `fn` in a transaction on one connection; commits when it resolves, rolls back when it throws. */
export async function transaction<T>(pool: pg.Pool, fn: (tx: Transaction) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const result = await fn({ db: drizzle(client, { schema }), client });
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
