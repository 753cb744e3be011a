import type { Event } from '../../db/schema/events.ts';

/** Who is looking: a signed-in user's profile ids, or nobody. */
export interface Viewer {
  userId: number | null;
  actorIds: readonly number[];
}

export const anonymousViewer: Viewer = { userId: null, actorIds: [] };

/** Drafts and private events are seen only by their organizer. */
export function canSeeEvent(viewer: Viewer, event: Event): boolean {
  const isOrganizer = viewer.actorIds.includes(event.organizerActorId);
  if (event.draft) return isOrganizer;
  if (event.visibility === 'private') return isOrganizer;
  return true;
}
