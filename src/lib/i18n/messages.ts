import type { Locale } from './locales.ts';
import { en } from './messages/en.ts';
import { fr } from './messages/fr.ts';
import { ar } from './messages/ar.ts';

export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;
export type MessageParams = Record<string, string | number>;

const catalogs: Record<Locale, Messages> = { en, fr, ar };

/** Replaces `{name}` placeholders; a placeholder without a value stays visible rather than vanishing. */
export function interpolate(template: string, params: MessageParams = {}): string {
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : placeholder
  );
}

export function t(locale: Locale, key: MessageKey, params?: MessageParams): string {
  const template = catalogs[locale]?.[key] ?? en[key] ?? key;
  return params ? interpolate(template, params) : template;
}

/**
 * Wraps text of unknown direction (a name, a handle) in Unicode isolates, so that it cannot reorder
 * the sentence around it: "@alice" inside Arabic text stays "@alice".
 */
export const isolate = (text: string) => `\u2068${text}\u2069`;

export type Translate = (key: MessageKey, params?: MessageParams) => string;

export const translator =
  (locale: Locale): Translate =>
  (key, params) =>
    t(locale, key, params);
