import { INTL_LOCALES, safeTimeZone } from '#lib/i18n/format.ts';
import type { Locale } from '#lib/i18n/locales.ts';

/** A message's time, as the reader reads dates (their time zone, else UTC). */
export const formatWhen = (locale: Locale, iso: string | null, timeZone: string | null): string =>
  iso
    ? new Intl.DateTimeFormat(INTL_LOCALES[locale], {
        dateStyle: 'medium',
        timeStyle: 'short',
        timeZone: safeTimeZone(timeZone)
      }).format(new Date(iso))
    : '';
