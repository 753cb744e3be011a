import type { Actor } from '../../db/schema/actors.ts';
import type { Event } from '../../db/schema/events.ts';

const originOf = (url: string) => {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
};

/**
 * Whether `sender` may publish or change a remote event: it must be the event's organizer or the
 * actor it is attributed to (its group), and the event's id must live on that actor's server. A
 * stored event keeps its organizer: nobody takes over someone else's event.
 */
export function canWriteRemoteEvent(
  sender: Actor,
  eventApId: string,
  organizer: Actor,
  attributedTo: Actor | null,
  existing?: Pick<Event, 'local' | 'organizerActorId'>
): boolean {
  if (sender.domain === null || organizer.domain === null) return false;
  if (existing && (existing.local || existing.organizerActorId !== organizer.id)) return false;
  const owners = [organizer, attributedTo].filter((a): a is Actor => a !== null);
  if (!owners.some((owner) => owner.id === sender.id)) return false;
  const origin = originOf(eventApId);
  return origin !== null && owners.some((owner) => originOf(owner.apId) === origin);
}

/** Whether `sender` may delete this remote event: its organizer, or the actor it is attributed to. */
export function canDeleteRemoteEvent(
  sender: Actor,
  event: Pick<Event, 'local' | 'organizerActorId' | 'attributedToId'>
) {
  if (event.local || sender.domain === null) return false;
  return sender.id === event.organizerActorId || sender.id === event.attributedToId;
}

/**
 * Whether `answerer` may accept or refuse a request to join this remote event: any actor of the
 * event's own server (its organizer, or a moderator there), never another server.
 */
export function canAnswerRemoteJoin(answerer: Actor, event: Pick<Event, 'local' | 'apId'>): boolean {
  if (event.local || answerer.domain === null) return false;
  const origin = originOf(event.apId);
  return origin !== null && originOf(answerer.apId) === origin;
}
