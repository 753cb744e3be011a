import { and, eq, inArray, isNull } from 'drizzle-orm';
import { DomainError } from '../../core/errors.ts';
import { actors } from '../../db/schema/actors.ts';
import { eventContacts } from '../../db/schema/events.ts';
import type { Transaction } from '../../db/transaction.ts';

export const MAX_CONTACTS = 20;

/**
 * Replaces an event's contacts. As in Mobilizon, a contact is any known profile or group (local or
 * remote) that is neither deleted nor suspended; unknown ids are refused and nothing changes.
 */
export async function setEventContacts(tx: Transaction, eventId: number, actorIds: readonly number[]): Promise<void> {
  const ids = [...new Set(actorIds)];
  if (ids.length > MAX_CONTACTS) {
    throw new DomainError('validation', `An event has at most ${MAX_CONTACTS} contacts`, { field: 'contacts' });
  }
  if (ids.length > 0) {
    const found = await tx.db
      .select({ id: actors.id })
      .from(actors)
      .where(
        and(
          inArray(actors.id, ids),
          inArray(actors.type, ['Person', 'Group']),
          isNull(actors.deletedAt),
          eq(actors.suspended, false)
        )
      );
    if (found.length !== ids.length) {
      throw new DomainError('validation', 'A contact is not a known profile', { field: 'contacts' });
    }
  }
  await tx.db.delete(eventContacts).where(eq(eventContacts.eventId, eventId));
  if (ids.length > 0) await tx.db.insert(eventContacts).values(ids.map((actorId) => ({ eventId, actorId })));
}
