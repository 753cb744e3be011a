import { isDomainError } from '../../core/errors.ts';
import type { FedContext } from '../context.ts';

/**
 * Fields whose `not_found` means "what holds it has not arrived yet": the inbox processes queued
 * activities in parallel, so a todo may be handled before its list, a link before its folder.
 */
const CONTAINERS = new Set(['context', 'todoListApId']);

/**
 * Applies what a remote server asked for through the domain; what the domain refuses (no
 * permission…) is dropped and logged, and the activity counts as handled. When its folder or list
 * is not known yet, it fails instead, and the inbox queue tries it again later (a few times).
 */
export async function takenOrRefused(
  ctx: FedContext,
  what: string,
  apId: string,
  apply: () => Promise<unknown>
): Promise<true> {
  try {
    await apply();
  } catch (error) {
    if (!isDomainError(error)) throw error;
    if (error.code === 'not_found' && error.field && CONTAINERS.has(error.field)) {
      throw new Error(`${what} ${apId}: ${error.message} yet, tried again later`, { cause: error });
    }
    ctx.data.logger.debug(`${what} refused`, { apId, reason: error.message });
  }
  return true;
}
