import type pg from 'pg';
import type { Config } from '../config/index.ts';
import type { Logger } from '../core/logger.ts';
import type { Database } from '../db/client.ts';
import type { DomainEventRecorder } from '../jobs/domain-events.ts';

/** What every domain service receives from app.ts; nothing is a module singleton. */
export interface ServiceDeps {
  config: Config;
  pool: pg.Pool;
  db: Database;
  events: DomainEventRecorder;
  logger: Logger;
}
