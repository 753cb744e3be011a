import type { Locale } from '#lib/i18n/locales.ts';

declare global {
  namespace App {
    interface Locals {
      locale: Locale;
      /** The signed-in user's access token, from the HttpOnly `convene_access` cookie. */
      accessToken?: string;
    }
  }
}

export {};
