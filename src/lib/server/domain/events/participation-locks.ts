import { and, count, eq } from 'drizzle-orm';
import { DomainError } from '../../core/errors.ts';
import { events, type Event } from '../../db/schema/events.ts';
import { participants } from '../../db/schema/participants.ts';
import type { Transaction } from '../../db/transaction.ts';

export const eventNotFound = () => new DomainError('not_found', 'Event not found', { field: 'eventId' });

/**
 * The event's row, locked until the transaction ends: every change to its participants takes this
 * lock first, so seats are counted one change after the other.
 */
export async function lockedEvent(tx: Transaction, eventId: number): Promise<Event> {
  const [event] = await tx.db.select().from(events).where(eq(events.id, eventId)).for('update');
  if (!event) throw eventNotFound();
  return event;
}

async function countParticipants(tx: Transaction, eventId: number): Promise<number> {
  const [row] = await tx.db
    .select({ n: count() })
    .from(participants)
    .where(and(eq(participants.eventId, eventId), eq(participants.role, 'participant')));
  return row?.n ?? 0;
}

/** Mobilizon counts seats among participants proper: organizers, requests and unconfirmed emails take none. */
export async function assertSeatLeft(tx: Transaction, event: Event): Promise<void> {
  const capacity = event.options.maximumAttendeeCapacity ?? 0;
  if (capacity > 0 && (await countParticipants(tx, event.id)) >= capacity) {
    throw new DomainError('conflict', 'The event has already reached its maximum capacity', { field: 'eventId' });
  }
}

/** `events.participant_count` mirrors the participants proper, for lists that show it. */
export async function syncCount(tx: Transaction, eventId: number): Promise<void> {
  await tx.db
    .update(events)
    .set({ participantCount: await countParticipants(tx, eventId) })
    .where(eq(events.id, eventId));
}
