import type { PostOutcome } from './post.ts';

export type Decision =
  | { state: 'delivered' }
  | { state: 'failed'; reason: FailureReason; prune: boolean }
  | { state: 'pending'; delaySeconds: number };

/**
 * Why a delivery was given up: `http` (404/410, or another refusal tried three times), `expired`
 * (still failing when the give-up window closed), `refused` (an address we may not send to, or a
 * signer without a key), `blocked` (the host was blocked after the delivery was queued).
 */
export type FailureReason = 'http' | 'expired' | 'refused' | 'blocked';

export interface RetryPolicy {
  retryBaseSeconds: number;
  giveUpHours: number;
}

const MAX_BACKOFF_SECONDS = 6 * 3600;
const MAX_RETRY_AFTER_SECONDS = 24 * 3600;
/** Other refusals (a bad request, a refused signature, a redirect) are tried this many times in all. */
const CLIENT_ERROR_ATTEMPTS = 3;

/** Exponential backoff with ±25 % jitter: base, 2·base, 4·base … at most six hours. */
export function backoffSeconds(attempts: number, base: number, random = Math.random): number {
  const exact = Math.min(MAX_BACKOFF_SECONDS, base * 2 ** Math.max(0, attempts - 1));
  return Math.max(1, Math.round(exact * (0.75 + random() / 2)));
}

/** How long a 429 or 503 answer asked us to wait (at least a second, at most a day). */
export function retryAfterOf(outcome: PostOutcome): number | undefined {
  if (outcome.kind !== 'http' || (outcome.status !== 429 && outcome.status !== 503)) return undefined;
  if (outcome.retryAfterSeconds === undefined) return undefined;
  return Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(1, outcome.retryAfterSeconds));
}

/** Whether the answer says something about the host's health (its circuit). */
export function isHostFailure(outcome: PostOutcome): boolean {
  return outcome.kind === 'network' || (outcome.kind === 'http' && outcome.status >= 500);
}

/**
 * What becomes of a delivery after an attempt. 404 and 410 are final (the recipient is gone); other
 * answers below 500 but 408 and 429 (a refused signature, a bad request, a redirect, which we do not
 * follow) are tried three times; 429 and 503 wait at least what Retry-After asks; the rest back off
 * until the give-up window (measured from when the delivery was queued) is over.
 */
export function decide(
  outcome: PostOutcome,
  delivery: { attempts: number; createdAt: Date },
  policy: RetryPolicy,
  now = Date.now()
): Decision {
  if (outcome.kind === 'delivered') return { state: 'delivered' };
  if (outcome.kind === 'http' && outcome.status === 0) return { state: 'failed', reason: 'refused', prune: false };
  if (outcome.kind === 'http' && (outcome.status === 404 || outcome.status === 410)) {
    return { state: 'failed', reason: 'http', prune: true };
  }
  const refusal = outcome.kind === 'http' && outcome.status < 500 && ![408, 429].includes(outcome.status);
  if (refusal && delivery.attempts >= CLIENT_ERROR_ATTEMPTS) return { state: 'failed', reason: 'http', prune: false };
  let delay = backoffSeconds(delivery.attempts, policy.retryBaseSeconds);
  const asked = retryAfterOf(outcome);
  if (asked !== undefined) delay = Math.max(delay, asked);
  const giveUpAt = delivery.createdAt.getTime() + policy.giveUpHours * 3600_000;
  if (now + delay * 1000 > giveUpAt) return { state: 'failed', reason: 'expired', prune: false };
  return { state: 'pending', delaySeconds: delay };
}
