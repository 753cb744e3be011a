import { fail, redirect } from '@sveltejs/kit';
import { GraphQLRequestError } from '#lib/api/client.ts';
import { loginUrl } from '#lib/api/redirect.ts';
import { textField } from '#lib/api/registration.ts';
import { gqlAs } from '#lib/api/session.ts';
import { formResult } from '#lib/api/settings-form.ts';
import { ACCOUNT_SETTINGS, SET_USER_SETTINGS, UPDATE_LOCALE } from '#lib/api/settings.ts';
import { isLocale, LOCALE_COOKIE } from '#lib/i18n/locales.ts';
import { timeZoneList } from '#lib/time/zoned-time.ts';
import type { Actions, PageServerLoad } from './$types';

const ONE_YEAR = 365 * 24 * 3600;

export const load: PageServerLoad = async (event) => {
  try {
    const { loggedUser } = await gqlAs(event, ACCOUNT_SETTINGS, {});
    return { timezone: loggedUser.settings?.timezone ?? null, timeZones: timeZoneList() };
  } catch (err) {
    if (err instanceof GraphQLRequestError && err.unauthenticated) redirect(303, loginUrl(event.url));
    throw err;
  }
};

export const actions: Actions = {
  default: async (event) => {
    const data = await event.request.formData();
    const timezone = textField(data, 'timezone');
    const locale = textField(data, 'locale');
    const errors: Record<string, 'settings.preferences.error.timezone'> = {};
    if (!timeZoneList().includes(timezone)) errors.timezone = 'settings.preferences.error.timezone';
    if (!isLocale(locale)) return fail(400, formResult('preferences', { errors, values: { timezone } }));
    if (Object.keys(errors).length > 0)
      return fail(400, formResult('preferences', { errors, values: { timezone, locale } }));
    try {
      await gqlAs(event, SET_USER_SETTINGS, { timezone });
      await gqlAs(event, UPDATE_LOCALE, { locale });
    } catch (err) {
      if (!(err instanceof GraphQLRequestError)) throw err;
      if (err.unauthenticated) redirect(303, loginUrl(event.url));
      if (err.field === 'timezone') {
        return fail(
          400,
          formResult('preferences', {
            errors: { timezone: 'settings.preferences.error.timezone' },
            values: { timezone, locale }
          })
        );
      }
      console.error('saving preferences failed', err);
      return fail(
        500,
        formResult('preferences', { formError: 'settings.error.unknown', values: { timezone, locale } })
      );
    }
    // The language switch reads this cookie; a full page load then rewrites `<html lang dir>`.
    event.cookies.set(LOCALE_COOKIE, locale, {
      path: '/',
      maxAge: ONE_YEAR,
      httpOnly: true,
      sameSite: 'lax',
      secure: event.url.protocol === 'https:'
    });
    redirect(303, '/settings/preferences?saved=1');
  }
};
