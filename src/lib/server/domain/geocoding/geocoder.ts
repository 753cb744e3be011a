/** A place a geocoder found: a town from the offline cities, or a full address from a remote provider. */
export interface GeocodedPlace {
  /** Stable within a provider, prefixed with it: "geonames:2988507", "nominatim:N3078260611". */
  originId: string;
  /** The place's own name, else its street, else its town: what a list of results shows first. */
  name: string;
  /** The house number and street ("10 Rue Jangot"), when the place is an address. */
  street: string | null;
  /** Town or city. */
  locality: string | null;
  postalCode: string | null;
  /** The region: a short code when it reads as one (US states: "TX"), else its name, or null. */
  region: string | null;
  /** ISO 3166-1 alpha-2, when the provider says it. */
  countryCode: string | null;
  /** The country's name in the requested language (or as the provider gave it). */
  country: string | null;
  latitude: number;
  longitude: number;
  /** What kind of place: house, street, city… (the provider's words, a few normalized). */
  type: string | null;
  /** Inhabitants, when known (the offline cities). */
  population?: number;
}

export interface GeocodeOptions {
  /** Language of the answer (names of countries, and of places where providers have them): en, fr, ar… */
  locale?: string;
  limit?: number;
  /** Prefer places near this point, when the provider can. */
  near?: { latitude: number; longitude: number };
  /** Search: towns and other administrative places only, no streets or addresses. */
  administrative?: boolean;
  /** Reverse: the level of detail, as map zoom levels (18: the building, 10: the city); default 18. */
  zoom?: number;
}

/** Finds places by text and the place at a point. Providers: the bundled cities (offline), Nominatim, Photon, Addok. */
export interface Geocoder {
  search(text: string, options?: GeocodeOptions): Promise<GeocodedPlace[]>;
  reverse(latitude: number, longitude: number, options?: GeocodeOptions): Promise<GeocodedPlace | null>;
}

/** Lowercase, without accents or punctuation: "Saint-Étienne" and "saint etienne" compare equal. */
export function normalizePlaceName(text: string): string {
  // Most names are plain ASCII: the same result without the costly Unicode decomposition.
  if (/^[\x20-\x7e]*$/.test(text)) {
    return text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
  }
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const countryNames = new Map<string, Intl.DisplayNames>();
/** A country's name in a language, from the runtime's own data (no table to maintain). */
export function countryName(code: string, locale = 'en'): string {
  let names = countryNames.get(locale);
  if (!names) {
    try {
      names = new Intl.DisplayNames([locale, 'en'], { type: 'region' });
    } catch {
      names = new Intl.DisplayNames(['en'], { type: 'region' });
    }
    countryNames.set(locale, names);
  }
  try {
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}
