import type { Handle } from '@sveltejs/kit/hooks';
import { dirOf, LOCALE_COOKIE, negotiateLocale } from './locales.ts';

/** Picks the page language and writes it, with its direction, into app.html's `<html>`. */
export const localeHandle: Handle = ({ event, resolve }) => {
  const locale = negotiateLocale(event.cookies.get(LOCALE_COOKIE), event.request.headers.get('accept-language'));
  event.locals.locale = locale;
  const dir = dirOf(locale);
  // Only the template's placeholders: later chunks hold page content, which may contain the same text.
  let templateDone = false;
  return resolve(event, {
    transformPageChunk: ({ html }) => {
      if (templateDone || !html.includes('%lang%')) return html;
      templateDone = true;
      return html.replace('%lang%', locale).replace('%dir%', dir);
    }
  });
};
