import { DomainError } from '../../core/errors.ts';

/**
 * Arguments Mobilizon's clients send that this version cannot honour yet (media uploads, tags…).
 * Empty values are fine; a real value is refused with a clear error instead of being dropped.
 */
export function rejectUnsupported(args: Record<string, unknown>): void {
  for (const [field, value] of Object.entries(args)) {
    const empty = value === null || value === undefined || (Array.isArray(value) && value.length === 0);
    if (!empty) throw new DomainError('validation', `${field} is not supported by this server yet`, { field });
  }
}
