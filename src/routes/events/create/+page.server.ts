import { redirect } from '@sveltejs/kit';
import { IDENTITIES, type Identity } from '#lib/api/accounts.ts';
import { GraphQLRequestError } from '#lib/api/client.ts';
import { submitEventForm } from '#lib/api/event-form-action.ts';
import { CREATE_EVENT } from '#lib/api/events.ts';
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

  return {
    identities,
    defaultOrganizerId: user.defaultActor?.id ?? identities[0]?.id ?? null,
    timeZones: timeZoneList()
  };
};

export const actions: Actions = {
  save: (event) =>
    submitEventForm(event, async (variables) => {
      const { createEvent } = await gqlAs(event, CREATE_EVENT, { draft: false, ...variables });
      return createEvent.uuid;
    })
};
