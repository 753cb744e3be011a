import { randomUUID } from 'node:crypto';
import type { MessageQueue, MessageQueueEnqueueOptions, MessageQueueListenOptions } from '@fedify/fedify';
import type { Job, JobInsert, JobResult, PgBoss } from 'pg-boss';

export interface PgBossMessageQueueOptions {
  /** Messages fetched, and handled concurrently, per listener. Default 8. */
  batchSize?: number;
  /** Idle poll interval (at least 0.5). Default 2. Enqueues also wake listeners at once when the
   * PgBoss instance was built with `useListenNotify: true`. */
  pollingIntervalSeconds?: number;
  /** A message whose handler runs longer than this is failed (and retried). Default 300. */
  expireInSeconds?: number;
  /** Called when a handler throws; pg-boss then retries the message a few times. */
  onError?: (error: unknown, message: unknown) => void;
}

/** pg-boss stores an object per job; Fedify's messages are any JSON (strings in its conformance test). */
interface Envelope {
  message: unknown;
}

const POLICY = 'key_strict_fifo';

/**
 * Fedify's message queue on pg-boss.
 *
 * Ordering keys: the queue uses pg-boss's `key_strict_fifo` policy, which hands out only the oldest
 * ready job of each `singletonKey` and none while another job of that key is active or awaiting a
 * retry (a unique index enforces it across processes). A message with an `orderingKey` gets that key;
 * one without gets a key of its own, so it waits for nothing. As with Fedify's other backends, a
 * delayed message joins its key's order when it becomes due: Fedify's own retries (re-enqueued with
 * a delay, since `nativeRetrial` is false) let later messages of the key pass meanwhile.
 *
 * A handler that throws (Fedify rethrows only unexpected errors; failed deliveries are re-enqueued by
 * Fedify itself) is retried by pg-boss 3 times with backoff. After that the job stays `failed` and
 * holds back its key until pg-boss deletes it (`deleteAfterSeconds`, one hour here).
 */
export class PgBossMessageQueue implements MessageQueue {
  readonly nativeRetrial = false;
  readonly #boss: PgBoss;
  readonly #name: string;
  readonly #batchSize: number;
  readonly #pollingIntervalSeconds: number;
  readonly #expireInSeconds: number;
  readonly #onError: PgBossMessageQueueOptions['onError'];
  #ready: Promise<void> | undefined;

  constructor(boss: PgBoss, name = 'fedify', options: PgBossMessageQueueOptions = {}) {
    this.#boss = boss;
    this.#name = name;
    this.#batchSize = options.batchSize ?? 8;
    this.#pollingIntervalSeconds = options.pollingIntervalSeconds ?? 2;
    this.#expireInSeconds = options.expireInSeconds ?? 300;
    this.#onError = options.onError;
  }

  async enqueue(message: unknown, options?: MessageQueueEnqueueOptions): Promise<void> {
    await this.#ensureQueue();
    await this.#boss.send(this.#name, { message } satisfies Envelope, this.#jobOptions(options));
  }

  async enqueueMany(messages: readonly unknown[], options?: MessageQueueEnqueueOptions): Promise<void> {
    await this.#ensureQueue();
    if (options?.orderingKey != null) {
      // One insert gives every job the same created_on, and pg-boss breaks such ties by random id:
      // messages that must keep their order go in one statement each.
      for (const message of messages) await this.enqueue(message, options);
      return;
    }
    const jobs: JobInsert<Envelope>[] = messages.map((message) => ({
      data: { message },
      ...this.#jobOptions(options)
    }));
    if (jobs.length > 0) await this.#boss.insert(this.#name, jobs);
  }

  async listen(
    handler: (message: unknown) => Promise<void> | void,
    options: MessageQueueListenOptions = {}
  ): Promise<void> {
    const { signal } = options;
    await this.#ensureQueue();
    if (signal?.aborted) return;
    const worker: { id?: string } = {};
    const handle = async (job: Job<Envelope>): Promise<JobResult> => {
      try {
        await handler(job.data.message);
        return { id: job.id, status: 'completed' };
      } catch (error) {
        this.#onError?.(error, job.data.message);
        return { id: job.id, status: 'failed', output: { error: String(error) } };
      }
    };
    worker.id = await this.#boss.work<Envelope>(
      this.#name,
      {
        batchSize: this.#batchSize,
        pollingIntervalSeconds: this.#pollingIntervalSeconds,
        // Delayed messages are found by polling only; a NOTIFY wakeup must not slow that down.
        notifyPollingIntervalSeconds: this.#pollingIntervalSeconds,
        perJobResults: true
      },
      async (jobs) => {
        // A batch holds at most one job per key (see the class comment), so its jobs may run together.
        const results = await Promise.all(jobs.map(handle));
        // Fetch again at once rather than after the poll interval: finishing a job may have released
        // the next one of its key, and a backlog drains without pauses. An empty fetch sleeps as usual.
        if (worker.id) this.#boss.notifyWorker(worker.id);
        return results;
      }
    );
    await aborted(signal);
    // Stops polling at once and waits for the batch in hand.
    await this.#boss.offWork(this.#name, { id: worker.id, wait: true });
  }

  #jobOptions(options: MessageQueueEnqueueOptions | undefined): Pick<JobInsert, 'singletonKey' | 'startAfter'> {
    const key = options?.orderingKey;
    const delayMs = options?.delay?.total({ unit: 'millisecond' }) ?? 0;
    return {
      singletonKey: key == null ? `u:${randomUUID()}` : `k:${key}`,
      // Seconds from now by the database clock (pg-boss casts the number to an interval).
      ...(delayMs > 0 ? { startAfter: delayMs / 1000 } : {})
    };
  }

  #ensureQueue(): Promise<void> {
    this.#ready ??= this.#createQueue().catch((error: unknown) => {
      this.#ready = undefined;
      throw error;
    });
    return this.#ready;
  }

  async #createQueue(): Promise<void> {
    const existing = await this.#boss.getQueue(this.#name);
    if (existing) {
      if (existing.policy !== POLICY) {
        throw new Error(`pg-boss queue ${this.#name} has policy ${existing.policy}; Fedify's queue needs ${POLICY}`);
      }
      return;
    }
    await this.#boss.createQueue(this.#name, {
      policy: POLICY,
      retryLimit: 3,
      retryDelay: 10,
      retryBackoff: true,
      expireInSeconds: this.#expireInSeconds,
      deleteAfterSeconds: 3600,
      notify: true
    });
  }
}

function aborted(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (!signal) return; // no signal: listen forever, as the interface says
    if (signal.aborted) return resolve();
    signal.addEventListener('abort', () => resolve(), { once: true });
  });
}
