import { mkdtemp, rm, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createDb, runMigrations } from '#lib/server/db/client.ts';
import { startEmbeddedPostgres } from '#lib/server/db/embedded.ts';

export const TEMPLATE_DATABASE = 'convene_test_template';

export interface TestPostgres {
  /** URL of a maintenance database on the server (used to create and drop test databases). */
  adminUrl: string;
  stop(): Promise<void>;
}

/** Starts the server tests run on: TEST_DATABASE_URL when set, else an embedded PostgreSQL. */
export async function startTestPostgres(): Promise<TestPostgres> {
  const external = process.env.TEST_DATABASE_URL;
  if (external) return { adminUrl: external, stop: async () => {} };
  const dir = await mkdtemp(join(tmpdir(), 'convene-test-pg-'));
  await chmod(dir, 0o755);
  const server = await startEmbeddedPostgres(dir);
  return {
    adminUrl: server.url,
    stop: async () => {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    }
  };
}

export function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function withAdmin<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Builds the migrated template every test database is cloned from; drops leftovers of older runs. */
export async function prepareTemplate(adminUrl: string): Promise<void> {
  await withAdmin(adminUrl, async (client) => {
    const stale = await client.query<{ datname: string }>(
      `select datname from pg_database where datname like 'convene_t\\_%' or datname = $1`,
      [TEMPLATE_DATABASE]
    );
    for (const { datname } of stale.rows) {
      await client.query(`drop database if exists "${datname}" with (force)`);
    }
    await client.query(`create database "${TEMPLATE_DATABASE}"`);
  });
  const handle = createDb(databaseUrl(adminUrl, TEMPLATE_DATABASE), { max: 1 });
  try {
    await runMigrations(handle.db);
  } finally {
    await handle.close();
  }
}

let counter = 0;

/** A fresh, migrated database cloned from the template (a few milliseconds). */
export async function createTestDatabase(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `convene_t_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  await withAdmin(adminUrl, (client) => client.query(`create database "${name}" template "${TEMPLATE_DATABASE}"`));
  return {
    url: databaseUrl(adminUrl, name),
    drop: () =>
      withAdmin(adminUrl, (client) => client.query(`drop database if exists "${name}" with (force)`)).then(() => {})
  };
}
