import { redirect } from '@sveltejs/kit';
import { IDENTITIES, type Identity } from '#lib/api/accounts.ts';
import { GraphQLRequestError } from '#lib/api/client.ts';
import { submitEventForm } from '#lib/api/event-form-action.ts';
import { CREATE_EVENT } from '#lib/api/events.ts';
import { ORGANIZER_GROUPS, organizerGroups, organizingProfile, type OrganizerGroup } from '#lib/api/group-events.ts';
import { loginUrl } from '#lib/api/redirect.ts';
import { gqlAs, hasSession } from '#lib/api/session.ts';
import { timeZoneList } from '#lib/time/zoned-time.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  if (!hasSession(event)) redirect(303, loginUrl(event.url));
  const [{ user }, identities] = await Promise.all([
    event.parent(),
    gqlAs(event, IDENTITIES, {}).then(
      (data) => (data.identities ?? []).filter((identity): identity is Identity => identity !== null),
      (error: unknown) => {
        if (error instanceof GraphQLRequestError && error.unauthenticated) return null;
        throw error;
      }
    )
  ]);
  if (!user || !identities) redirect(303, loginUrl(event.url));
  const groups = await groupsOf(event);
  const wanted = event.url.searchParams.get('group');

  return {
    identities,
    groups,
    /** `?group=<id>` (a group's events page links here) chooses that group. */
    groupId: groups.some((g) => g.id === wanted) ? wanted : null,
    defaultOrganizerId: user.defaultActor?.id ?? identities[0]?.id ?? null,
    timeZones: timeZoneList()
  };
};

/** The groups the person may organize for; none when this cannot be read (the form still works). */
async function groupsOf(
  event: Parameters<PageServerLoad>[0] | Parameters<Actions['save']>[0]
): Promise<OrganizerGroup[]> {
  return gqlAs(event, ORGANIZER_GROUPS, {}).then(
    (data) => organizerGroups(data),
    () => []
  );
}

export const actions: Actions = {
  save: (event) =>
    submitEventForm(event, async (variables) => {
      // A group's event is organized through a profile that may create its events.
      if (variables.attributedToId) {
        const groups = await groupsOf(event);
        variables.organizerActorId = organizingProfile(groups, variables.attributedToId, variables.organizerActorId);
      }
      const { createEvent } = await gqlAs(event, CREATE_EVENT, { draft: false, ...variables });
      return createEvent.uuid;
    })
};
