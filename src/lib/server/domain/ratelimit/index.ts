import type { LimitResult, RateLimiter } from './rate-limiter.ts';
import { INBOX_WINDOW_SECONDS, LIMITS } from './policies.ts';

export { RateLimiter, type LimitResult } from './rate-limiter.ts';
export { INBOX_WINDOW_SECONDS, LIMITS, REMOTE_LOOKUP_LIMIT } from './policies.ts';

/** Counts one inbox delivery from a remote host (host[:port]); refused past `perMinute` in the window. */
export function checkInboxLimit(limiter: RateLimiter, host: string, perMinute: number): Promise<LimitResult> {
  return limiter.hit(`inbox:host:${host.toLowerCase()}`, perMinute, INBOX_WINDOW_SECONDS);
}

/**
 * Counts one attempt at `operation` by a client address (and for an email, when the operation
 * names one, and for the signed-in account); refused when any of its limits is spent. Unlimited
 * operations always pass.
 */
export async function checkOperationLimit(
  limiter: RateLimiter,
  operation: string,
  who: { address: string; email?: string | null; userId?: number | null }
): Promise<LimitResult> {
  const rules = LIMITS[operation];
  if (!rules) return { allowed: true, retryAfterSeconds: 0 };
  const checks = [
    limiter.hit(`${operation}:ip:${who.address}`, rules.perAddress.limit, rules.perAddress.windowSeconds)
  ];
  if (rules.perEmail && who.email) {
    const email = who.email.trim().toLowerCase();
    checks.push(limiter.hit(`${operation}:email:${email}`, rules.perEmail.limit, rules.perEmail.windowSeconds));
  }
  if (rules.perUser && who.userId != null) {
    checks.push(limiter.hit(`${operation}:user:${who.userId}`, rules.perUser.limit, rules.perUser.windowSeconds));
  }
  const results = await Promise.all(checks);
  const refused = results.filter((r) => !r.allowed);
  if (refused.length === 0) return { allowed: true, retryAfterSeconds: 0 };
  return { allowed: false, retryAfterSeconds: Math.max(...refused.map((r) => r.retryAfterSeconds)) };
}
