import { z } from 'zod';
import type { IntervalGate } from './cache.ts';
import { GeocoderHttpError, getJson, type GeocoderHttpOptions } from './http.ts';

/** What every remote provider is built with. */
export interface RemoteGeocoderOptions extends GeocoderHttpOptions {
  /** The provider's base URL: https://nominatim.openstreetmap.org, https://photon.komoot.io… */
  url: string;
  /** Spaces requests out (Nominatim's usage policy); none when absent. */
  gate?: IntervalGate;
}

/** `path` under the base URL (which may itself have a path), with the non-empty parameters. */
export function endpoint(base: string, path: string, params: Record<string, string | number | undefined>): URL {
  const url = new URL(path, base.endsWith('/') ? base : `${base}/`);
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') url.searchParams.set(name, String(value));
  }
  return url;
}

/** Asks a provider, waiting for the gate first; a refused turn is an error like any other. */
export async function ask(options: RemoteGeocoderOptions, url: URL, locale: string | undefined): Promise<unknown> {
  if (options.gate && !(await options.gate.take())) throw new GeocoderHttpError('too many requests queued');
  return getJson(url, locale, options);
}

const point = z.object({ coordinates: z.tuple([z.number(), z.number()]).rest(z.number()) });

/** A GeoJSON FeatureCollection of points whose properties match `properties`; features that don't are dropped. */
export function pointFeatures<P extends z.ZodType>(
  body: unknown,
  properties: P
): { latitude: number; longitude: number; properties: z.output<P> }[] {
  const collection = z.object({ features: z.array(z.unknown()) }).safeParse(body);
  if (!collection.success) throw new GeocoderHttpError('answer is not a feature collection');
  const feature = z.object({ geometry: point, properties: z.unknown() });
  return collection.data.features.flatMap((raw) => {
    const parsed = feature.safeParse(raw);
    const props = parsed.success ? properties.safeParse(parsed.data.properties) : undefined;
    if (!parsed.success || !props?.success) return [];
    const [longitude, latitude] = parsed.data.geometry.coordinates;
    if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return [];
    return [{ latitude, longitude, properties: props.data }];
  });
}

/** Optional text fields come as strings, null, absent, or now and then numbers. */
export const text = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((v) => (v === null || v === undefined || v === '' ? null : String(v)));

/** "10" + "Rue Jangot" → "10 Rue Jangot". */
export function streetWithNumber(houseNumber: string | null, street: string | null): string | null {
  if (!street) return null;
  return houseNumber ? `${houseNumber} ${street}` : street;
}

/** The limit a caller asked for, within what we let providers return. */
export const clampLimit = (limit: number | undefined) => Math.min(Math.max(limit ?? 10, 1), 20);

/** ISO code in capitals when it looks like one. */
export const countryCodeOf = (code: string | null) => (code && /^[a-z]{2}$/i.test(code) ? code.toUpperCase() : null);

const SETTLEMENTS = new Set(['city', 'town', 'village', 'hamlet', 'municipality']);
/** A town found as itself names its own locality, which providers then leave empty. */
export const isSettlement = (type: string | null) => type !== null && SETTLEMENTS.has(type);

const ADMINISTRATIVE = new Set([...SETTLEMENTS, 'locality', 'suburb', 'district', 'county', 'state', 'country']);
/** Places Mobilizon's ADMINISTRATIVE search type means: towns, regions, countries. */
export const isAdministrative = (type: string | null) => type !== null && ADMINISTRATIVE.has(type);
