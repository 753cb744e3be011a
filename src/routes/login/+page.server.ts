import { fail, redirect } from '@sveltejs/kit';
import { LOGIN } from '#lib/api/accounts.ts';
import { gql, GraphQLRequestError } from '#lib/api/client.ts';
import { safeRedirect } from '#lib/api/redirect.ts';
import { startSession } from '#lib/api/session.ts';
import type { MessageKey } from '#lib/i18n/messages.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent, url }) => {
  const { user } = await parent();
  if (user) redirect(303, safeRedirect(url.searchParams.get('redirect')));
  return { passwordChanged: url.searchParams.get('changed') === 'password' };
};

function loginError(error: GraphQLRequestError): MessageKey {
  if (error.code === 'unauthenticated' && error.field === 'email') return 'login.error.unconfirmed';
  if (error.code === 'unauthenticated') return 'login.error.invalid';
  if (error.code === 'unauthorized' || error.statusCode === 403) return 'login.error.disabled';
  return 'login.error.unknown';
}

export const actions: Actions = {
  default: async (event) => {
    const data = await event.request.formData();
    const email = String(data.get('email') ?? '').trim();
    const password = String(data.get('password') ?? '');
    if (!email || !password) return fail(400, { email, error: 'login.error.required' as MessageKey });

    try {
      const { login } = await gql(event.fetch, LOGIN, { email, password });
      startSession(event, login);
    } catch (error) {
      if (!(error instanceof GraphQLRequestError)) throw error;
      if (loginError(error) === 'login.error.unknown') console.error('login failed', error);
      return fail(400, { email, error: loginError(error) });
    }
    redirect(303, safeRedirect(event.url.searchParams.get('redirect')));
  }
};
