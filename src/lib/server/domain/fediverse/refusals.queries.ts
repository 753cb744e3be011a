import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';

/** Whether what a remote actor sends is to be dropped: it is suspended, or its server is blocked. */
export class RefusalsQueries {
  private readonly db: Database;
  constructor(db: Database) {
    this.db = db;
  }

  async isHostBlocked(host: string): Promise<boolean> {
    const result = await this.db.execute<{ blocked: boolean }>(
      sql`select exists (select 1 from instances where domain = ${host} and blocked_at is not null) as blocked`
    );
    return result.rows[0]?.blocked ?? false;
  }

  async refusesActor(actorApId: string): Promise<boolean> {
    let host: string;
    try {
      host = new URL(actorApId).host;
    } catch {
      return true;
    }
    const result = await this.db.execute<{ refused: boolean }>(sql`
      select exists (select 1 from instances where domain = ${host} and blocked_at is not null)
          or exists (select 1 from actors where ap_id = ${actorApId} and suspended) as refused
    `);
    return result.rows[0]?.refused ?? false;
  }
}
