import { fail, redirect, type ActionFailure, type RequestEvent } from '@sveltejs/kit';
import { GraphQLRequestError } from './client.ts';
import {
  eventFormErrorFromApi,
  pictureFromForm,
  readEventForm,
  toEventVariables,
  type EventFormErrors,
  type EventFormValues,
  type EventFormVariables
} from './event-form.ts';
import { loginUrl } from './redirect.ts';
import type { MessageKey } from '#lib/i18n/messages.ts';

export interface EventFormFailure {
  values: EventFormValues;
  errors: EventFormErrors;
  formError: MessageKey | null;
}

export type EventFormSubmission = EventFormVariables & {
  draft?: boolean;
  picture?: { media: { name: string; alt: string | null; file: File } } | null;
};

/**
 * The create and edit pages' save action: reads and checks the form, runs the mutation, places the
 * API's errors next to their inputs, and redirects to the event when it worked. `intent` is
 * "draft", "publish" or "save" (keep the draft state as it is).
 */
export async function submitEventForm(
  event: RequestEvent,
  run: (variables: EventFormSubmission) => Promise<string>
): Promise<ActionFailure<EventFormFailure>> {
  const data = await event.request.formData();
  const values = readEventForm(data);
  const checked = toEventVariables(values);
  if (!checked.ok) return fail(400, { values, errors: checked.errors, formError: null });

  const variables: EventFormSubmission = { ...checked.variables };
  const intent = data.get('intent');
  if (intent === 'draft') variables.draft = true;
  else if (intent === 'publish') variables.draft = false;
  const picture = pictureFromForm(data, values);
  if (picture !== undefined) variables.picture = picture;

  let uuid: string;
  try {
    uuid = await run(variables);
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
    if (formError) console.error('saving an event failed', error);
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
    return fail(status, { values, errors, formError });
  }
  redirect(303, `/events/${uuid}`);
}
