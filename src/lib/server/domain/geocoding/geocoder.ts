/** A place a geocoder found: for now a city, town or village. */
export interface GeocodedPlace {
  /** Stable within a provider (GeoNames id for the offline one). */
  originId: string;
  name: string;
  /** A short region code when it reads as one (US states: "TX"), else null. */
  region: string | null;
  /** ISO 3166-1 alpha-2. */
  countryCode: string;
  /** The country's name in the requested language. */
  country: string;
  latitude: number;
  longitude: number;
  population: number;
}

export interface GeocodeOptions {
  /** Language of the country names (en, fr, ar…). */
  locale?: string;
  limit?: number;
}

/** Finds places by name and the place at a point. Providers: the bundled cities (offline), later others. */
export interface Geocoder {
  search(text: string, options?: GeocodeOptions): Promise<GeocodedPlace[]>;
  reverse(latitude: number, longitude: number, options?: GeocodeOptions): Promise<GeocodedPlace | null>;
}

/** Lowercase, without accents or punctuation: "Saint-Étienne" and "saint etienne" compare equal. */
export function normalizePlaceName(text: string): string {
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
