import { z } from 'zod';
import type { GeocodedPlace, Geocoder, GeocodeOptions } from './geocoder.ts';
import { languageTag } from './http.ts';
import {
  ask,
  clampLimit,
  countryCodeOf,
  endpoint,
  isSettlement,
  pointFeatures,
  streetWithNumber,
  text,
  type RemoteGeocoderOptions
} from './remote.ts';

export interface NominatimOptions extends RemoteGeocoderOptions {
  /** Sent as `email`, as the usage policy asks of heavy users; optional. */
  email?: string;
}

const geocoding = z.object({
  geocoding: z.object({
    osm_type: text,
    osm_id: text,
    place_id: text,
    type: text,
    label: text,
    name: text,
    housenumber: text,
    street: text,
    postcode: text,
    city: text,
    district: text,
    county: text,
    state: text,
    country: text,
    country_code: text
  })
});

/** Half a degree around a point: Nominatim prefers results in this box without excluding others. */
function viewbox(near: GeocodeOptions['near']): string | undefined {
  if (!near) return undefined;
  const { latitude: lat, longitude: lon } = near;
  return [lon - 0.5, lat + 0.5, lon + 0.5, lat - 0.5].map((n) => n.toFixed(5)).join(',');
}

/** OpenStreetMap's Nominatim (public or self-hosted), asked for its GeocodeJSON format. */
export class NominatimGeocoder implements Geocoder {
  private readonly options: NominatimOptions;

  constructor(options: NominatimOptions) {
    this.options = options;
  }

  private common(locale: string | undefined) {
    return {
      format: 'geocodejson',
      addressdetails: 1,
      'accept-language': languageTag(locale),
      email: this.options.email
    };
  }

  async search(query: string, options: GeocodeOptions = {}): Promise<GeocodedPlace[]> {
    const url = endpoint(this.options.url, 'search', {
      ...this.common(options.locale),
      q: query,
      limit: clampLimit(options.limit),
      viewbox: viewbox(options.near),
      featureType: options.administrative ? 'settlement' : undefined
    });
    return this.places(await ask(this.options, url, options.locale));
  }

  async reverse(latitude: number, longitude: number, options: GeocodeOptions = {}): Promise<GeocodedPlace | null> {
    const url = endpoint(this.options.url, 'reverse', {
      ...this.common(options.locale),
      lat: latitude,
      lon: longitude,
      zoom: Math.min(Math.max(Math.round(options.zoom ?? 18), 0), 18)
    });
    const body = await ask(this.options, url, options.locale);
    // Nothing at that point: {"error": "Unable to geocode"} with a 200.
    if (body && typeof body === 'object' && 'error' in body) return null;
    return this.places(body)[0] ?? null;
  }

  private places(body: unknown): GeocodedPlace[] {
    return pointFeatures(body, geocoding).map(({ latitude, longitude, properties: { geocoding: g } }) => {
      const street = streetWithNumber(g.housenumber, g.street);
      const locality = g.city ?? (isSettlement(g.type) ? g.name : null) ?? g.district ?? g.county;
      const id = g.osm_type && g.osm_id ? `${g.osm_type.charAt(0).toUpperCase()}${g.osm_id}` : `place${g.place_id}`;
      return {
        originId: `nominatim:${id}`,
        name: g.name ?? street ?? locality ?? g.label?.split(',')[0]?.trim() ?? '',
        street,
        locality,
        postalCode: g.postcode,
        region: g.state,
        countryCode: countryCodeOf(g.country_code),
        country: g.country,
        latitude,
        longitude,
        type: g.type
      };
    });
  }
}
