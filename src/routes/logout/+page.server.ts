import { redirect } from '@sveltejs/kit';
import { LOGOUT } from '#lib/api/accounts.ts';
import { gql, GraphQLRequestError } from '#lib/api/client.ts';
import { endSession, hasSession, REFRESH_COOKIE, refreshSession } from '#lib/api/session.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
  if (!hasSession(event)) redirect(303, '/');
};

export const actions: Actions = {
  default: async (event) => {
    try {
      const refreshToken = event.cookies.get(REFRESH_COOKIE);
      if (refreshToken) {
        try {
          await gql(event.fetch, LOGOUT, { refreshToken }, { token: event.locals.accessToken });
        } catch (error) {
          if (!(error instanceof GraphQLRequestError && error.tokenRejected)) throw error;
          // Refreshing rotates the refresh token: revoke the new one.
          const token = await refreshSession(event);
          const rotated = event.cookies.get(REFRESH_COOKIE);
          if (token && rotated) await gql(event.fetch, LOGOUT, { refreshToken: rotated }, { token });
        }
      }
    } catch (error) {
      // The cookies go anyway: the session ends for this browser even if the API could not be told.
      console.warn('logout: the API did not revoke the refresh token', error);
    }
    endSession(event);
    redirect(303, '/');
  }
};
