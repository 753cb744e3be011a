import { fail, redirect } from '@sveltejs/kit';
import { gql, GraphQLRequestError } from '#lib/api/client.ts';
import { checkNewPassword, RESET_PASSWORD, type FieldErrors } from '#lib/api/registration.ts';
import { startSession } from '#lib/api/session.ts';
import type { MessageKey } from '#lib/i18n/messages.ts';
import type { Actions, PageServerLoad } from './$types';

// Like /validate: GET never uses the token up.
export const load: PageServerLoad = () => ({});

export const actions: Actions = {
  default: async (event) => {
    const data = await event.request.formData();
    const password = String(data.get('password') ?? '');
    const confirmation = String(data.get('confirmation') ?? '');
    const errors = checkNewPassword(password, confirmation);
    if (Object.keys(errors).length > 0) return fail(400, { errors, formError: null, tokenInvalid: false });

    try {
      const { resetPassword } = await gql(event.fetch, RESET_PASSWORD, { token: event.params.token, password });
      startSession(event, resetPassword);
    } catch (error) {
      if (!(error instanceof GraphQLRequestError)) throw error;
      if (error.field === 'password') {
        const apiErrors: FieldErrors<'password' | 'confirmation'> = { password: 'register.error.passwordShort' };
        return fail(400, { errors: apiErrors, formError: null, tokenInvalid: false });
      }
      if (error.field === 'token' || error.notFound) {
        return fail(400, {
          errors: {},
          formError: 'passwordReset.error.token' as MessageKey,
          tokenInvalid: true
        });
      }
      console.error('resetPassword failed', error);
      return fail(500, { errors: {}, formError: 'passwordReset.error.unknown' as MessageKey, tokenInvalid: false });
    }
    redirect(303, '/');
  }
};
