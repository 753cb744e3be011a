import { and, asc, eq, ne } from 'drizzle-orm';
import { events } from '../../db/schema/events.ts';
import { participants } from '../../db/schema/participants.ts';
import type { Transaction } from '../../db/transaction.ts';
import type { DomainEventRecorder } from '../../jobs/domain-events.ts';
import { lockedEvent, removeParticipation } from './participation-locks.ts';

/**
 * A deleted profile stops taking part in events (the seats it held are free again; an event it
 * created keeps its creator's row). Returns the organizers on other servers of the remote events
 * it took part in: they hear of the deletion and free its seat there.
 */
export async function leaveAllEvents(
  tx: Transaction,
  recorder: DomainEventRecorder,
  actorId: number
): Promise<number[]> {
  const taking = await tx.db
    .select({
      participant: participants,
      organizerId: events.organizerActorId,
      groupId: events.attributedToId,
      local: events.local
    })
    .from(participants)
    .innerJoin(events, eq(events.id, participants.eventId))
    .where(and(eq(participants.actorId, actorId), ne(participants.role, 'creator')))
    .orderBy(asc(participants.eventId));
  const remoteOwners = new Set<number>();
  for (const { participant, organizerId, groupId, local } of taking) {
    if (!local) [organizerId, groupId].forEach((id) => id !== null && remoteOwners.add(id));
    await lockedEvent(tx, participant.eventId);
    await removeParticipation(tx, recorder, participant);
  }
  return [...remoteOwners];
}
