import { describe, expect, it } from 'vitest';
import { decodeGeohash, encodeGeohash } from '../../../geo/geohash.ts';
import { ExpiringLru } from './cache.ts';
import { normalizePlaceName } from './geocoder.ts';
import { OfflineCitiesGeocoder } from './offline-cities.ts';

const geocoder = new OfflineCitiesGeocoder();

describe('geohash', () => {
  it('encodes and decodes known points', () => {
    expect(encodeGeohash(57.64911, 10.40744, 11)).toBe('u4pruydqqvj');
    expect(encodeGeohash(48.8566, 2.3522, 5)).toBe('u09tv');
    const centre = decodeGeohash('u09tv');
    expect(centre!.latitude).toBeCloseTo(48.86, 1);
    expect(centre!.longitude).toBeCloseTo(2.35, 1);
    expect(decodeGeohash('not*a*hash')).toBeNull();
  });
});

describe('the offline cities geocoder', () => {
  it('ignores accents, case and punctuation', () => {
    expect(normalizePlaceName('Saint-Étienne')).toBe('saint etienne');
    expect(normalizePlaceName('  MONTRÉAL ')).toBe('montreal');
    // Plain ASCII takes a shortcut that must agree with the full path.
    expect(normalizePlaceName("St. John's - Newfoundland")).toBe('st john s newfoundland');
    expect(normalizePlaceName('Zürich (ZH)')).toBe('zurich zh');
  });

  it('finds the most populated place of a name first, with the country in the asked language', async () => {
    const [paris] = await geocoder.search('paris', { locale: 'fr' });
    expect(paris).toMatchObject({ name: 'Paris', countryCode: 'FR', country: 'France' });
    const [montreal] = await geocoder.search('Montreal', { locale: 'ar' });
    expect(montreal).toMatchObject({ countryCode: 'CA', country: 'كندا' });
    const etienne = await geocoder.search('saint etienne', { limit: 3 });
    expect(etienne[0]).toMatchObject({ name: 'Saint-Étienne', countryCode: 'FR' });
    expect(etienne.length).toBeLessThanOrEqual(3);
    const [austin] = await geocoder.search('Austin');
    expect(austin).toMatchObject({ region: 'TX', countryCode: 'US', country: 'United States' });
    expect(austin!.latitude).toBeCloseTo(30.27, 1);
    expect(austin!.longitude).toBeCloseTo(-97.74, 1);
    expect(austin!.population).toBeGreaterThan(900_000);
    expect(await geocoder.search('x')).toEqual([]);
    expect(await geocoder.search('zzqxqzz')).toEqual([]);
  });

  it('names the place at a point, and nothing in the open sea', async () => {
    expect(await geocoder.reverse(45.764, 4.8357)).toMatchObject({
      name: 'Lyon',
      locality: 'Lyon',
      street: null,
      countryCode: 'FR',
      type: 'city',
      originId: 'geonames:2996944'
    });
    expect(await geocoder.reverse(0, -30)).toBeNull();
  });
});

describe('the answers cache', () => {
  it('forgets the least recently used entry beyond its size, and entries past their time', () => {
    let now = 0;
    const cache = new ExpiringLru<string>(2, 1000, () => now);
    cache.set('a', 'A');
    cache.set('b', 'B');
    expect(cache.get('a')).toBe('A');
    cache.set('c', 'C');
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe('A');
    expect(cache.size).toBe(2);
    now = 1000;
    expect(cache.get('c')).toBeUndefined();
    expect(cache.size).toBe(1);
  });
});
