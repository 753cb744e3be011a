import { DomainError } from '../../core/errors.ts';
import type { User } from '../../db/schema/accounts.ts';

/** Following other instances and blocking them is for administrators (as in Mobilizon). */
export function assertAdministrator(caller: User | null, message: string): User {
  if (!caller) throw new DomainError('unauthenticated', 'You need to be logged in');
  if (caller.role !== 'administrator') throw new DomainError('forbidden', message);
  return caller;
}

/** Suspending remote profiles is for moderators and administrators (as in Mobilizon). */
export function assertModerator(caller: User | null, message: string): User {
  if (!caller) throw new DomainError('unauthenticated', 'You need to be logged in');
  if (caller.role !== 'moderator' && caller.role !== 'administrator') throw new DomainError('forbidden', message);
  return caller;
}
