import { and, count, eq, type SQL } from 'drizzle-orm';
import { DomainError } from '../../core/errors.ts';
import { events, type Event } from '../../db/schema/events.ts';
import { participants, type Participant, type ParticipantRole } from '../../db/schema/participants.ts';
import type { Transaction } from '../../db/transaction.ts';
import type { ServiceDeps } from '../deps.ts';

type Recorder = ServiceDeps['events'];

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

/**
 * `events.participant_count` mirrors the participants proper, for lists that show it. An event of
 * another server keeps the count its organizer's server publishes: only a few of its participants
 * are known here.
 */
export async function syncCount(tx: Transaction, eventId: number): Promise<void> {
  await tx.db
    .update(events)
    .set({ participantCount: await countParticipants(tx, eventId) })
    .where(and(eq(events.id, eventId), eq(events.local, true)));
}

/**
 * A participation takes a new role under the event's lock: the seat count follows and the change is
 * recorded. `metadata` replaces the stored metadata when given (an SQL expression on it).
 */
export async function changeRole(
  tx: Transaction,
  recorder: Recorder,
  target: Participant,
  role: ParticipantRole,
  metadata?: SQL
): Promise<Participant> {
  const [updated] = await tx.db
    .update(participants)
    .set({ role, updatedAt: new Date(), ...(metadata ? { metadata } : {}) })
    .where(eq(participants.id, target.id))
    .returning();
  if (!updated) throw new Error('participation not updated');
  await syncCount(tx, target.eventId);
  await recorder.record(tx, 'ParticipantRoleChanged', {
    participantId: updated.id,
    from: target.role,
    to: updated.role
  });
  return updated;
}

/** A participation goes, under the event's lock: the seat count follows and the departure is recorded. */
export async function removeParticipation(
  tx: Transaction,
  recorder: Recorder,
  gone: Participant
): Promise<Participant> {
  await tx.db.delete(participants).where(eq(participants.id, gone.id));
  await syncCount(tx, gone.eventId);
  await recorder.record(tx, 'ParticipantLeft', {
    eventId: gone.eventId,
    actorId: gone.actorId,
    participantApId: gone.apId
  });
  return gone;
}
