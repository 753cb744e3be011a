import http from 'node:http';
import https from 'node:https';
import type pg from 'pg';
import type { Config } from '../../config/index.ts';
import type { Logger } from '../../core/logger.ts';
import { userAgentOf, type SafeFetch } from '../fetch/index.ts';
import { createSafeFetch } from '../fetch/safe-fetch.ts';
import { createNodeTransport } from '../fetch/transport.ts';
import type { KeyPairCache } from '../keys.ts';
import { claimDeliveries, type ClaimedDelivery } from './claim.ts';
import { DELIVERY_CHANNEL } from './enqueue.ts';
import { holdHost, recordHostFailure, recordHostSuccess } from './hosts.ts';
import { decide, isHostFailure, retryAfterOf, type Decision } from './outcome.ts';
import { postActivity, type PostOutcome } from './post.ts';
import { abandonInbox, releaseDelivery, settleDelivery } from './settle.ts';

const blockedDecision: Decision = { state: 'failed', reason: 'blocked', prune: false };

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
  /** How long a stop waits for deliveries in flight before cutting them short (they are queued again). */
  stopGraceMs?: number;
  /** The checked fetch POSTs go through; by default one of its own, keeping connections per host. */
  fetch?: SafeFetch;
}

interface Signer {
  keyId: URL;
  privateKey: CryptoKey;
}

/** Deliveries in flight to one host from one worker (a single server is not flooded). */
const PER_HOST = 8;
const POST_TIMEOUT_MS = 15_000;
const STOP_GRACE_MS = 5_000;
const BATCH_WAIT_MS = 20;

/** A POST must end well within its lease, or another worker would send the same delivery meanwhile. */
export function postTimeoutMs(leaseSeconds: number): number {
  return Math.max(1000, Math.min(POST_TIMEOUT_MS, Math.floor(leaseSeconds * 600)));
}

/**
 * Sends queued deliveries, up to `concurrency` at once (and `PER_HOST` per host), for as long as it
 * runs. Each delivery is leased before it is sent and settled after; if the process dies in
 * between, the lease runs out and another worker sends it again (the receiver sees the same
 * activity id twice at most). Stopping lets the deliveries in flight finish, for `stopGraceMs` at
 * most; those cut short go back to the queue at once.
 */
export class DeliveryWorker {
  private readonly deps: DeliveryWorkerDeps;
  private readonly fetch: SafeFetch;
  /** Kept-alive connections: a fan-out to one server reuses them instead of a TLS handshake per POST. */
  private readonly agents = {
    http: new http.Agent({ keepAlive: true, maxSockets: PER_HOST }),
    https: new https.Agent({ keepAlive: true, maxSockets: PER_HOST })
  };
  private inFlight = 0;
  private readonly inFlightByHost = new Map<string, number>();
  private running: Promise<void> | undefined;
  private wakeUp: (() => void) | undefined;
  /** A wake-up that came while the loop was busy: the next idle returns at once. */
  private woken = false;
  private readonly cancel = new AbortController();
  private readonly bodies = new Map<string, string>();
  private listener: pg.PoolClient | undefined;

  constructor(deps: DeliveryWorkerDeps) {
    this.deps = deps;
    this.fetch =
      deps.fetch ??
      createSafeFetch({
        allowPrivateAddresses: deps.config.allowPrivateAddresses,
        userAgent: userAgentOf(deps.config),
        timeoutMs: postTimeoutMs(deps.config.delivery.leaseSeconds),
        transport: createNodeTransport(this.agents)
      });
  }

