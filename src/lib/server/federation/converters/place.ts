import type { Address } from '../../db/schema/events.ts';
import type { RemotePlace } from '../../domain/events/index.ts';
import { isObject, numberOf, stringOf, textOf, type Json } from './json.ts';

export type PlaceData = RemotePlace;

/** Mobilizon's Place: schema.org PostalAddress and coordinates. */
export function placeToAp(address: Address): Json {
  return {
    type: 'Place',
    id: address.url,
    name: address.description,
    address: {
      type: 'PostalAddress',
      streetAddress: address.street,
      postalCode: address.postalCode,
      addressLocality: address.locality,
      addressRegion: address.region,
      addressCountry: address.country
    },
    ...(address.latitude !== null && address.longitude !== null
      ? { latitude: address.latitude, longitude: address.longitude }
      : {})
  };
}

const clean = (value: unknown, max = 300): string | null => {
  const text = stringOf(value)?.trim();
  return text ? text.slice(0, max) : null;
};

function coordinate(value: unknown, limit: number): number | null {
  const n = numberOf(value);
  return n !== undefined && Math.abs(n) <= limit ? n : null;
}

/**
 * A `location` as servers send it: a Place with a PostalAddress (or an address string), FEP-8a8e
 * coordinates, or plain text (Gancio, WordPress). A VirtualLocation is not a place: null.
 */
export function placeFromAp(location: unknown): PlaceData | null {
  if (typeof location === 'string') {
    const text = clean(location);
    return text ? { ...emptyPlace(), description: text } : null;
  }
  if (!isObject(location)) return null;
  if (location.type === 'VirtualLocation') return null;
  const address: Json = isObject(location.address) ? location.address : {};
  const place: PlaceData = {
    description: clean(textOf(location, 'name')),
    street: clean(typeof location.address === 'string' ? location.address : address.streetAddress),
    locality: clean(address.addressLocality),
    postalCode: clean(address.postalCode, 40),
    region: clean(address.addressRegion),
    country: clean(address.addressCountry),
    latitude: coordinate(location.latitude, 90),
    longitude: coordinate(location.longitude, 180),
    originId: clean(location.id, 2000)
  };
  if (place.latitude === null || place.longitude === null) {
    place.latitude = null;
    place.longitude = null;
  }
  const { originId: _ignored, ...shown } = place;
  return Object.values(shown).some((v) => v !== null) ? place : null;
}

function emptyPlace(): PlaceData {
  return {
    description: null,
    street: null,
    locality: null,
    postalCode: null,
    region: null,
    country: null,
    latitude: null,
    longitude: null,
    originId: null
  };
}
