import { fail, redirect } from '@sveltejs/kit';
import { LOGGED_USER } from '#lib/api/accounts.ts';
import { GraphQLRequestError } from '#lib/api/client.ts';
import { loginUrl } from '#lib/api/redirect.ts';
import {
  checkProfile,
  profileErrorFromApi,
  REGISTER_PERSON,
  textField,
  type FieldErrors
} from '#lib/api/registration.ts';
import { gqlAs, hasSession } from '#lib/api/session.ts';
import type { MessageKey } from '#lib/i18n/messages.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  if (!hasSession(event)) redirect(303, loginUrl(event.url));
  const { user } = await event.parent();
  if (!user) redirect(303, loginUrl(event.url));
  if (user.defaultActor) redirect(303, '/');
  return {};
};

type ProfileField = 'preferredUsername' | 'name' | 'summary';

export const actions: Actions = {
  default: async (event) => {
    const data = await event.request.formData();
    const values = {
      preferredUsername: textField(data, 'preferredUsername'),
      name: textField(data, 'name'),
      summary: textField(data, 'summary')
    };
    const checked = checkProfile(values.preferredUsername);
    if (Object.keys(checked).length > 0) return fail(400, { values, errors: checked, formError: null });

    try {
      const { loggedUser } = await gqlAs(event, LOGGED_USER, {});
      if (loggedUser.defaultActor) redirect(303, '/');
      await gqlAs(event, REGISTER_PERSON, { ...values, email: loggedUser.email });
    } catch (error) {
      if (!(error instanceof GraphQLRequestError)) throw error;
      if (error.unauthenticated) redirect(303, loginUrl(event.url));
      const errors: FieldErrors<ProfileField> = {};
      let formError: MessageKey | null = null;
      for (const entry of error.errors) {
        const { field, message } = profileErrorFromApi(entry);
        if (field) errors[field] ??= message;
        else formError ??= message;
      }
      if (formError) console.error('registerPerson failed', error);
      return fail(400, { values, errors, formError });
    }
    redirect(303, '/');
  }
};
