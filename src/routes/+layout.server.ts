import { LOGGED_USER, type CurrentUser } from '#lib/api/accounts.ts';
import { gql, GraphQLRequestError } from '#lib/api/client.ts';
import { INSTANCE_CONFIG, type InstanceConfig } from '#lib/api/instance.ts';
import { gqlAs, hasSession } from '#lib/api/session.ts';
import type { LayoutServerLoad } from './$types';

const FALLBACK_CONFIG: InstanceConfig = { name: 'Convene', description: null, registrationsOpen: false };

/** The shell must render even when the API is down: the page below it reports its own errors. */
async function instanceConfig(fetch: typeof globalThis.fetch): Promise<InstanceConfig> {
  try {
    return (await gql(fetch, INSTANCE_CONFIG, {})).config;
  } catch (error) {
    console.error('could not load the instance configuration', error);
    return FALLBACK_CONFIG;
  }
}

async function currentUser(event: Parameters<LayoutServerLoad>[0]): Promise<CurrentUser | null> {
  if (!hasSession(event)) return null;
  try {
    return (await gqlAs(event, LOGGED_USER, {})).loggedUser;
  } catch (error) {
    if (!(error instanceof GraphQLRequestError && error.unauthenticated)) {
      console.error('could not load the signed-in user', error);
    }
    return null;
  }
}

export const load: LayoutServerLoad = async (event) => {
  const [instance, user] = await Promise.all([instanceConfig(event.fetch), currentUser(event)]);
  return { locale: event.locals.locale, instance, user };
};
