import { fail, redirect } from '@sveltejs/kit';
import { gql, GraphQLRequestError } from '#lib/api/client.ts';
import { VALIDATE_USER } from '#lib/api/registration.ts';
import { startSession } from '#lib/api/session.ts';
import type { MessageKey } from '#lib/i18n/messages.ts';
import type { Actions, PageServerLoad } from './$types';

// GET only shows a button: mail scanners prefetch links, and must not use up the token.
export const load: PageServerLoad = () => ({});

export const actions: Actions = {
  default: async (event) => {
    let hasProfile: boolean;
    try {
      const { validateUser } = await gql(event.fetch, VALIDATE_USER, { token: event.params.token });
      startSession(event, validateUser);
      hasProfile = validateUser.user.defaultActor !== null;
    } catch (error) {
      if (!(error instanceof GraphQLRequestError)) throw error;
      if (error.field === 'token' || error.code === 'validation' || error.notFound) {
        return fail(400, { invalid: true, error: null });
      }
      console.error('validateUser failed', error);
      return fail(500, { invalid: false, error: 'validate.error.unknown' as MessageKey });
    }
    redirect(303, hasProfile ? '/' : '/register/profile');
  }
};
