import { fail, redirect } from '@sveltejs/kit';
import { gql, GraphQLRequestError } from '#lib/api/client.ts';
import {
  checkSignUp,
  CREATE_USER,
  REGISTRATION_CONFIG,
  RESEND_CONFIRMATION,
  signUpErrorFromApi,
  textField,
  type FieldErrors
} from '#lib/api/registration.ts';
import { isLocale } from '#lib/i18n/locales.ts';
import type { MessageKey } from '#lib/i18n/messages.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, url, parent }) => {
  const sent = url.searchParams.get('sent');
  // A signed-in visitor already has an account (the "check your inbox" page stays reachable).
  if (!sent && (await parent()).user) redirect(303, '/');
  const { config } = await gql(fetch, REGISTRATION_CONFIG, {});
  return {
    registrationsOpen: config.registrationsOpen,
    registrationsAllowlist: config.registrationsAllowlist,
    sent,
    resent: url.searchParams.has('resent')
  };
};

const sentUrl = (email: string, resent = false) =>
  `/register/user?sent=${encodeURIComponent(email)}${resent ? '&resent=1' : ''}`;

export const actions: Actions = {
  register: async (event) => {
    const data = await event.request.formData();
    const email = textField(data, 'email');
    const password = String(data.get('password') ?? '');
    const chosen = textField(data, 'locale');
    const locale = isLocale(chosen) ? chosen : event.locals.locale;
    const values = { email, locale };

    const errors = checkSignUp(email, password);
    if (Object.keys(errors).length > 0) return fail(400, { values, errors, formError: null });

    try {
      await gql(event.fetch, CREATE_USER, { email, password, locale });
    } catch (error) {
      if (!(error instanceof GraphQLRequestError)) throw error;
      const apiErrors: FieldErrors<'email' | 'password'> = {};
      let formError: MessageKey | null = null;
      for (const entry of error.errors) {
        const { field, message } = signUpErrorFromApi(entry);
        if (field) apiErrors[field] ??= message;
        else formError ??= message;
      }
      if (formError) console.error('createUser failed', error);
      return fail(400, { values, errors: apiErrors, formError });
    }
    redirect(303, sentUrl(email));
  },

  resend: async (event) => {
    const data = await event.request.formData();
    const email = textField(data, 'email');
    if (!email) redirect(303, '/register/user');
    try {
      await gql(event.fetch, RESEND_CONFIRMATION, { email, locale: event.locals.locale });
    } catch (error) {
      // The answer is the same whatever the address; a failure is only logged.
      if (!(error instanceof GraphQLRequestError)) throw error;
      console.warn('resendConfirmationEmail failed', error.message);
    }
    redirect(303, sentUrl(email, true));
  }
};
