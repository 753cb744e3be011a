import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { newTestDatabase } from '../helpers/database.ts';

describe('test databases', () => {
  const dbs: { drop(): Promise<void> }[] = [];
  afterAll(async () => Promise.all(dbs.map((d) => d.drop())));

  it('clones a migrated database with the extensions search needs', async () => {
    const db = await newTestDatabase();
    dbs.push(db);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const ext = await client.query<{ extname: string }>('select extname from pg_extension order by extname');
    const tables = await client.query<{ tablename: string }>(
      `select tablename from pg_tables where schemaname = 'public' order by tablename`
    );
    await client.end();
    expect(ext.rows.map((r) => r.extname)).toEqual(
      expect.arrayContaining(['pg_trgm', 'unaccent', 'cube', 'earthdistance'])
    );
    expect(tables.rows.map((r) => r.tablename)).toEqual(
      expect.arrayContaining(['users', 'actors', 'events', 'domain_events'])
    );
  });
});
