import type { Locale } from './locales.ts';
import { isTimeZone } from '#lib/time/zoned-time.ts';

/**
 * The Intl locale used to format dates for each page language. English uses British conventions
 * (day before month, 24-hour clock), which read unambiguously across the federation.
 */
export const INTL_LOCALES: Record<Locale, string> = { en: 'en-GB', fr: 'fr-FR', ar: 'ar' };

const toDate = (value: string | Date) => (value instanceof Date ? value : new Date(value));

export const safeTimeZone = (zone: string | null | undefined): string => (zone && isTimeZone(zone) ? zone : 'UTC');

/**
 * An event's time as its place sees it: "Saturday 14 March 2026, 14:00–17:00". A range over several
 * days repeats the date; Intl decides which parts to collapse for each language.
 */
const eventTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** Building an Intl formatter costs far more than using one: keep one per locale and zone. */
function eventTimeFormat(locale: Locale, timeZone: string): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}`;
  let format = eventTimeFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(INTL_LOCALES[locale], { dateStyle: 'full', timeStyle: 'short', timeZone });
    eventTimeFormats.set(key, format);
  }
  return format;
}

export function formatEventTime(
  locale: Locale,
  beginsOn: string | Date,
  endsOn: string | Date | null | undefined,
  timeZone: string | null | undefined
): string {
  const format = eventTimeFormat(locale, safeTimeZone(timeZone));
  const begins = toDate(beginsOn);
  const ends = endsOn ? toDate(endsOn) : null;
  if (!ends || Number.isNaN(ends.getTime()) || ends.getTime() <= begins.getTime()) return format.format(begins);
  return format.formatRange(begins, ends);
}

/** A date alone, for lists and metadata: "14 March 2026". */
export function formatDate(locale: Locale, value: string | Date, timeZone?: string | null): string {
  return new Intl.DateTimeFormat(INTL_LOCALES[locale], { dateStyle: 'long', timeZone: safeTimeZone(timeZone) }).format(
    toDate(value)
  );
}
