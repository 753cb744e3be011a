import { inject } from 'vitest';
import { createTestDatabase } from './postgres-server.ts';

/** A database of this test file's own, cloned from the migrated template. */
export function newTestDatabase() {
  return createTestDatabase(inject('postgresAdminUrl'));
}
