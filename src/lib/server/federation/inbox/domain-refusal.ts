import { isDomainError } from '../../core/errors.ts';
import type { FedContext } from '../context.ts';

/**
 * Applies what a remote server asked for through the domain; what the domain refuses (no
 * permission, an unknown folder…) is dropped and logged, and the activity counts as handled.
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
    ctx.data.logger.debug(`${what} refused`, { apId, reason: error.message });
  }
  return true;
}
