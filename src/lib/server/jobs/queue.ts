import { createHash } from 'node:crypto';
import { PgBoss } from 'pg-boss';
import type pg from 'pg';
import type { Logger } from '../core/logger.ts';

export interface JobContext {
  jobId: string;
  attempt: number;
  signal: AbortSignal;
}

export interface JobDefinition<T extends object = object> {
  name: string;
  handle(data: T, context: JobContext): Promise<void>;
  /** Attempts after the first; then the job moves to `<name>.dead`. */
  retryLimit?: number;
  /** Seconds before the first retry; doubled each time with `retryBackoff`. */
  retryDelay?: number;
  retryBackoff?: boolean;
  concurrency?: number;
  /** Cron expression (UTC) for jobs the queue starts by itself, e.g. '17 * * * *'. */
  cron?: string;
}

export const deadLetterQueue = (name: string) => `${name}.dead`;

/**
 * Durable jobs on pg-boss. Queues are declared once from the registry; `send` can join the caller's
 * transaction so that a job exists exactly when the change that caused it was committed.
 */
export class Jobs {
  readonly boss: PgBoss;
  private readonly definitions = new Map<string, JobDefinition>();
  private readonly logger: Logger;
  private started = false;

  constructor(connectionString: string, logger: Logger, options: { pollingIntervalSeconds?: number } = {}) {
    this.logger = logger;
    this.pollingIntervalSeconds = options.pollingIntervalSeconds ?? 2;
    // LISTEN/NOTIFY wakes idle workers when a job arrives, instead of waiting for the next poll.
    this.boss = new PgBoss({ connectionString, max: 4, schedule: true, supervise: true, useListenNotify: true });
    this.boss.on('error', (error: unknown) => this.logger.error('job queue error', { error: String(error) }));
  }

  private readonly pollingIntervalSeconds: number;

  define<T extends object>(definition: JobDefinition<T>): void {
    if (this.definitions.has(definition.name)) throw new Error(`job ${definition.name} defined twice`);
    this.definitions.set(definition.name, definition as unknown as JobDefinition);
  }

  has(name: string): boolean {
    return this.definitions.has(name);
  }

  /** Connects and declares every queue (idempotent); workers start separately. */
  async start(): Promise<void> {
    if (this.started) return;
    await this.boss.start();
    for (const def of this.definitions.values()) {
      await this.ensureQueue(def);
      if (def.cron) await this.boss.schedule(def.name, def.cron);
    }
    this.started = true;
  }

  private async ensureQueue(def: JobDefinition): Promise<void> {
    const dead = deadLetterQueue(def.name);
    if (!(await this.boss.getQueue(dead))) await this.boss.createQueue(dead);
    if (!(await this.boss.getQueue(def.name))) {
      await this.boss.createQueue(def.name, {
        retryLimit: def.retryLimit ?? 5,
        retryDelay: def.retryDelay ?? 10,
        retryBackoff: def.retryBackoff ?? true,
        deadLetter: dead
      });
    }
  }

  async startWorkers(): Promise<void> {
    for (const def of this.definitions.values()) {
      const worker: { id?: string } = {};
      worker.id = await this.boss.work<object>(
        def.name,
        { pollingIntervalSeconds: this.pollingIntervalSeconds, localConcurrency: def.concurrency ?? 1 },
        async (batch) => {
          try {
            for (const job of batch) {
              try {
                await def.handle(job.data, { jobId: job.id, attempt: job.retryCount, signal: job.signal });
              } catch (error) {
                this.logger.warn('job failed', {
                  job: def.name,
                  id: job.id,
                  attempt: job.retryCount,
                  error: String(error)
                });
                throw error;
              }
            }
          } finally {
            // Fetch again at once rather than after the poll interval: a backlog (200 accepts, a
            // fan-out) drains without pauses; an empty fetch sleeps as usual.
            if (worker.id) this.boss.notifyWorker(worker.id);
          }
        }
      );
    }
  }

  /**
   * Enqueues a job; with `client`, inside that client's open transaction. With `id` (a UUID), a
   * job already sent under that id makes this a no-op: callers derive it from what makes the job unique.
   */
  async send(
    name: string,
    data: object,
    options: { client?: pg.PoolClient; startAfter?: Date | number; id?: string } = {}
  ) {
    if (!this.definitions.has(name)) throw new Error(`unknown job ${name}`);
    const db = options.client
      ? { executeSql: (text: string, values?: unknown[]) => options.client!.query(text, values) }
      : undefined;
    return this.boss.send(name, data, { db, startAfter: options.startAfter, id: options.id });
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    await this.boss.stop({ graceful: true, timeout: 8000, close: true });
  }
}

/** A job id that is the same every time for the same key, so that sending it twice enqueues it once. */
export function jobIdFor(key: string): string {
  const h = createHash('sha256').update(key).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
