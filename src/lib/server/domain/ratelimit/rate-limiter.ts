import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';

export interface LimitResult {
  allowed: boolean;
  /** Seconds until the window that refused the request ends. */
  retryAfterSeconds: number;
}

/**
 * Fixed-window counters in PostgreSQL, so that every web process shares them. One atomic statement
 * per hit: the first hit of a window (or of an expired one) resets the count.
 */
export class RateLimiter {
  private readonly db: Database;
  constructor(db: Database) {
    this.db = db;
  }

  async hit(key: string, limit: number, windowSeconds: number): Promise<LimitResult> {
    const result = await this.db.execute<{ hits: number; retry: number }>(sql`
      insert into rate_limits (key, hits, reset_at)
      values (${key}, 1, now() + make_interval(secs => ${windowSeconds}))
      on conflict (key) do update set
        hits = case when rate_limits.reset_at <= now() then 1 else rate_limits.hits + 1 end,
        reset_at = case when rate_limits.reset_at <= now() then excluded.reset_at else rate_limits.reset_at end
      returning hits, ceil(extract(epoch from reset_at - now()))::int as retry`);
    const row = result.rows[0];
    if (!row) return { allowed: true, retryAfterSeconds: 0 };
    return { allowed: row.hits <= limit, retryAfterSeconds: Math.max(1, row.retry) };
  }

  /** Forgets windows that ended (a scheduled job calls this). */
  async sweep(): Promise<void> {
    await this.db.execute(sql`delete from rate_limits where reset_at <= now()`);
  }
}
