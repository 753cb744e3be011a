import { encodeGeohash } from '#lib/geo/geohash.ts';
import { graphql } from './client.ts';

/** The distances offered around one's place, in kilometres. */
export const RANGES = [5, 10, 25, 50, 100, 200] as const;
export const DEFAULT_RANGE = 25;

export interface SavedLocation {
  name: string | null;
  range: number | null;
  geohash: string | null;
}

/** A place the geocoder offers; `value` is what the choice form posts back. */
export interface PlaceChoice {
  label: string;
  value: string;
}

export const MY_LOCATION = graphql<{ loggedUser: { settings: { location: SavedLocation | null } | null } }>(`
  query MyLocation {
    loggedUser {
      id
      settings {
        location {
          name
          range
          geohash
        }
      }
    }
  }
`);

interface PlaceFound {
  description: string | null;
  region: string | null;
  country: string | null;
  geom: string | null;
}

export const SEARCH_PLACES = graphql<
  { searchAddress: (PlaceFound | null)[] | null },
  { query: string; locale: string }
>(`
  query SearchPlaces($query: String!, $locale: String) {
    searchAddress(query: $query, locale: $locale, limit: 5) {
      description
      region
      country
      geom
    }
  }
`);

export const SET_LOCATION = graphql<
  { setUserSettings: { location: SavedLocation | null } | null },
  { location: SavedLocation | null }
>(`
  mutation SetLocation($location: LocationInput) {
    setUserSettings(location: $location) {
      location {
        name
        range
      }
    }
  }
`);

/** "Lyon, France" with its point, packed into one form value: `lat;lon;label`. */
export function placeChoice(place: PlaceFound) {
  const [lon, lat] = (place.geom ?? '').split(';').map(Number);
  if (!place.description || lat === undefined || lon === undefined || Number.isNaN(lat) || Number.isNaN(lon)) {
    return null;
  }
  const label = [place.description, place.region, place.country].filter(Boolean).join(', ');
  return { label, value: `${lat};${lon};${label}` };
}

/** The stored form of a chosen place (its name and a 5-character geohash, about 5 km wide). */
export function locationFromChoice(value: string, range: number): SavedLocation | null {
  const match = /^(-?\d+(?:\.\d+)?);(-?\d+(?:\.\d+)?);(.{1,200})$/s.exec(value);
  if (!match) return null;
  const latitude = Number(match[1]);
  const longitude = Number(match[2]);
  if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return null;
  return { name: match[3]!.trim(), range, geohash: encodeGeohash(latitude, longitude, 5) };
}

export const parseRange = (raw: string): number | null => {
  const n = Number(raw);
  return (RANGES as readonly number[]).includes(n) ? n : null;
};
