import { redirect } from '@sveltejs/kit';
import { safeRedirect } from '#lib/api/redirect.ts';
import { isLocale, LOCALE_COOKIE } from '#lib/i18n/locales.ts';
import type { Actions } from './$types';

const ONE_YEAR = 365 * 24 * 3600;

export const actions: Actions = {
  default: async ({ request, cookies, url }) => {
    const data = await request.formData();
    const locale = data.get('locale');
    if (isLocale(locale)) {
      cookies.set(LOCALE_COOKIE, locale, {
        path: '/',
        maxAge: ONE_YEAR,
        httpOnly: true,
        sameSite: 'lax',
        secure: url.protocol === 'https:'
      });
    }
    const back = data.get('redirect');
    redirect(303, safeRedirect(typeof back === 'string' ? back : null));
  }
};
