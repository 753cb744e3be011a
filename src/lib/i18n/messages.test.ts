import { describe, expect, it } from 'vitest';
import { LOCALES } from './locales.ts';
import { interpolate, isolate, t } from './messages.ts';
import { en } from './messages/en.ts';
import { fr } from './messages/fr.ts';
import { ar } from './messages/ar.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('interpolate', () => {
  it('fills named placeholders, as often as they appear', () => {
    expect(interpolate('Hello {name}, {name}!', { name: 'Ada' })).toBe('Hello Ada, Ada!');
    expect(interpolate('{count} events', { count: 3 })).toBe('3 events');
  });

  it('leaves unknown placeholders visible and ignores inherited properties', () => {
    expect(interpolate('Hello {name}', {})).toBe('Hello {name}');
    expect(interpolate('{toString}', {})).toBe('{toString}');
  });

  it('does not interpret replacement patterns in values', () => {
    expect(interpolate('Hi {name}', { name: '$& $1 {other}' })).toBe('Hi $& $1 {other}');
  });
});

describe('isolate', () => {
  it('wraps text in first-strong isolates', () => {
    expect(isolate('@alice')).toBe('\u2068@alice\u2069');
    expect(t('ar', 'eventForm.organizerAs', { name: isolate('Alice'), handle: isolate('@alice') })).toContain(
      '(\u2068@alice\u2069)'
    );
  });
});

describe('t', () => {
  it('translates with parameters', () => {
    expect(t('en', 'home.title', { name: 'Convene' })).toBe('Welcome to Convene');
    expect(t('fr', 'home.title', { name: 'Convene' })).toBe('Bienvenue sur Convene');
    expect(t('ar', 'home.title', { name: 'Convene' })).toBe('مرحبًا بك في Convene');
  });

  it('has every message in every language, with the same placeholders, and real translations', () => {
    const catalogs = { en, fr, ar } as Record<string, Record<string, string>>;
    for (const locale of LOCALES) {
      const catalog = catalogs[locale]!;
      expect(Object.keys(catalog).sort(), locale).toEqual(Object.keys(en).sort());
      for (const [key, text] of Object.entries(catalog)) {
        expect(text.trim(), `${locale} ${key}`).not.toBe('');
        expect(placeholders(text), `${locale} ${key}`).toEqual(placeholders(en[key as keyof typeof en]));
      }
    }
    const same = (other: Record<string, string>) =>
      Object.keys(en).filter((key) => other[key] === en[key as keyof typeof en] && /[a-z]{4}/i.test(other[key]!));
    // Words French shares with English; anything else identical is an untranslated string.
    expect(same(fr).sort()).toEqual(
      [
        'eventForm.description',
        'media.avatar.title',
        'nav.admin',
        'settings.location.range',
        'organizer.announce.text',
        'organizer.column.message',
        'organizer.pagination.page',
        'admin.nav',
        'admin.nav.instances',
        'admin.instances.title',
        'admin.instances.pageN'
      ].sort()
    );
    expect(same(ar)).toEqual([]);
  });
});
