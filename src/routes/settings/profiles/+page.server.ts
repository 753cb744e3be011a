import { error, fail, redirect } from '@sveltejs/kit';
import { GraphQLRequestError } from '#lib/api/client.ts';
import { loginUrl, safeRedirect } from '#lib/api/redirect.ts';
import { checkProfile, profileErrorFromApi, textField } from '#lib/api/registration.ts';
import { gqlAs } from '#lib/api/session.ts';
import { formResult } from '#lib/api/settings-form.ts';
import { ACCOUNT_SETTINGS, CHANGE_DEFAULT_ACTOR, CREATE_PERSON } from '#lib/api/settings.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  try {
    const { loggedUser } = await gqlAs(event, ACCOUNT_SETTINGS, {});
    return { profiles: loggedUser.actors, defaultId: loggedUser.defaultActor?.id ?? null };
  } catch (err) {
    if (err instanceof GraphQLRequestError && err.unauthenticated) redirect(303, loginUrl(event.url));
    throw err;
  }
};

export const actions: Actions = {
  /** Also the header's profile switcher, which sends `redirect` to come back to its page. */
  setDefault: async (event) => {
    const data = await event.request.formData();
    const preferredUsername = textField(data, 'preferredUsername');
    const back = data.get('redirect');
    try {
      await gqlAs(event, CHANGE_DEFAULT_ACTOR, { preferredUsername });
    } catch (err) {
      if (!(err instanceof GraphQLRequestError)) throw err;
      if (err.unauthenticated) redirect(303, loginUrl(event.url));
      if (err.notFound) error(404, 'Not found');
      console.error('changeDefaultActor failed', err);
      return fail(500, formResult('setDefault', { formError: 'settings.error.unknown' }));
    }
    if (typeof back === 'string' && back) redirect(303, safeRedirect(back));
    return formResult('setDefault', {
      done: 'settings.profiles.defaultChanged',
      doneParams: { name: preferredUsername }
    });
  },

  create: async (event) => {
    const data = await event.request.formData();
    const values = {
      preferredUsername: textField(data, 'preferredUsername'),
      name: textField(data, 'name'),
      summary: textField(data, 'summary')
    };
    const errors = checkProfile(values.preferredUsername);
    if (Object.keys(errors).length > 0) return fail(400, formResult('create', { errors, values }));
    try {
      await gqlAs(event, CREATE_PERSON, values);
    } catch (err) {
      if (!(err instanceof GraphQLRequestError)) throw err;
      if (err.unauthenticated) redirect(303, loginUrl(event.url));
      const { field, message } = profileErrorFromApi(err.errors[0] ?? { message: '' });
      if (!field) {
        console.error('createPerson failed', err);
        return fail(500, formResult('create', { formError: 'settings.error.unknown', values }));
      }
      return fail(400, formResult('create', { errors: { [field]: message }, values }));
    }
    return formResult('create', {
      done: 'settings.profiles.created',
      doneParams: { name: values.name || values.preferredUsername }
    });
  }
};
