import type { Event } from '../../db/schema/events.ts';

/**
 * Who is looking: a signed-in user's profile ids, or nobody. `memberOfGroupIds`: the groups where
 * one of these profiles is a full member, when known (else the queries look it up when it matters).
 */
export interface Viewer {
  userId: number | null;
  actorIds: readonly number[];
  memberOfGroupIds?: readonly number[];
}

export const anonymousViewer: Viewer = { userId: null, actorIds: [] };

/** Whether the event is organized by a group the viewer is a member of. */
export function isMemberOfEventGroup(viewer: Viewer, event: Pick<Event, 'attributedToId'>): boolean {
  return event.attributedToId !== null && (viewer.memberOfGroupIds?.includes(event.attributedToId) ?? false);
}

/** Drafts and private events are seen only by their organizer and, for a group's events, its members. */
export function canSeeEvent(viewer: Viewer, event: Event): boolean {
  const insider = viewer.actorIds.includes(event.organizerActorId) || isMemberOfEventGroup(viewer, event);
  if (event.draft) return insider;
  if (event.visibility === 'private') return insider;
  return true;
}

/** Whether seeing the event depends on the viewer's group memberships (not known yet). */
export function needsGroupMembership(viewer: Viewer, event: Event): boolean {
  return (
    event.attributedToId !== null &&
    viewer.memberOfGroupIds === undefined &&
    viewer.actorIds.length > 0 &&
    (event.draft || event.visibility === 'private')
  );
}
