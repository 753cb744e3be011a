import { eq } from 'drizzle-orm';
import { DomainError } from '../../core/errors.ts';
import { actors } from '../../db/schema/actors.ts';
import { events, type Event } from '../../db/schema/events.ts';
import type { Transaction } from '../../db/transaction.ts';
import { recordGroupActivity } from '../groups/group-activity.ts';
import { resolveActing } from '../groups/acting.ts';
import { requireGroupPermission } from '../groups/membership.ts';
import { groupActor } from './group-access.ts';

/**
 * Who changes an event: a user through one of their profiles, or a remote actor whose signed
 * Update reached the inbox (a moderator, on another server, of the group organizing the event).
 */
export type EventEditor = { userId: number } | { remoteActorId: number };

/** An event someone may change, and the profile through which they do. */
export interface ManagedEvent {
  event: Event;
  /** The acting profile: the organizer's, or for a group's event the profile with the right. */
  actorId: number;
}

const GROUP_ONLY = "Only the group's moderators and administrators may change this event";

/**
 * The event, locked, if the editor may change (or delete) it: a user's own event through its
 * organizer profile; a group's event through a profile that is moderator or more in the group
 * (whoever created it), the group being here or, for a change, on another server (the role is the
 * one its server gave us); a local group's event by a remote actor holding the right in the group.
 * Else not found or forbidden.
 */
export async function manageableEvent(
  tx: Transaction,
  editor: EventEditor,
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
  if ('remoteActorId' in editor) return remoteEditor(tx, event, editor.remoteActorId, action);
  const groupManaged = event.local || action === 'event.update';
  if (event.attributedToId !== null && groupManaged) {
    const actorId = await groupActor(tx, editor.userId, event.attributedToId, action, event.organizerActorId);
    if (actorId === null) throw new DomainError('forbidden', GROUP_ONLY, { field: 'eventId' });
    return { event, actorId };
  }
  if (row.organizerUserId !== editor.userId) {
    throw new DomainError('forbidden', 'Only the organizer may change this event', { field: 'eventId' });
  }
  return { event, actorId: event.organizerActorId };
}

/** A remote actor changes only an event of a group of ours, and only with the right in that group. */
async function remoteEditor(
  tx: Transaction,
  event: Event,
  remoteActorId: number,
  action: 'event.update' | 'event.delete'
): Promise<ManagedEvent> {
  if (!event.local || event.attributedToId === null) {
    throw new DomainError('forbidden', 'Only its organizer may change this event', { field: 'eventId' });
  }
  const actor = await resolveActing(tx, { remoteActorId });
  await requireGroupPermission(tx.db, event.attributedToId, actor.id, action).catch(() => {
    throw new DomainError('forbidden', GROUP_ONLY, { field: 'eventId' });
  });
  return { event, actorId: actor.id };
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
