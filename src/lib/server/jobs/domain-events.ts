import { domainEvents } from '../db/schema/platform.ts';
import type { Transaction } from '../db/transaction.ts';
import type { DomainEvent, DomainEventMap, DomainEventType } from '../core/domain-events.ts';
import type { Jobs } from './queue.ts';

/** The channel on which committed domain events of the live types are announced (`NOTIFY`). */
export const LIVE_CHANNEL = 'convene_live';
/** Facts that open pages and GraphQL subscriptions follow as they happen. */
const LIVE_TYPES: ReadonlySet<DomainEventType> = new Set([
  'ParticipantJoined',
  'ParticipantLeft',
  'ParticipantRoleChanged',
  'DiscussionReplied',
  'DiscussionRenamed',
  'MemberChanged',
  'MemberRemoved'
]);

export interface LiveSignal {
  type: DomainEventType;
  payload: DomainEventMap[DomainEventType];
}

export type DomainEventHandler<T extends DomainEventType> = (event: DomainEvent<T>) => Promise<void>;

/** What services use to record facts; they never see the queue. */
export interface DomainEventRecorder {
  record<T extends DomainEventType>(tx: Transaction, type: T, payload: DomainEventMap[T]): Promise<void>;
}

/**
 * Records each domain event in its transaction and enqueues one job per subscriber in that same
 * transaction, so each reaction retries on its own and none is lost or run for a rolled-back change.
 */
export class DomainEventBus implements DomainEventRecorder {
  private readonly subscribers = new Map<DomainEventType, string[]>();
  private readonly jobs: Jobs;
  private readonly retryDelaySeconds: number;
  constructor(jobs: Jobs, options: { retryDelaySeconds?: number } = {}) {
    this.jobs = jobs;
    this.retryDelaySeconds = options.retryDelaySeconds ?? 10;
  }

  subscribe<T extends DomainEventType>(type: T, name: string, handler: DomainEventHandler<T>, retryLimit = 10): void {
    const jobName = `on.${type}.${name}`;
    this.jobs.define<DomainEvent<T>>({
      name: jobName,
      handle: (event) => handler(event),
      retryLimit,
      retryDelay: this.retryDelaySeconds
    });
    this.subscribers.set(type, [...(this.subscribers.get(type) ?? []), jobName]);
  }

  async record<T extends DomainEventType>(tx: Transaction, type: T, payload: DomainEventMap[T]): Promise<void> {
    const [row] = await tx.db.insert(domainEvents).values({ type, payload }).returning();
    if (!row) throw new Error('domain event not recorded');
    const event: DomainEvent<T> = { id: row.id, type, payload, occurredAt: row.occurredAt.toISOString() };
    for (const jobName of this.subscribers.get(type) ?? []) {
      await this.jobs.send(jobName, event, { client: tx.client });
    }
    // Delivered by PostgreSQL only if the transaction commits, and to every listening process.
    if (LIVE_TYPES.has(type)) {
      const signal: LiveSignal = { type, payload };
      await tx.client.query('select pg_notify($1, $2)', [LIVE_CHANNEL, JSON.stringify(signal)]);
    }
  }
}
