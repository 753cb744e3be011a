import { createContext } from 'svelte';
import { dirOf, type Locale } from './locales.ts';
import { t, type Translate } from './messages.ts';

export interface I18n {
  readonly locale: Locale;
  readonly dir: 'ltr' | 'rtl';
  readonly t: Translate;
}

const [getI18n, setI18n] = createContext<I18n>();

/** Called once by the root layout; components then call `useI18n()`. */
export function provideI18n(getLocale: () => Locale): I18n {
  return setI18n({
    get locale() {
      return getLocale();
    },
    get dir() {
      return dirOf(getLocale());
    },
    t: (key, params) => t(getLocale(), key, params)
  });
}

export const useI18n = getI18n;
