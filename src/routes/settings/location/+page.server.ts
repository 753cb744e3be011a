import { fail, redirect } from '@sveltejs/kit';
import { GraphQLRequestError } from '#lib/api/client.ts';
import {
  DEFAULT_RANGE,
  locationFromChoice,
  MY_LOCATION,
  parseRange,
  placeChoice,
  SEARCH_PLACES,
  SET_LOCATION,
  type PlaceChoice
} from '#lib/api/location.ts';
import { loginUrl } from '#lib/api/redirect.ts';
import { textField } from '#lib/api/registration.ts';
import { gqlAs } from '#lib/api/session.ts';
import { formResult, type SettingsFormResult } from '#lib/api/settings-form.ts';
import type { Actions, PageServerLoad } from './$types';

type SearchResult = SettingsFormResult & { choices: PlaceChoice[] };

async function signedIn<T>(event: { url: URL }, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof GraphQLRequestError && err.unauthenticated) redirect(303, loginUrl(event.url));
    throw err;
  }
}

export const load: PageServerLoad = async (event) => {
  const { loggedUser } = await signedIn(event, () => gqlAs(event, MY_LOCATION, {}));
  const location = loggedUser.settings?.location;
  return { location: location?.name ? location : null };
};

export const actions: Actions = {
  /** Looks the typed town up; one answer is saved at once, several are offered to choose from. */
  search: async (event) => {
    const data = await event.request.formData();
    const query = textField(data, 'place');
    const range = parseRange(textField(data, 'range')) ?? DEFAULT_RANGE;
    const values = { place: query, range: String(range) };
    if (query.length < 2) {
      return fail(400, {
        ...formResult('search', { errors: { place: 'settings.location.error.short' }, values }),
        choices: []
      });
    }
    const found = await signedIn(event, () => gqlAs(event, SEARCH_PLACES, { query, locale: event.locals.locale }));
    const choices = (found.searchAddress ?? []).flatMap((p) => (p ? [placeChoice(p)] : [])).filter((c) => c !== null);
    if (choices.length === 0) {
      return fail(400, {
        ...formResult('search', { errors: { place: 'settings.location.error.none' }, values }),
        choices
      });
    }
    if (choices.length > 1) return { ...formResult('search', { values }), choices } satisfies SearchResult;
    const location = locationFromChoice(choices[0]!.value, range);
    await signedIn(event, () => gqlAs(event, SET_LOCATION, { location }));
    redirect(303, '/settings/location?saved=1');
  },

  /** One of the offered places. */
  choose: async (event) => {
    const data = await event.request.formData();
    const range = parseRange(textField(data, 'range')) ?? DEFAULT_RANGE;
    const location = locationFromChoice(textField(data, 'choice'), range);
    if (!location) {
      return fail(400, {
        ...formResult('search', { errors: { place: 'settings.location.error.choose' } }),
        choices: []
      });
    }
    await signedIn(event, () => gqlAs(event, SET_LOCATION, { location }));
    redirect(303, '/settings/location?saved=1');
  },

  /** Forgets the place altogether. */
  clear: async (event) => {
    await signedIn(event, () => gqlAs(event, SET_LOCATION, { location: null }));
    redirect(303, '/settings/location?cleared=1');
  }
};
