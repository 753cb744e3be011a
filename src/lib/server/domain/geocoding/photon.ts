import { z } from 'zod';
import type { GeocodedPlace, Geocoder, GeocodeOptions } from './geocoder.ts';
import {
  ask,
  clampLimit,
  countryCodeOf,
  endpoint,
  isAdministrative,
  isSettlement,
  pointFeatures,
  streetWithNumber,
  text,
  type RemoteGeocoderOptions
} from './remote.ts';

const properties = z.object({
  osm_id: text,
  osm_type: text,
  osm_key: text,
  osm_value: text,
  type: text,
  name: text,
  housenumber: text,
  street: text,
  postcode: text,
  city: text,
  locality: text,
  district: text,
  county: text,
  state: text,
  country: text,
  countrycode: text
});

/** Photon answers 400 for a language it has no names in; those get the local names. */
const PHOTON_LANGUAGES = new Set(['en', 'de', 'fr', 'it']);
const photonLanguage = (locale: string | undefined) => {
  const language = locale?.slice(0, 2).toLowerCase();
  return language && PHOTON_LANGUAGES.has(language) ? language : undefined;
};

/** Komoot's Photon (OpenStreetMap data, search-as-you-type), public or self-hosted. */
export class PhotonGeocoder implements Geocoder {
  private readonly options: RemoteGeocoderOptions;

  constructor(options: RemoteGeocoderOptions) {
    this.options = options;
  }

  async search(query: string, options: GeocodeOptions = {}): Promise<GeocodedPlace[]> {
    const url = endpoint(this.options.url, 'api/', {
      q: query,
      limit: clampLimit(options.limit),
      lang: photonLanguage(options.locale),
      lat: options.near?.latitude,
      lon: options.near?.longitude
    });
    const places = this.places(await ask(this.options, url, options.locale));
    // Photon's filters differ between versions; the kind of place it reports does not.
    return options.administrative ? places.filter((p) => isAdministrative(p.type)) : places;
  }

  async reverse(latitude: number, longitude: number, options: GeocodeOptions = {}): Promise<GeocodedPlace | null> {
    const url = endpoint(this.options.url, 'reverse', {
      lat: latitude,
      lon: longitude,
      limit: 1,
      lang: photonLanguage(options.locale)
    });
    return this.places(await ask(this.options, url, options.locale))[0] ?? null;
  }

  private places(body: unknown): GeocodedPlace[] {
    return pointFeatures(body, properties).map(({ latitude, longitude, properties: p }) => {
      const street = streetWithNumber(p.housenumber, p.street);
      // Newer Photons say what the place is (house, street, city…); older ones only the OSM tag.
      const type = p.type ?? p.osm_value;
      const locality = p.city ?? (isSettlement(type) ? p.name : null) ?? p.locality ?? p.district ?? p.county;
      const id = p.osm_type && p.osm_id ? `${p.osm_type.charAt(0).toUpperCase()}${p.osm_id}` : null;
      return {
        originId: `photon:${id ?? `${latitude},${longitude}`}`,
        name: p.name ?? street ?? locality ?? '',
        street,
        locality,
        postalCode: p.postcode,
        region: p.state,
        countryCode: countryCodeOf(p.countrycode),
        country: p.country,
        latitude,
        longitude,
        type
      };
    });
  }
}
