import { error, fail } from '@sveltejs/kit';
import { gql, GraphQLRequestError } from '#lib/api/client.ts';
import { UUID_PATTERN } from '#lib/api/events.ts';
import { ANONYMOUS_PARTICIPATION_CONFIG, EVENT_FOR_LINK, LEAVE_ANONYMOUSLY } from '#lib/api/participation.ts';
import type { Actions, PageServerLoad } from './$types';

async function eventOf(fetch: typeof globalThis.fetch, uuid: string) {
  if (!UUID_PATTERN.test(uuid)) error(404, 'Not found');
  try {
    const { event } = await gql(fetch, EVENT_FOR_LINK, { uuid });
    if (!event) error(404, 'Not found');
    return event;
  } catch (err) {
    if (err instanceof GraphQLRequestError && err.notFound) error(404, 'Not found');
    throw err;
  }
}

// GET only asks: a prefetched link must not cancel anything.
export const load: PageServerLoad = async (event) => ({ event: await eventOf(event.fetch, event.params.uuid) });

export const actions: Actions = {
  default: async (event) => {
    const found = await eventOf(event.fetch, event.params.uuid);
    try {
      const { config } = await gql(event.fetch, ANONYMOUS_PARTICIPATION_CONFIG, {});
      const actorId = config.anonymous?.actorId;
      if (!actorId) return fail(400, { invalid: true });
      await gql(event.fetch, LEAVE_ANONYMOUSLY, { eventId: found.id, actorId, token: event.params.token });
    } catch (err) {
      if (!(err instanceof GraphQLRequestError)) throw err;
      return fail(400, { invalid: true });
    }
    return { cancelled: true };
  }
};
