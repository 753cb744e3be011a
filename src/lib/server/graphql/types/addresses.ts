import type { Address as AddressRow } from '../../db/schema/events.ts';
import type { GeocodedPlace } from '../../domain/geocoding/index.ts';
import { builder } from '../builder.ts';
import { Address } from './events.ts';

const AddressSearchType = builder.enumType('AddressSearchType', { values: ['ADMINISTRATIVE'] as const });

const MAX_QUERY = 200;

/** A geocoder's place in Mobilizon's Address shape (not stored, so without id or url). */
export function placeAsAddress(place: GeocodedPlace): AddressRow & { type: string | null } {
  return {
    id: 0,
    description: place.name,
    street: place.street,
    locality: place.locality,
    postalCode: place.postalCode,
    type: place.type,
    region: place.region,
    country: place.country,
    latitude: place.latitude,
    longitude: place.longitude,
    timezone: null,
    originId: place.originId,
    url: null,
    createdAt: new Date(0)
  };
}

builder.queryField('searchAddress', (t) =>
  t.field({
    type: [Address],
    nullable: { list: true, items: true },
    description: 'Places by text, from the configured geocoder (by default the bundled cities, offline)',
    args: {
      query: t.arg.string({ required: true }),
      locale: t.arg.string({ defaultValue: 'en' }),
      page: t.arg.int({ defaultValue: 1 }),
      limit: t.arg.int({ defaultValue: 10 }),
      type: t.arg({ type: AddressSearchType })
    },
    resolve: async (_root, args, ctx) => {
      const limit = Math.min(Math.max(args.limit ?? 10, 1), 20);
      const page = Math.max(args.page ?? 1, 1);
      const found = await ctx.services.geocoder.search(args.query.slice(0, MAX_QUERY), {
        locale: args.locale ?? 'en',
        limit: Math.min(page * limit, 20),
        administrative: args.type === 'ADMINISTRATIVE'
      });
      return found.slice((page - 1) * limit, page * limit).map(placeAsAddress);
    }
  })
);

builder.queryField('reverseGeocode', (t) =>
  t.field({
    type: [Address],
    nullable: { list: true, items: true },
    description: 'The place at a point, from the geocoder',
    args: {
      latitude: t.arg.float({ required: true }),
      longitude: t.arg.float({ required: true }),
      zoom: t.arg.int({ defaultValue: 15 }),
      locale: t.arg.string({ defaultValue: 'en' })
    },
    resolve: async (_root, args, ctx) => {
      if (Math.abs(args.latitude) > 90 || Math.abs(args.longitude) > 180) return [];
      const place = await ctx.services.geocoder.reverse(args.latitude, args.longitude, {
        locale: args.locale ?? 'en',
        zoom: args.zoom ?? undefined
      });
      return place ? [placeAsAddress(place)] : [];
    }
  })
);
