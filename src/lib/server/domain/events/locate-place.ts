import type { z } from 'zod';
import type { Geocoder } from '../geocoding/index.ts';
import type { addressInput } from './events.inputs.ts';

type Place = z.output<typeof addressInput>;

const plain = (text: string | null | undefined) =>
  (text ?? '')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .toLowerCase();

/**
 * A place typed by hand (a town, maybe a street) gets the coordinates of its town — the geocoder's
 * first town of exactly that name, in that country when one is given — so that it shows on a map
 * and gives the event its time zone. No such town, or a failing geocoder, leaves it as typed.
 */
export async function locatePlace<P extends Place | null | undefined>(
  geocoder: Geocoder | undefined,
  place: P
): Promise<P> {
  if (!geocoder || !place || place.geom || !place.locality?.trim()) return place;
  const town = plain(place.locality);
  const country = plain(place.country);
  try {
    const found = await geocoder.search(place.locality, { administrative: true, limit: 10 });
    const matches = found.filter(
      (p) =>
        plain(p.locality ?? p.name) === town &&
        (!country || plain(p.country) === country || plain(p.countryCode) === country)
    );
    const best = matches[0];
    if (!best) return place;
    return {
      ...place,
      geom: `${best.longitude};${best.latitude}`,
      region: place.region || best.region,
      country: place.country || best.country
    };
  } catch {
    return place;
  }
}
