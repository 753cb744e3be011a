import { fail } from '@sveltejs/kit';
import { gql, GraphQLRequestError } from '#lib/api/client.ts';
import { UUID_PATTERN } from '#lib/api/events.ts';
import { ANONYMOUS_PARTICIPATION_CONFIG, JOIN_ANONYMOUSLY } from '#lib/api/participation.ts';
import { anonymousRefusal } from '#lib/api/participation-errors.ts';
import { textField } from '#lib/api/registration.ts';
import type { MessageKey } from '#lib/i18n/messages.ts';
import type { Actions, PageServerLoad } from './$types';

// Visited without a form (a bookmark, say): the page only leads back home.
export const load: PageServerLoad = () => ({});

/** The event page's "take part without an account" form posts here, with or without JavaScript. */
export const actions: Actions = {
  default: async (event) => {
    const data = await event.request.formData();
    const uuid = textField(data, 'uuid');
    const back = UUID_PATTERN.test(uuid) ? uuid : null;
    const refuse = (anonymousError: MessageKey) => fail(400, { anonymousError, uuid: back });
    const email = textField(data, 'email').trim();
    if (!email.includes('@')) return refuse('anonymous.error.email');
    if (data.get('consent') !== 'on') return refuse('anonymous.error.consent');
    try {
      const { config } = await gql(event.fetch, ANONYMOUS_PARTICIPATION_CONFIG, {});
      const actorId = config.anonymous?.actorId;
      if (!config.anonymous?.participation?.allowed || !actorId) return refuse('anonymous.error.closed');
      await gql(event.fetch, JOIN_ANONYMOUSLY, {
        eventId: textField(data, 'eventId'),
        actorId,
        email,
        message: textField(data, 'message').trim() || null,
        locale: event.locals.locale,
        timezone: textField(data, 'timezone') || null
      });
    } catch (err) {
      if (!(err instanceof GraphQLRequestError)) throw err;
      return refuse(anonymousRefusal(err));
    }
    return { anonymousSent: true, uuid: back };
  }
};
