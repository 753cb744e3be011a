import type pg from 'pg';
import type { Config } from '../../config/index.ts';
import type { Logger } from '../../core/logger.ts';
import { SOFTWARE_VERSION } from '../../domain/instance/index.ts';
import type { KeyPairCache } from '../keys.ts';
import { claimDeliveries, type ClaimedDelivery } from './claim.ts';
import { DELIVERY_CHANNEL } from './enqueue.ts';
import { recordHostFailure, recordHostSuccess } from './hosts.ts';
import { decide, isHostFailure } from './outcome.ts';
import { postActivity, type PostOutcome } from './post.ts';
import { abandonInbox, settleDelivery } from './settle.ts';

export interface DeliveryWorkerDeps {
  pool: pg.Pool;
  config: Config;
  logger: Logger;
  keys: KeyPairCache;
  /** An inbox answered 404 or 410: whoever receives there is gone. */
  onInboxGone(inboxUrl: string): Promise<void>;
  /** A delivery was delivered or given up (not called while it waits for a retry). */
  onSettled?(delivery: ClaimedDelivery): Promise<void>;
  /** Idle poll interval; a NOTIFY wakes the worker sooner. */
  pollMs?: number;
}

interface Signer {
  keyId: URL;
  privateKey: CryptoKey;
}

const PER_HOST = 8;
const POST_TIMEOUT_MS = 15_000;

/**
 * Sends queued deliveries, up to `concurrency` at once, for as long as it runs. Each delivery is
 * leased before it is sent and settled after; if the process dies in between, the lease runs out
 * and another worker sends it again (the receiver sees the same activity id twice at most).
 */
export class DeliveryWorker {
  private readonly deps: DeliveryWorkerDeps;
  private readonly userAgent: string;
  private inFlight = 0;
  private running: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private readonly bodies = new Map<string, string>();
  private listener: pg.PoolClient | undefined;

  constructor(deps: DeliveryWorkerDeps) {
    this.deps = deps;
    this.userAgent = `Convene/${SOFTWARE_VERSION} (+${deps.config.publicUrl})`;
  }

  start(signal: AbortSignal): void {
    this.running ??= this.loop(signal);
    signal.addEventListener('abort', () => this.wake?.(), { once: true });
  }

  /** Resolves when the loop has stopped and every delivery in flight is settled. */
  async stopped(): Promise<void> {
    await this.running;
  }

  private async loop(signal: AbortSignal): Promise<void> {
    await this.listen();
    const { concurrency } = this.deps.config.delivery;
    const pending = new Set<Promise<void>>();
    while (!signal.aborted) {
      const free = concurrency - this.inFlight;
      let claimed: ClaimedDelivery[] = [];
      if (free > 0) {
        try {
          claimed = await claimDeliveries(this.deps.pool, {
            limit: free,
            leaseSeconds: this.deps.config.delivery.leaseSeconds,
            perHost: PER_HOST,
            circuitFailures: this.deps.config.delivery.circuitFailures
          });
        } catch (error) {
          if (!signal.aborted) this.deps.logger.warn('delivery claim failed', { error: String(error) });
        }
      }
      for (const delivery of claimed) {
        this.inFlight++;
        const run = this.deliver(delivery).finally(() => {
          this.inFlight--;
          pending.delete(run);
          this.wake?.();
        });
        pending.add(run);
      }
      if (claimed.length === 0 || claimed.length === free) await this.idle(signal);
    }
    await Promise.allSettled([...pending]);
    this.listener?.release();
    this.listener = undefined;
  }

