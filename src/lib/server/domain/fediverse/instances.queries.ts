import { and, inArray, isNotNull } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { instances } from '../../db/schema/federation.ts';

/** What we know of other servers, by host (with the port when it is not the default). */
export class InstancesQueries {
  private readonly db: Database;
  constructor(db: Database) {
    this.db = db;
  }

  /** Which of these hosts an administrator blocked: one primary-key look-up, cheap enough for every inbox POST. */
  async blockedAmong(hosts: readonly string[]): Promise<string[]> {
    const wanted = [...new Set(hosts.map((host) => host.toLowerCase()))];
    if (wanted.length === 0) return [];
    const rows = await this.db
      .select({ domain: instances.domain })
      .from(instances)
      .where(and(inArray(instances.domain, wanted), isNotNull(instances.blockedAt)));
    return rows.map((row) => row.domain);
  }
}
