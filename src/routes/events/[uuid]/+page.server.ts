import { error, redirect } from '@sveltejs/kit';
import { GraphQLRequestError } from '#lib/api/client.ts';
import { FETCH_EVENT, UUID_PATTERN } from '#lib/api/events.ts';
import { loginUrl } from '#lib/api/redirect.ts';
import { gqlAs, hasSession } from '#lib/api/session.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const { uuid } = event.params;
  if (!UUID_PATTERN.test(uuid)) error(404, 'Not found');
  try {
    const { event: found } = await gqlAs(event, FETCH_EVENT, { uuid });
    if (!found) error(404, 'Not found');
    return { event: found };
  } catch (caught) {
    if (!(caught instanceof GraphQLRequestError)) throw caught;
    if (caught.notFound) error(404, 'Not found');
    if (caught.code === 'unauthorized' || caught.statusCode === 403) {
      if (!hasSession(event)) redirect(303, loginUrl(event.url));
      error(403, 'Forbidden');
    }
    throw caught;
  }
};
