import { EventEmitter, on } from 'node:events';
import pg from 'pg';
import type { Logger } from '../core/logger.ts';
import { LIVE_CHANNEL, type LiveSignal } from '../jobs/domain-events.ts';

/** How to find whose participation a signal is about when it names only the participation. */
export type ParticipantOwner = (participantId: number) => Promise<number | undefined>;

/**
 * Live updates for GraphQL subscriptions, from the domain events the database announces on commit
 * (`NOTIFY`), so that every web process hears changes made by any process. One listening connection
 * per process, opened when the first subscriber arrives.
 */
export class LiveUpdates {
  private readonly connectionString: string;
  private readonly ownerOf: ParticipantOwner;
  private readonly logger: Logger;
  private readonly emitter = new EventEmitter();
  private client: pg.Client | undefined;
  private listening: Promise<void> | undefined;

  constructor(connectionString: string, ownerOf: ParticipantOwner, logger: Logger) {
    this.connectionString = connectionString;
    this.ownerOf = ownerOf;
    this.logger = logger;
    this.emitter.setMaxListeners(0);
  }

  /** Signals each time a participation of this profile is created, changed or removed. */
  participationChangesOf(actorId: number): Promise<AsyncIterableIterator<number>> {
    return this.signals(`participation:${actorId}`, actorId);
  }

  /** Signals each time a group discussion gets a message or a new title. */
  discussionChangesOf(discussionId: number): Promise<AsyncIterableIterator<number>> {
    return this.signals(`discussion:${discussionId}`, discussionId);
  }

  /** Signals each time this profile's membership of this group is created, changed or removed. */
  membershipChangesOf(actorId: number, groupId: number): Promise<AsyncIterableIterator<number>> {
    return this.signals(`membership:${actorId}:${groupId}`, actorId);
  }

  /** Yields `value` at each signal on `channel`. */
  private async signals(channel: string, value: number): Promise<AsyncIterableIterator<number>> {
    await this.listen();
    const inner = on(this.emitter, channel);
    const iterator: AsyncIterableIterator<number> = {
      [Symbol.asyncIterator]: () => iterator,
      next: async () => {
        const result = await inner.next();
        return result.done ? { done: true, value: undefined } : { done: false, value };
      },
      // Ending the subscription ends the wait at once and drops the listener.
      return: async () => {
        await inner.return?.();
        return { done: true, value: undefined };
      }
    };
    return iterator;
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.listening = undefined;
    await client?.end().catch(() => {});
  }

  private listen(): Promise<void> {
    this.listening ??= this.connect().catch((error: unknown) => {
      this.listening = undefined;
      throw error;
    });
    return this.listening;
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.connectionString });
    client.on('notification', (message) => void this.dispatch(message.payload));
    client.on('error', (error) => {
      this.logger.warn('live updates connection lost', { error: String(error) });
      this.client = undefined;
      this.listening = undefined;
    });
    await client.connect();
    await client.query(`LISTEN ${LIVE_CHANNEL}`);
    this.client = client;
  }

  private async dispatch(raw: string | undefined): Promise<void> {
    let signal: LiveSignal;
    try {
      signal = JSON.parse(raw ?? '') as LiveSignal;
    } catch {
      return;
    }
    const payload = signal.payload as {
      actorId?: number;
      groupId?: number;
      participantId?: number;
      discussionId?: number;
    };
    if (signal.type === 'MemberChanged' || signal.type === 'MemberRemoved') {
      this.emitter.emit(`membership:${payload.actorId}:${payload.groupId}`, signal.type);
      return;
    }
    if (typeof payload.discussionId === 'number') {
      this.emitter.emit(`discussion:${payload.discussionId}`, signal.type);
      return;
    }
    const actorId = payload.actorId ?? (payload.participantId ? await this.ownerOf(payload.participantId) : undefined);
    if (actorId !== undefined) this.emitter.emit(`participation:${actorId}`, signal.type);
  }
}
