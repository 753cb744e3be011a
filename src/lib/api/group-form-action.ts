import { fail, redirect, type ActionFailure, type RequestEvent } from '@sveltejs/kit';
import { GraphQLRequestError } from './client.ts';
import {
  groupFormErrorFromApi,
  groupPicture,
  readGroupForm,
  toGroupVariables,
  type GroupFormErrors,
  type GroupFormValues
} from './group-form.ts';
import type { GroupVariables } from './groups.ts';
import { loginUrl } from './redirect.ts';
import type { MessageKey } from '#lib/i18n/messages.ts';

export interface GroupFormFailure {
  values: GroupFormValues;
  errors: GroupFormErrors;
  formError: MessageKey | null;
}

/**
 * The create and settings pages' save action: checks the form, runs the mutation, places the API's
 * errors next to their inputs; `run` answers where to go once it worked.
 */
export async function submitGroupForm(
  event: RequestEvent,
  creating: boolean,
  run: (variables: GroupVariables & { preferredUsername: string }) => Promise<string>
): Promise<ActionFailure<GroupFormFailure>> {
  const data = await event.request.formData();
  const values = readGroupForm(data);
  const checked = toGroupVariables(values, creating);
  if (!checked.ok) return fail(400, { values, errors: checked.errors, formError: null });
  const variables = { ...checked.variables };
  for (const slot of ['avatar', 'banner'] as const) {
    const picture = groupPicture(data, slot);
    if (picture !== undefined) variables[slot] = picture;
  }

  let location: string;
  try {
    location = await run(variables);
  } catch (error) {
    if (!(error instanceof GraphQLRequestError)) throw error;
    if (error.unauthenticated) redirect(303, loginUrl(event.url));
    const errors: GroupFormErrors = {};
    let formError: MessageKey | null = null;
    for (const entry of error.errors) {
      const { field, message } = groupFormErrorFromApi(entry);
      if (field) errors[field] ??= message;
      else formError ??= message;
    }
    if (formError === 'groups.error.unknown') console.error('saving a group failed', error);
    return fail(400, { values, errors, formError });
  }
  redirect(303, location);
}
