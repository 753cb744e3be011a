import { error, fail, redirect } from '@sveltejs/kit';
import { gql, GraphQLRequestError } from '#lib/api/client.ts';
import {
  FETCH_EVENT,
  JOIN_EVENT,
  LEAVE_EVENT,
  MY_PARTICIPATION,
  PARTICIPATION_REQUESTS,
  UPDATE_PARTICIPATION,
  UUID_PATTERN,
  type ParticipantRole,
  type ParticipationRequest
} from '#lib/api/events.ts';
import { loadEventComments } from '#lib/api/comments.ts';
import { managesAsGroup } from '#lib/api/group-events.ts';
import { MAP_CONFIG, tileTemplate } from '#lib/api/map-tiles.ts';
import { anonymousParticipationAllowed } from '#lib/api/participation.ts';
import { loginUrl } from '#lib/api/redirect.ts';
import { textField } from '#lib/api/registration.ts';
import { gqlAs, hasSession } from '#lib/api/session.ts';
import type { MessageKey } from '#lib/i18n/messages.ts';
import type { Actions, PageServerLoad } from './$types';

export interface MyParticipation {
  actorId: string;
  role: ParticipantRole;
  /** Why the event's server refused it, when it said. */
  reason: string | null;
}

export const load: PageServerLoad = async (event) => {
  const { uuid } = event.params;
  if (!UUID_PATTERN.test(uuid)) error(404, 'Not found');
  try {
    const [{ event: found }, { user }] = await Promise.all([gqlAs(event, FETCH_EVENT, { uuid }), event.parent()]);
    if (!found) error(404, 'Not found');
    // What the page needs besides the event, asked at once: none of it depends on the rest.
    const [mine, mapTiles, anonymousAllowed, comments, groupManager] = await Promise.all([
      myParticipations(event, user?.actors ?? [], found.id),
      // The map's tiles come from the instance's configuration (OpenStreetMap's when it says nothing).
      gql(event.fetch, MAP_CONFIG, {}).then(
        (result) => tileTemplate(result.config.maps?.tiles?.endpoint),
        () => tileTemplate(null)
      ),
      !user && !!found.options?.anonymousParticipation ? anonymousParticipationAllowed(event.fetch) : false,
      loadEventComments(event, uuid),
      user ? managesAsGroup(event, found) : false
    ]);
    const organizes = mine.some((m) => m.role === 'CREATOR' || m.role === 'ADMINISTRATOR' || m.role === 'MODERATOR');
    const requests: ParticipationRequest[] = organizes
      ? ((await gqlAs(event, PARTICIPATION_REQUESTS, { uuid })).event?.participants?.elements ?? []).filter(
          (r): r is ParticipationRequest => r !== null
        )
      : [];
    const isOrganizer = !!user?.actors.some((actor) => actor.id === found.organizerActor?.id);
    return {
      event: found,
      mine,
      organizes,
      requests,
      isOrganizer,
      /** The organizer edits; so do the moderators and administrators of the group organizing it. */
      canEdit: isOrganizer || groupManager,
      pageUrl: new URL(`/events/${found.uuid}`, event.url.origin).href,
      mapTiles,
      anonymousAllowed,
      comments
    };
  } catch (caught) {
    if (!(caught instanceof GraphQLRequestError)) throw caught;
    if (caught.notFound) error(404, 'Not found');
    if (caught.code === 'unauthorized' || caught.statusCode === 403) {
      if (!hasSession(event)) redirect(303, loginUrl(event.url));
      error(403, 'Forbidden');
    }
    throw caught;
  }
};

/** Which of my profiles take part, and how (a profile or two: one small query each). */
async function myParticipations(
  event: Parameters<PageServerLoad>[0],
  actors: readonly { id: string }[],
  eventId: string
): Promise<MyParticipation[]> {
  const found = await Promise.all(
    actors.map(async (actor) => {
      const { person } = await gqlAs(event, MY_PARTICIPATION, { actorId: actor.id, eventId });
      const participation = person?.participations?.elements?.[0];
      if (!participation?.role) return [];
      return [{ actorId: actor.id, role: participation.role, reason: participation.metadata?.rejectionReason ?? null }];
    })
  );
  return found.flat();
}

/** The message shown for a refused participation (the API's field and status say which). */
function refusal(err: GraphQLRequestError): MessageKey {
  if (err.statusCode === 409 && err.field === 'eventId') return 'event.join.error.full';
  if (err.statusCode === 409) return 'event.join.error.already';
  if (err.field === 'actorId' && err.code === 'validation') return 'event.leave.error.lastOrganizer';
  return 'event.join.error.unknown';
}

async function participationAction(
  event: Parameters<Actions[string]>[0],
  run: (eventId: string, actorId: string, data: FormData) => Promise<unknown>
) {
  const data = await event.request.formData();
  const eventId = textField(data, 'eventId');
  const actorId = textField(data, 'actorId');
  try {
    await run(eventId, actorId, data);
  } catch (err) {
    if (!(err instanceof GraphQLRequestError)) throw err;
    if (err.unauthenticated) redirect(303, loginUrl(event.url));
    return fail(400, { participationError: refusal(err) });
  }
  return { participationDone: true };
}

export const actions: Actions = {
  join: (event) =>
    participationAction(event, (eventId, actorId, data) =>
      gqlAs(event, JOIN_EVENT, { eventId, actorId, message: textField(data, 'message') || null })
    ),
  leave: (event) => participationAction(event, (eventId, actorId) => gqlAs(event, LEAVE_EVENT, { eventId, actorId })),
  /** An organizer's decision on a request: `decision` is approve or reject. */
  decide: (event) =>
    participationAction(event, async (_eventId, _actorId, data) => {
      const role = textField(data, 'decision') === 'approve' ? 'PARTICIPANT' : 'REJECTED';
      await gqlAs(event, UPDATE_PARTICIPATION, { id: textField(data, 'participantId'), role });
    })
};
