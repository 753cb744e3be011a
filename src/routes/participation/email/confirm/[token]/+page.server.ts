import { fail } from '@sveltejs/kit';
import { gql, GraphQLRequestError } from '#lib/api/client.ts';
import { CONFIRM_PARTICIPATION } from '#lib/api/participation.ts';
import type { MessageKey } from '#lib/i18n/messages.ts';
import type { Actions, PageServerLoad } from './$types';

// GET only shows a button: mail scanners prefetch links, and must not confirm an address for its owner.
export const load: PageServerLoad = () => ({});

function refusal(err: GraphQLRequestError): MessageKey {
  if (err.statusCode === 409) return 'anonymous.error.full';
  if (err.notFound || err.field === 'confirmationToken') return 'anonymous.confirm.invalid';
  if (err.field === 'eventId') return 'anonymous.error.closed';
  return 'anonymous.error.unknown';
}

export const actions: Actions = {
  default: async (event) => {
    try {
      const { confirmParticipation } = await gql(event.fetch, CONFIRM_PARTICIPATION, { token: event.params.token });
      return {
        confirmed: true,
        pending: confirmParticipation?.role === 'NOT_APPROVED',
        event: confirmParticipation?.event ?? null
      };
    } catch (err) {
      if (!(err instanceof GraphQLRequestError)) throw err;
      return fail(400, { error: refusal(err) });
    }
  }
};
