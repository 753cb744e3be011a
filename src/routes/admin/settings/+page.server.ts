import { error, fail, redirect } from '@sveltejs/kit';
import { ADMIN_SETTINGS, isRegistrationMode, SAVE_REGISTRATION_MODE } from '#lib/api/admin.ts';
import { GraphQLRequestError } from '#lib/api/client.ts';
import { loginUrl } from '#lib/api/redirect.ts';
import { textField } from '#lib/api/registration.ts';
import { gqlAs, hasSession } from '#lib/api/session.ts';
import { formResult } from '#lib/api/settings-form.ts';
import type { Actions, PageServerLoad } from './$types';

/** Anonymous visitors sign in first; signed-in people who are not administrators get a 403. */
function refused(err: unknown, url: URL): never {
  if (err instanceof GraphQLRequestError) {
    if (err.unauthenticated) redirect(303, loginUrl(url));
    if (err.statusCode === 403) error(403, 'Forbidden');
  }
  throw err;
}

export const load: PageServerLoad = async (event) => {
  if (!hasSession(event)) redirect(303, loginUrl(event.url));
  try {
    const { adminSettings } = await gqlAs(event, ADMIN_SETTINGS, {});
    return { registrationsMode: adminSettings.registrationsMode };
  } catch (err) {
    refused(err, event.url);
  }
};

export const actions: Actions = {
  default: async (event) => {
    const data = await event.request.formData();
    const registrationsMode = textField(data, 'registrations');
    if (!isRegistrationMode(registrationsMode)) {
      return fail(
        400,
        formResult('admin-settings', {
          errors: { registrations: 'admin.settings.error.registrations' },
          values: { registrations: registrationsMode }
        })
      );
    }
    try {
      await gqlAs(event, SAVE_REGISTRATION_MODE, { registrationsMode });
    } catch (err) {
      if (err instanceof GraphQLRequestError && err.field === 'registrationsMode') {
        return fail(
          400,
          formResult('admin-settings', {
            errors: { registrations: 'admin.settings.error.registrations' },
            values: { registrations: registrationsMode }
          })
        );
      }
      if (err instanceof GraphQLRequestError && (err.unauthenticated || err.statusCode === 403))
        refused(err, event.url);
      console.error('saving the instance settings failed', err);
      return fail(
        500,
        formResult('admin-settings', {
          formError: 'settings.error.unknown',
          values: { registrations: registrationsMode }
        })
      );
    }
    redirect(303, '/admin/settings?saved=1');
  }
};
