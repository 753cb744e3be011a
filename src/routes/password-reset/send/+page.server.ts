import { fail } from '@sveltejs/kit';
import { gql, GraphQLRequestError } from '#lib/api/client.ts';
import { SEND_RESET_PASSWORD, textField } from '#lib/api/registration.ts';
import type { MessageKey } from '#lib/i18n/messages.ts';
import type { Actions } from './$types';

export const actions: Actions = {
  default: async (event) => {
    const email = textField(await event.request.formData(), 'email');
    if (!email) return fail(400, { email, sent: false, error: 'passwordReset.send.error.required' as MessageKey });
    try {
      await gql(event.fetch, SEND_RESET_PASSWORD, { email, locale: event.locals.locale });
    } catch (error) {
      if (!(error instanceof GraphQLRequestError)) throw error;
      // Unknown addresses get the same answer as known ones; only a real failure is reported.
      console.error('sendResetPassword failed', error);
      return fail(500, { email, sent: false, error: 'passwordReset.send.error.unknown' as MessageKey });
    }
    return { email, sent: true, error: null };
  }
};
