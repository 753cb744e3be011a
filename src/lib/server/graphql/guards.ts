import { DomainError } from '../core/errors.ts';
import type { User } from '../db/schema/accounts.ts';
import type { GraphQLContext } from './context.ts';
import { unauthenticated } from './errors.ts';

export function requireUser(context: GraphQLContext): User {
  if (!context.user) throw unauthenticated();
  return context.user;
}

/** Moderators and administrators (Mobilizon answers others 403 `unauthorized`, anonymous callers 401). */
export function requireModerator(context: GraphQLContext, message: string): User {
  const user = requireUser(context);
  if (user.role !== 'moderator' && user.role !== 'administrator') throw new DomainError('forbidden', message);
  return user;
}

export function requireAdministrator(context: GraphQLContext, message: string): User {
  const user = requireUser(context);
  if (user.role !== 'administrator') throw new DomainError('forbidden', message);
  return user;
}

/** Parses a GraphQL ID into our numeric id; a malformed id matches nothing. */
export function parseId(id: string | number | null | undefined): number | null {
  const n = typeof id === 'number' ? id : Number(id);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}