  start(signal: AbortSignal): void {
    if (this.running) return;
    this.running = this.loop(signal);
    let grace: NodeJS.Timeout | undefined;
    const onAbort = () => {
      this.wake();
      grace = setTimeout(() => this.cancel.abort(), this.deps.stopGraceMs ?? STOP_GRACE_MS);
      grace.unref();
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    void this.running.finally(() => clearTimeout(grace));
  }

  /** Resolves when the loop has stopped and every delivery in flight is settled or queued again. */
  async stopped(): Promise<void> {
    await this.running;
  }

  private async loop(signal: AbortSignal): Promise<void> {
    await this.listen();
    const { concurrency } = this.deps.config.delivery;
    const pollMs = this.deps.pollMs ?? 1000;
    // Claiming for every slot that frees up costs a claim per delivery in a fan-out; wait for a few
    // slots (a quarter, at most eight), but never longer than BATCH_WAIT_MS.
    const batch = Math.max(1, Math.min(8, Math.floor(concurrency / 4)));
    const pending = new Set<Promise<void>>();
    let lastClaim = 0;
    while (!signal.aborted) {
      this.woken = false;
      const free = concurrency - this.inFlight;
      if (free === 0) {
        await this.idle(signal, pollMs);
        continue;
      }
      const waited = performance.now() - lastClaim;
      if (free < batch && this.inFlight > 0 && waited < BATCH_WAIT_MS) {
        await this.idle(signal, BATCH_WAIT_MS - waited);
        continue;
      }
      lastClaim = performance.now();
      let claimed: ClaimedDelivery[] = [];
      try {
        claimed = await claimDeliveries(this.deps.pool, {
          limit: free,
          leaseSeconds: this.deps.config.delivery.leaseSeconds,
          perHost: PER_HOST,
          circuitFailures: this.deps.config.delivery.circuitFailures,
          inFlight: this.inFlightByHost
        });
      } catch (error) {
        if (!signal.aborted) this.deps.logger.warn('delivery claim failed', { error: String(error) });
      }
      for (const delivery of claimed) {
        this.track(delivery.host, 1);
        const run = this.deliver(delivery).finally(() => {
          this.track(delivery.host, -1);
          pending.delete(run);
          this.wake();
        });
        pending.add(run);
      }
      // Nothing due (or only what per-host limits hold back): wait for a NOTIFY, a slot or the poll.
      if (claimed.length === 0) await this.idle(signal, pollMs);
    }
    await Promise.allSettled([...pending]);
    this.agents.http.destroy();
    this.agents.https.destroy();
    // Its LISTEN must not follow the connection back into the pool.
    this.listener?.release(true);
    this.listener = undefined;
  }

  private track(host: string, change: 1 | -1): void {
    this.inFlight += change;
    const n = (this.inFlightByHost.get(host) ?? 0) + change;
    if (n > 0) this.inFlightByHost.set(host, n);
    else this.inFlightByHost.delete(host);
  }

  private wake(): void {
    if (this.wakeUp) this.wakeUp();
    else this.woken = true;
  }

  private idle(signal: AbortSignal, ms: number): Promise<void> {
    if (signal.aborted || this.woken) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeUp = done;
    });
  }

  /** NOTIFY from any process that queued deliveries wakes this worker at once. */
  private async listen(): Promise<void> {
    try {
      const client = await this.deps.pool.connect();
      client.on('notification', () => this.wake());
      client.on('error', () => {});
      await client.query(`listen ${DELIVERY_CHANNEL}`);
      this.listener = client;
    } catch (error) {
      this.deps.logger.warn('delivery worker cannot listen; polling only', { error: String(error) });
    }
  }

  private async deliver(delivery: ClaimedDelivery): Promise<void> {
    const { pool, config, logger } = this.deps;
    // An administrator blocked the host after this was queued: nothing is sent to it.
    if (delivery.hostBlocked) {
      await this.settle(delivery, { kind: 'http', status: 0, error: 'blocked' }, blockedDecision);
      return;
    }
    let outcome: PostOutcome;
    try {
      const signer = await this.signer(delivery.signerId);
      outcome = signer
        ? await postActivity({
            inboxUrl: delivery.inboxUrl,
            body: this.body(delivery),
            keyId: signer.keyId,
            privateKey: signer.privateKey,
            fetch: this.fetch,
            signal: this.cancel.signal
          })
        : { kind: 'http', status: 0, error: 'the signing actor has no key any more' };
    } catch (error) {
      outcome = { kind: 'network', error: String(error) };
    }
    if (outcome.kind === 'network' && this.cancel.signal.aborted) {
      await releaseDelivery(pool, delivery).catch((error: unknown) =>
        logger.warn('delivery could not be released', { delivery: delivery.id, error: String(error) })
      );
      return;
    }
    const decision = decide(outcome, delivery, config.delivery);
    // The hot path (2xx) closes the circuit with the settling write; the rest write it first.
    const closeCircuit = outcome.kind === 'delivered';
    try {
      if (isHostFailure(outcome)) {
        await recordHostFailure(pool, delivery.host, {
          threshold: config.delivery.circuitFailures,
          openSeconds: config.delivery.circuitOpenSeconds,
          probe: delivery.probe
        });
      } else if (outcome.kind === 'http' && outcome.status > 0) {
        await recordHostSuccess(pool, delivery.host);
      }
      const asked = retryAfterOf(outcome);
      if (asked !== undefined) await holdHost(pool, delivery.host, asked);
    } catch (error) {
      logger.warn('delivery host state not written', { host: delivery.host, error: String(error) });
    }
    await this.settle(delivery, outcome, decision, closeCircuit);
  }

  private async settle(
    delivery: ClaimedDelivery,
    outcome: PostOutcome,
    decision: Decision,
    closeCircuit = false
  ): Promise<void> {
    const { pool, logger } = this.deps;
    try {
      const gone = decision.state === 'failed' && decision.prune;
      // Before this one is settled, or a delivery it held back (same ordering key) could slip out.
      if (gone) await abandonInbox(pool, delivery.inboxUrl);
      if (!(await settleDelivery(pool, delivery, outcome, decision, { closeCircuit }))) {
        logger.debug('delivery taken over by another worker', { delivery: delivery.id });
        return;
      }
      if (gone) await this.deps.onInboxGone(delivery.inboxUrl);
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
        next: decision.state === 'pending' ? `${decision.delaySeconds}s` : decision.reason
      });
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