  private idle(signal: AbortSignal): Promise<void> {
    if (signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, this.deps.pollMs ?? 1000);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = undefined;
        done();
      };
    });
  }

  /** NOTIFY from any process that queued deliveries wakes this worker at once. */
  private async listen(): Promise<void> {
    try {
      const client = await this.deps.pool.connect();
      client.on('notification', () => this.wake?.());
      client.on('error', () => {});
      await client.query(`listen ${DELIVERY_CHANNEL}`);
      this.listener = client;
    } catch (error) {
      this.deps.logger.warn('delivery worker cannot listen; polling only', { error: String(error) });
    }
  }

  private async deliver(delivery: ClaimedDelivery): Promise<void> {
    if (delivery.hostBlocked) return this.giveUpBlocked(delivery);
    const { pool, config, logger } = this.deps;
    let outcome: PostOutcome;
    try {
      const signer = await this.signer(delivery.signerId);
      outcome = signer
        ? await postActivity({
            inboxUrl: delivery.inboxUrl,
            body: this.body(delivery),
            keyId: signer.keyId,
            privateKey: signer.privateKey,
            userAgent: this.userAgent,
            allowPrivateAddresses: config.allowPrivateAddresses,
            timeoutMs: POST_TIMEOUT_MS
          })
        : { kind: 'http', status: 0, error: 'the signing actor has no key any more' };
    } catch (error) {
      outcome = { kind: 'network', error: String(error) };
    }
    const decision = decide(outcome, delivery, config.delivery);
    try {
      if (isHostFailure(outcome)) {
        await recordHostFailure(pool, delivery.host, {
          threshold: config.delivery.circuitFailures,
          openSeconds: config.delivery.circuitOpenSeconds
        });
      } else if (outcome.kind !== 'network') {
        await recordHostSuccess(pool, delivery.host);
      }
      await settleDelivery(pool, delivery, outcome, decision);
      if (decision.state === 'failed' && decision.prune) {
        await abandonInbox(pool, delivery.inboxUrl);
        await this.deps.onInboxGone(delivery.inboxUrl);
      }
      if (decision.state !== 'pending') await this.deps.onSettled?.(delivery);
    } catch (error) {
      // The lease runs out and the delivery is tried again: at worst the inbox gets it twice.
      logger.warn('delivery could not be settled', { delivery: delivery.id, error: String(error) });
      return;
    }
    if (decision.state !== 'delivered') {
      logger.debug('delivery failed', {
        inbox: delivery.inboxUrl,
        activity: delivery.activityApId,
        attempt: delivery.attempts,
        outcome: outcome.kind === 'delivered' ? 'delivered' : outcome.error,
        next: decision.state === 'pending' ? `${decision.delaySeconds}s` : decision.state
      });
    }
  }

  /** An administrator blocked the host after this was queued: nothing is sent to it. */
  private async giveUpBlocked(delivery: ClaimedDelivery): Promise<void> {
    try {
      await settleDelivery(
        this.deps.pool,
        delivery,
        { kind: 'http', status: 0, error: 'blocked' },
        { state: 'failed', reason: 'blocked', prune: false }
      );
      await this.deps.onSettled?.(delivery);
    } catch (error) {
      this.deps.logger.warn('delivery could not be settled', { delivery: delivery.id, error: String(error) });
    }
  }

  private body(delivery: ClaimedDelivery): string {
    let body = this.bodies.get(delivery.activityApId);
    if (body === undefined) {
      body = JSON.stringify(delivery.json);
      if (this.bodies.size >= 100) this.bodies.delete(this.bodies.keys().next().value!);
      this.bodies.set(delivery.activityApId, body);
    }
    return body;
  }

  private readonly signers = new Map<string, { at: number; signer: Promise<Signer | undefined> }>();

  /** The signing key, looked up once a minute at most per actor (a fan-out signs thousands of times). */
  private signer(actorId: string): Promise<Signer | undefined> {
    const hit = this.signers.get(actorId);
    if (hit && Date.now() - hit.at < 60_000) return hit.signer;
    const signer = this.loadSigner(actorId);
    this.signers.set(actorId, { at: Date.now(), signer });
    if (this.signers.size > 1000) this.signers.delete(this.signers.keys().next().value!);
    return signer;
  }

  private async loadSigner(actorId: string): Promise<Signer | undefined> {
    const { rows } = await this.deps.pool.query<{
      apId: string;
      publicKeyPem: string | null;
      privateKeyPem: string | null;
    }>(
      'select ap_id as "apId", public_key_pem as "publicKeyPem", private_key_pem as "privateKeyPem" from actors where id = $1',
      [actorId]
    );
    const actor = rows[0];
    if (!actor?.publicKeyPem || !actor.privateKeyPem) return undefined;
    const pair = await this.deps.keys.get(`actor:${actorId}`, actor.publicKeyPem, actor.privateKeyPem);
    return { keyId: new URL(`${actor.apId}#main-key`), privateKey: pair.privateKey };
  }
}
