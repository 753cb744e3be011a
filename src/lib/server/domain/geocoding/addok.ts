import { z } from 'zod';
import { countryName, type GeocodedPlace, type Geocoder, type GeocodeOptions } from './geocoder.ts';
import { ask, clampLimit, endpoint, pointFeatures, text, type RemoteGeocoderOptions } from './remote.ts';

const properties = z.object({
  id: text,
  type: text,
  label: text,
  name: text,
  housenumber: text,
  street: text,
  postcode: text,
  city: text,
  context: text
});

const collection = z.object({ attribution: text });

/** Addok's kinds of result in the words the other providers use. */
const TYPES: Record<string, string> = {
  housenumber: 'house',
  street: 'street',
  locality: 'locality',
  municipality: 'city'
};

/**
 * Addok, the engine of France's national address base (BAN, api-adresse.data.gouv.fr) and of
 * self-hosted address bases. It has no languages and does not say the country; the BAN is France.
 */
export class AddokGeocoder implements Geocoder {
  private readonly options: RemoteGeocoderOptions;

  constructor(options: RemoteGeocoderOptions) {
    this.options = options;
  }

  async search(query: string, options: GeocodeOptions = {}): Promise<GeocodedPlace[]> {
    const url = endpoint(this.options.url, 'search/', {
      q: query,
      limit: clampLimit(options.limit),
      lat: options.near?.latitude,
      lon: options.near?.longitude,
      type: options.administrative ? 'municipality' : undefined
    });
    return this.places(await ask(this.options, url, options.locale), options);
  }

  async reverse(latitude: number, longitude: number, options: GeocodeOptions = {}): Promise<GeocodedPlace | null> {
    const url = endpoint(this.options.url, 'reverse/', { lat: latitude, lon: longitude, limit: 1 });
    return this.places(await ask(this.options, url, options.locale), options)[0] ?? null;
  }

  private places(body: unknown, options: GeocodeOptions): GeocodedPlace[] {
    const base = collection.safeParse(body);
    const countryCode = base.success && base.data.attribution === 'BAN' ? 'FR' : null;
    return pointFeatures(body, properties).map(({ latitude, longitude, properties: p }) => {
      const type = p.type ? (TYPES[p.type] ?? p.type) : null;
      // For an address or a street, Addok's name is already "10 Rue Jangot".
      const street = type === 'house' || type === 'street' ? (p.name ?? p.street) : null;
      // "69, Rhône, Auvergne-Rhône-Alpes": department number, department, region.
      const region = p.context?.split(',').at(-1)?.trim() || null;
      return {
        originId: `addok:${p.id ?? `${latitude},${longitude}`}`,
        name: p.name ?? p.label ?? p.city ?? '',
        street,
        locality: p.city,
        postalCode: p.postcode,
        region,
        countryCode,
        country: countryCode ? countryName(countryCode, options.locale) : null,
        latitude,
        longitude,
        type
      };
    });
  }
}
