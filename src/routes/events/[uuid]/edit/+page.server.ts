import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { IDENTITIES, type Identity } from '#lib/api/accounts.ts';
import { GraphQLRequestError } from '#lib/api/client.ts';
import { DELETE_EVENT, UPDATE_EVENT } from '#lib/api/event-edit.ts';
import { submitEventForm } from '#lib/api/event-form-action.ts';
import { eventToFormValues } from '#lib/api/event-form.ts';
import { FETCH_EVENT, UUID_PATTERN } from '#lib/api/events.ts';
import { managesAsGroup } from '#lib/api/group-events.ts';
import { loginUrl } from '#lib/api/redirect.ts';
import { gqlAs, hasSession } from '#lib/api/session.ts';
import { timeZoneList } from '#lib/time/zoned-time.ts';
import type { Actions, PageServerLoad } from './$types';

/** The event, when one of the signed-in person's profiles organizes it (or moderates its group): else sign in, 404 or 403. */
async function organizedEvent(event: RequestEvent<{ uuid: string }>) {
  if (!UUID_PATTERN.test(event.params.uuid)) error(404, 'Not found');
  if (!hasSession(event)) redirect(303, loginUrl(event.url));
  try {
    const [{ event: found }, { identities }] = await Promise.all([
      gqlAs(event, FETCH_EVENT, { uuid: event.params.uuid }),
      gqlAs(event, IDENTITIES, {})
    ]);
    if (!found) error(404, 'Not found');
    const mine = (identities ?? []).filter((identity): identity is Identity => identity !== null);
    const organizes = !!found.organizerActor && mine.some((identity) => identity.id === found.organizerActor?.id);
    // A group's event is also changed by the group's moderators and administrators.
    if (!organizes && !(await managesAsGroup(event, found))) error(403, 'Forbidden');
    return { found, identities: mine };
  } catch (caught) {
    if (!(caught instanceof GraphQLRequestError)) throw caught;
    if (caught.unauthenticated) redirect(303, loginUrl(event.url));
    if (caught.notFound) error(404, 'Not found');
    if (caught.code === 'unauthorized' || caught.statusCode === 403) error(403, 'Forbidden');
    throw caught;
  }
}

export const load: PageServerLoad = async (event) => {
  const { found, identities } = await organizedEvent(event);
  return {
    event: found,
    identities,
    values: eventToFormValues(found),
    timeZones: timeZoneList(),
    confirmDelete: event.url.searchParams.has('delete')
  };
};

export const actions: Actions = {
  save: async (event) => {
    const { found } = await organizedEvent(event);
    return submitEventForm(event, async (variables) => {
      const { updateEvent } = await gqlAs(event, UPDATE_EVENT, { ...variables, eventId: found.id });
      return updateEvent.uuid;
    });
  },
  delete: async (event) => {
    const { found } = await organizedEvent(event);
    const data = await event.request.formData();
    if (data.get('confirm') !== 'yes') return fail(400, { deleteError: 'eventPages.delete.confirmRequired' as const });
    try {
      await gqlAs(event, DELETE_EVENT, { eventId: found.id });
    } catch (caught) {
      if (!(caught instanceof GraphQLRequestError)) throw caught;
      if (caught.unauthenticated) redirect(303, loginUrl(event.url));
      console.error('deleteEvent failed', caught);
      return fail(400, { deleteError: 'eventPages.delete.failed' as const });
    }
    redirect(303, '/events/me?notice=deleted');
  }
};
