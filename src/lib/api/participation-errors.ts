import type { GraphQLRequestError } from './client.ts';
import type { MessageKey } from '#lib/i18n/messages.ts';

/** The message shown for a refused participation by email (the API's field and status say which). */
export function anonymousRefusal(err: GraphQLRequestError): MessageKey {
  if (err.field === 'email') return err.statusCode === 409 ? 'anonymous.error.already' : 'anonymous.error.email';
  if (err.statusCode === 409) return 'anonymous.error.full';
  if (err.statusCode === 403 || err.notFound) return 'anonymous.error.closed';
  return 'anonymous.error.unknown';
}
