import { eq } from 'drizzle-orm';
import { DomainError } from '../../core/errors.ts';
import { actors } from '../../db/schema/actors.ts';
import { events, type Event } from '../../db/schema/events.ts';
import type { Transaction } from '../../db/transaction.ts';
import { recordGroupActivity } from '../groups/group-activity.ts';
import { groupActor } from './group-access.ts';

/** An event someone may change, and the profile through which they do. */
export interface ManagedEvent {
  event: Event;
  /** The acting profile: the organizer's, or for a group's event the user's profile with the right. */
  actorId: number;
}

/**
 * The event, locked, if the user may change (or delete) it: their own event through its organizer
 * profile; a group's event through a profile that is moderator or more in the group (whoever
 * created it). Else not found or forbidden.
 */
export async function manageableEvent(
  tx: Transaction,
  userId: number,
  eventId: number,
  action: 'event.update' | 'event.delete'
): Promise<ManagedEvent> {
  const [row] = await tx.db
    .select({ event: events, organizerUserId: actors.userId })
    .from(events)
    .innerJoin(actors, eq(actors.id, events.organizerActorId))
    .where(eq(events.id, eventId))
    .for('update', { of: events });
  if (!row) throw new DomainError('not_found', 'Event not found', { field: 'eventId' });
  const { event } = row;
  if (event.attributedToId !== null && event.local) {
    const actorId = await groupActor(tx, userId, event.attributedToId, action, event.organizerActorId);
    if (actorId === null) {
      throw new DomainError('forbidden', "Only the group's moderators and administrators may change this event", {
        field: 'eventId'
      });
    }
    return { event, actorId };
  }
  if (row.organizerUserId !== userId) {
    throw new DomainError('forbidden', 'Only the organizer may change this event', { field: 'eventId' });
  }
  return { event, actorId: event.organizerActorId };
}

/** One line of the organizing group's history (Mobilizon's `event_created`, `event_updated`, `event_deleted`). */
export async function recordGroupEventActivity(
  tx: Transaction,
  event: Event,
  authorId: number,
  subject: 'event_created' | 'event_updated' | 'event_deleted',
  groupId: number | null = event.attributedToId
): Promise<void> {
  if (groupId === null) return;
  await recordGroupActivity(tx, {
    groupId,
    authorId,
    type: 'event',
    subject,
    subjectParams: { event_title: event.title, event_uuid: event.uuid },
    objectId: subject === 'event_deleted' ? null : event.id
  });
}
