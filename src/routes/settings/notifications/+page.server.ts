import { fail, redirect } from '@sveltejs/kit';
import { GraphQLRequestError } from '#lib/api/client.ts';
import {
  CREATE_FEED_TOKEN,
  DELETE_FEED_TOKEN,
  feedUrls,
  isNotificationDelay,
  NOTIFICATION_RHYTHMS,
  NOTIFICATION_SWITCHES,
  NOTIFICATIONS_PAGE,
  SET_NOTIFICATION_SETTINGS,
  type NotificationSettings
} from '#lib/api/notifications.ts';
import { loginUrl } from '#lib/api/redirect.ts';
import { textField } from '#lib/api/registration.ts';
import { gqlAs } from '#lib/api/session.ts';
import { formResult } from '#lib/api/settings-form.ts';
import type { MessageKey } from '#lib/i18n/messages.ts';
import type { Actions, PageServerLoad } from './$types';

/** Mobilizon's defaults, shown until the settings are first read. */
const DEFAULTS: NotificationSettings = {
  notificationOnDay: true,
  notificationEachWeek: false,
  notificationBeforeEvent: false,
  notificationPendingParticipation: 'ONE_DAY',
  notificationPendingMembership: 'ONE_DAY',
  groupNotifications: 'ONE_DAY'
};

export const load: PageServerLoad = async (event) => {
  try {
    const { loggedUser } = await gqlAs(event, NOTIFICATIONS_PAGE, {});
    const nameOf = new Map(loggedUser.actors.map((a) => [a.id, a.name || `@${a.preferredUsername}`]));
    return {
      settings: loggedUser.settings ?? DEFAULTS,
      profiles: loggedUser.actors,
      feeds: (loggedUser.feedTokens ?? []).map((feed) => ({
        token: feed.token,
        profile: feed.actor ? (nameOf.get(feed.actor.id) ?? null) : null,
        ...feedUrls(event.url.origin, feed.token)
      }))
    };
  } catch (err) {
    if (err instanceof GraphQLRequestError && err.unauthenticated) redirect(303, loginUrl(event.url));
    throw err;
  }
};

/** What a failed action answers: its form, a form-level message, and the values to show again. */
const failure = (status: number, form: string, formError: MessageKey, values: Record<string, string> = {}) =>
  fail(status, formResult(form, { formError, values }));

export const actions: Actions = {
  preferences: async (event) => {
    const data = await event.request.formData();
    const settings = { ...DEFAULTS };
    const values: Record<string, string> = {};
    for (const name of NOTIFICATION_SWITCHES) {
      settings[name] = data.get(name) === 'on';
      values[name] = settings[name] ? 'on' : '';
    }
    for (const name of NOTIFICATION_RHYTHMS) {
      const value = textField(data, name);
      values[name] = value;
      if (!isNotificationDelay(value))
        return failure(400, 'preferences', 'settings.notifications.error.choice', values);
      settings[name] = value;
    }
    try {
      await gqlAs(event, SET_NOTIFICATION_SETTINGS, settings);
    } catch (err) {
      if (!(err instanceof GraphQLRequestError)) throw err;
      if (err.unauthenticated) redirect(303, loginUrl(event.url));
      console.error('saving notification settings failed', err);
      return failure(500, 'preferences', 'settings.error.unknown', values);
    }
    return formResult('preferences', { done: 'settings.notifications.saved' });
  },

  createFeed: async (event) => {
    const data = await event.request.formData();
    const actorId = textField(data, 'actorId') || null;
    const values = { actorId: actorId ?? '' };
    try {
      await gqlAs(event, CREATE_FEED_TOKEN, { actorId });
    } catch (err) {
      if (!(err instanceof GraphQLRequestError)) throw err;
      if (err.unauthenticated) redirect(303, loginUrl(event.url));
      if (err.field === 'actorId') {
        return fail(
          400,
          formResult('createFeed', { errors: { actorId: 'settings.notifications.feeds.error.profile' }, values })
        );
      }
      console.error('createFeedToken failed', err);
      return failure(500, 'createFeed', 'settings.error.unknown', values);
    }
    return formResult('createFeed', { done: 'settings.notifications.feeds.created' });
  },

  deleteFeed: async (event) => {
    const data = await event.request.formData();
    const token = textField(data, 'token');
    try {
      await gqlAs(event, DELETE_FEED_TOKEN, { token });
    } catch (err) {
      if (!(err instanceof GraphQLRequestError)) throw err;
      if (err.unauthenticated) redirect(303, loginUrl(event.url));
      if (err.notFound) return failure(404, 'deleteFeed', 'settings.notifications.feeds.error.notFound');
      console.error('deleteFeedToken failed', err);
      return failure(500, 'deleteFeed', 'settings.error.unknown');
    }
    return formResult('deleteFeed', { done: 'settings.notifications.feeds.deleted' });
  }
};
