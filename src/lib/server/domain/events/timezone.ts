import tzLookup from '@photostructure/tz-lookup';
import { eq } from 'drizzle-orm';
import { userSettings } from '../../db/schema/settings.ts';
import type { Transaction } from '../../db/transaction.ts';
import { isTimeZone } from '../../../time/zoned-time.ts';

/** The IANA zone at these coordinates, or null when they are not valid ones. */
export function timeZoneAt(latitude: number, longitude: number): string | null {
  try {
    const zone = tzLookup(latitude, longitude);
    return isTimeZone(zone) ? zone : null;
  } catch {
    return null;
  }
}

/** Coordinates of an address input's `geom` ("longitude;latitude"), if any. */
export function coordinatesOf(geom: string | null | undefined): { latitude: number; longitude: number } | null {
  if (!geom) return null;
  const [longitude, latitude] = geom.split(';').map(Number);
  if (longitude === undefined || latitude === undefined || !Number.isFinite(latitude) || !Number.isFinite(longitude)) {
    return null;
  }
  return { latitude, longitude };
}

/**
 * An event's time zone when its options name none: the zone of its place (the address's own, else
 * found from its coordinates), else the organizer's setting, else UTC.
 */
export async function defaultTimeZone(
  tx: Transaction,
  userId: number,
  place: { timezone?: string | null; geom?: string | null } | null | undefined
): Promise<string> {
  if (place?.timezone) return place.timezone;
  const at = coordinatesOf(place?.geom);
  const fromPlace = at ? timeZoneAt(at.latitude, at.longitude) : null;
  if (fromPlace) return fromPlace;
  const [settings] = await tx.db
    .select({ timezone: userSettings.timezone })
    .from(userSettings)
    .where(eq(userSettings.userId, userId));
  if (settings?.timezone && isTimeZone(settings.timezone)) return settings.timezone;
  return 'UTC';
}
