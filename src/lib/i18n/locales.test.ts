import { describe, expect, it } from 'vitest';
import { dirOf, negotiateLocale, parseAcceptLanguage } from './locales.ts';

describe('parseAcceptLanguage', () => {
  it('orders by weight, keeps header order on ties and drops refused languages', () => {
    expect(parseAcceptLanguage('de-CH, fr;q=0.9, en;q=0.8, ar;q=0')).toEqual(['de-ch', 'fr', 'en']);
    expect(parseAcceptLanguage('en;q=0.5, fr;q=0.5, ar')).toEqual(['ar', 'en', 'fr']);
    expect(parseAcceptLanguage('')).toEqual([]);
    expect(parseAcceptLanguage(null)).toEqual([]);
    expect(parseAcceptLanguage('fr;q=abc, en')).toEqual(['en']);
  });
});

describe('negotiateLocale', () => {
  it('prefers the cookie when it names a supported language', () => {
    expect(negotiateLocale('ar', 'fr-FR,fr;q=0.9')).toBe('ar');
    expect(negotiateLocale('de', 'fr-FR,fr;q=0.9')).toBe('fr');
  });

  it('then matches the browser languages on their primary subtag', () => {
    expect(negotiateLocale(undefined, 'fr-CA,fr;q=0.9,en;q=0.8')).toBe('fr');
    expect(negotiateLocale(undefined, 'ar-EG')).toBe('ar');
    expect(negotiateLocale(undefined, 'de-DE, es;q=0.8, fr;q=0.5')).toBe('fr');
    expect(negotiateLocale(undefined, 'EN-gb')).toBe('en');
  });

  it('falls back to English', () => {
    expect(negotiateLocale(undefined, 'de-DE, ja')).toBe('en');
    expect(negotiateLocale(undefined, undefined)).toBe('en');
    expect(negotiateLocale(undefined, '*')).toBe('en');
    expect(negotiateLocale(undefined, 'fr;q=0')).toBe('en');
  });

  it('writes Arabic right to left', () => {
    expect(dirOf('ar')).toBe('rtl');
    expect(dirOf('fr')).toBe('ltr');
    expect(dirOf('en')).toBe('ltr');
  });
});
