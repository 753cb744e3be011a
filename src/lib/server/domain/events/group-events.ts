import { eq, inArray } from 'drizzle-orm';
import { events } from '../../db/schema/events.ts';
import { participants } from '../../db/schema/participants.ts';
import type { Transaction } from '../../db/transaction.ts';
import type { DomainEventRecorder } from '../../jobs/domain-events.ts';
import { recordTombstone } from '../fediverse/index.ts';

/** A deleted group's events go with it; each deletion is told as the organizer's deletion would be. */
export async function deleteEventsOfGroup(
  tx: Transaction,
  recorder: DomainEventRecorder,
  groupId: number
): Promise<void> {
  const owned = await tx.db.select().from(events).where(eq(events.attributedToId, groupId)).for('update');
  if (owned.length === 0) return;
  const taking = await tx.db
    .select({ eventId: participants.eventId, actorId: participants.actorId })
    .from(participants)
    .where(
      inArray(
        participants.eventId,
        owned.map((e) => e.id)
      )
    );
  await tx.db.delete(events).where(eq(events.attributedToId, groupId));
  for (const event of owned) {
    if (!event.draft) await recordTombstone(tx, event.apId, 'Event', event.organizerActorId);
    await recorder.record(tx, 'EventDeleted', {
      eventId: event.id,
      apId: event.apId,
      organizerActorId: event.organizerActorId,
      participantActorIds: taking.filter((p) => p.eventId === event.id).map((p) => p.actorId)
    });
  }
}
