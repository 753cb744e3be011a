import { fail, redirect } from '@sveltejs/kit';
import { IDENTITIES, type Identity } from '#lib/api/accounts.ts';
import { GraphQLRequestError } from '#lib/api/client.ts';
import {
  eventFormErrorFromApi,
  readEventForm,
  toCreateEventVariables,
  type EventFormErrors,
  type EventFormValues
} from '#lib/api/event-form.ts';
import { CREATE_EVENT } from '#lib/api/events.ts';
import { loginUrl } from '#lib/api/redirect.ts';
import { gqlAs, hasSession } from '#lib/api/session.ts';
import type { MessageKey } from '#lib/i18n/messages.ts';
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

interface EventFormFailure {
  values: EventFormValues;
  errors: EventFormErrors;
  formError: MessageKey | null;
}

const failure = (status: number, data: EventFormFailure) => fail(status, data);

export const actions: Actions = {
  default: async (event) => {
    const values = readEventForm(await event.request.formData());
    const checked = toCreateEventVariables(values);
    if (!checked.ok) return failure(400, { values, errors: checked.errors, formError: null });

    let uuid: string;
    try {
      uuid = (await gqlAs(event, CREATE_EVENT, checked.variables)).createEvent.uuid;
    } catch (error) {
      if (!(error instanceof GraphQLRequestError)) throw error;
      if (error.unauthenticated) redirect(303, loginUrl(event.url));
      const errors: EventFormErrors = {};
      let formError: MessageKey | null = null;
      for (const entry of error.errors) {
        const { field, message } = eventFormErrorFromApi(entry);
        if (field) errors[field] ??= message;
        else formError ??= message;
      }
      if (formError) console.error('createEvent failed', error);
      const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
      return failure(status, { values, errors, formError });
    }
    redirect(303, `/events/${uuid}`);
  }
};
