import { describe, expect, it } from 'vitest';
import { backoffSeconds, decide, isHostFailure, retryAfterOf, type RetryPolicy } from './outcome.ts';
import type { PostOutcome } from './post.ts';

const policy: RetryPolicy = { retryBaseSeconds: 30, giveUpHours: 72 };
const now = Date.parse('2026-03-01T12:00:00Z');
const queued = (hoursAgo: number, attempts = 1) => ({ attempts, createdAt: new Date(now - hoursAgo * 3600_000) });
const http = (status: number, retryAfterSeconds?: number): PostOutcome => ({
  kind: 'http',
  status,
  retryAfterSeconds,
  error: `HTTP ${status}`
});
const network: PostOutcome = { kind: 'network', error: 'ECONNREFUSED' };

describe('backoffSeconds', () => {
  it('doubles from the base with each attempt, within ±25 %', () => {
    expect(backoffSeconds(1, 30, () => 0.5)).toBe(30);
    expect(backoffSeconds(2, 30, () => 0.5)).toBe(60);
    expect(backoffSeconds(5, 30, () => 0.5)).toBe(480);
    expect(backoffSeconds(3, 30, () => 0)).toBe(90);
    expect(backoffSeconds(3, 30, () => 0.999999)).toBe(150);
  });

  it('stops growing at six hours (jitter included) and never answers less than a second', () => {
    expect(backoffSeconds(40, 30, () => 0.5)).toBe(6 * 3600);
    expect(backoffSeconds(1000, 3600, () => 0.999999)).toBe(Math.round(6 * 3600 * 1.25));
    expect(backoffSeconds(1, 1, () => 0)).toBe(1);
    expect(backoffSeconds(0, 30, () => 0.5)).toBe(30);
  });
});

describe('decide', () => {
  it('settles a 2xx as delivered', () => {
    expect(decide({ kind: 'delivered', status: 202 }, queued(0), policy, now)).toEqual({ state: 'delivered' });
  });

  it('gives up at once on 404 and 410, and asks for the recipients to be pruned', () => {
    for (const status of [404, 410]) {
      expect(decide(http(status), queued(0), policy, now)).toEqual({ state: 'failed', reason: 'http', prune: true });
    }
  });

  it('gives up at once on an address it may not send to, without pruning', () => {
    expect(decide(http(0), queued(0), policy, now)).toEqual({ state: 'failed', reason: 'refused', prune: false });
  });

  it('tries other refusals (401, 403, 400, a redirect) three times in all', () => {
    for (const status of [400, 401, 403, 301, 308]) {
      expect(decide(http(status), queued(0, 1), policy, now).state).toBe('pending');
      expect(decide(http(status), queued(0, 2), policy, now).state).toBe('pending');
      expect(decide(http(status), queued(0, 3), policy, now)).toEqual({
        state: 'failed',
        reason: 'http',
        prune: false
      });
    }
  });

  it('keeps retrying 5xx, 408, 429 and network errors with growing delays', () => {
    for (const outcome of [http(500), http(502), http(503), http(408), http(429), network]) {
      const first = decide(outcome, queued(0, 1), policy, now);
      const tenth = decide(outcome, queued(0, 12), policy, now);
      expect(first.state).toBe('pending');
      expect(tenth.state).toBe('pending');
      if (first.state !== 'pending' || tenth.state !== 'pending') continue;
      expect(first.delaySeconds).toBeGreaterThanOrEqual(22);
      expect(first.delaySeconds).toBeLessThanOrEqual(38);
      expect(tenth.delaySeconds).toBeGreaterThanOrEqual(0.75 * 6 * 3600);
    }
  });

  it('waits at least what Retry-After asks on 429 and 503, and never less than the backoff', () => {
    const rateLimited = decide(http(429, 600), queued(0, 1), policy, now);
    expect(rateLimited).toEqual({ state: 'pending', delaySeconds: 600 });
    const unavailable = decide(http(503, 120), queued(0, 1), policy, now);
    expect(unavailable).toEqual({ state: 'pending', delaySeconds: 120 });
    // A Retry-After shorter than the backoff does not make us knock sooner.
    const short = decide(http(429, 0), queued(0, 6), policy, now);
    expect(short.state === 'pending' && short.delaySeconds).toBeGreaterThanOrEqual(0.75 * 30 * 32);
    // Retry-After on other statuses is no instruction.
    const other = decide(http(500, 3000), queued(0, 1), policy, now);
    expect(other.state === 'pending' && other.delaySeconds).toBeLessThanOrEqual(38);
  });

  it('gives up once the next attempt would fall after the window, measured from when it was queued', () => {
    expect(decide(http(503), queued(71.9, 6), policy, now)).toEqual({
      state: 'failed',
      reason: 'expired',
      prune: false
    });
    expect(decide(network, queued(73, 1), policy, now)).toEqual({ state: 'failed', reason: 'expired', prune: false });
    expect(decide(http(503), queued(70, 3), policy, now).state).toBe('pending');
    // A Retry-After past the window gives up now rather than waiting for nothing.
    expect(decide(http(429, 3 * 3600), queued(70, 1), policy, now)).toEqual({
      state: 'failed',
      reason: 'expired',
      prune: false
    });
  });

  it('follows the configured window and base', () => {
    const tight: RetryPolicy = { retryBaseSeconds: 1, giveUpHours: 1 };
    const early = decide(http(500), queued(0.5, 1), tight, now);
    expect(early.state === 'pending' && early.delaySeconds).toBeLessThanOrEqual(2);
    expect(decide(http(500), queued(1.01, 1), tight, now).state).toBe('failed');
  });
});

describe('retryAfterOf and isHostFailure', () => {
  it('reads Retry-After on 429 and 503 only, between a second and a day', () => {
    expect(retryAfterOf(http(429, 5))).toBe(5);
    expect(retryAfterOf(http(503, 0))).toBe(1);
    expect(retryAfterOf(http(503, 10 * 86400))).toBe(86400);
    expect(retryAfterOf(http(503))).toBeUndefined();
    expect(retryAfterOf(http(500, 5))).toBeUndefined();
    expect(retryAfterOf(network)).toBeUndefined();
  });

  it('counts network errors and 5xx against the host, not refusals or rate limits', () => {
    expect(isHostFailure(network)).toBe(true);
    expect(isHostFailure(http(500))).toBe(true);
    expect(isHostFailure(http(503))).toBe(true);
    expect(isHostFailure(http(429))).toBe(false);
    expect(isHostFailure(http(410))).toBe(false);
    expect(isHostFailure(http(0))).toBe(false);
    expect(isHostFailure({ kind: 'delivered', status: 200 })).toBe(false);
  });
});
