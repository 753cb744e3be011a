import { sql, type SQL } from 'drizzle-orm';
import { decodeGeohash } from '../../../geo/geohash.ts';
import { addresses, events } from '../../db/schema/events.ts';

/**
 * Events whose place lies within `radius` kilometres (50 when absent) of a geohash's centre, by
 * great-circle distance; undefined when the geohash cannot be read (no filter).
 */
export function nearPlace(location: string | null | undefined, radius: number | null | undefined): SQL | undefined {
  const center = location ? decodeGeohash(location) : null;
  if (!center) return undefined;
  const radiusKm = radius && radius > 0 ? radius : 50;
  return sql`${events.physicalAddressId} in (select ${addresses.id} from ${addresses} where ${addresses.latitude} is not null
    and 6371 * 2 * asin(sqrt(power(sin(radians(${addresses.latitude} - ${center.latitude}) / 2), 2)
    + cos(radians(${center.latitude})) * cos(radians(${addresses.latitude}))
    * power(sin(radians(${addresses.longitude} - ${center.longitude}) / 2), 2))) <= ${radiusKm})`;
}

/** Long events (lasting more than `longEventDays`), or, with `wanted` false, the others. */
export function longEventsCondition(wanted: boolean | null | undefined, longEventDays: number): SQL | undefined {
  const long = sql`(${events.endsOn} - ${events.beginsOn}) > make_interval(days => ${longEventDays})`;
  if (wanted === true) return longEventDays > 0 ? long : sql`false`;
  if (wanted === false && longEventDays > 0) return sql`not coalesce(${long}, false)`;
  return undefined;
}
