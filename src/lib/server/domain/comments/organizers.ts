import { eq } from 'drizzle-orm';
import type { Event } from '../../db/schema/events.ts';
import { participants } from '../../db/schema/participants.ts';
import type { Transaction } from '../../db/transaction.ts';
import { ORGANIZER_ROLES } from '../events/index.ts';

/** The actors running an event: its organizer, the group it is attributed to, and its co-organizers. */
export async function eventOrganizerIds(tx: Transaction, event: Event): Promise<number[]> {
  const rows = await tx.db
    .select({ actorId: participants.actorId, role: participants.role })
    .from(participants)
    .where(eq(participants.eventId, event.id));
  const ids = rows.filter((r) => ORGANIZER_ROLES.includes(r.role)).map((r) => r.actorId);
  return [...ids, event.organizerActorId, ...(event.attributedToId === null ? [] : [event.attributedToId])];
}
