import { escape as escapeText, ICalCalendar, ICalEventStatus } from 'ical-generator';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import { isTimeZone } from '../../time/zoned-time.ts';
import type { Event } from '../db/schema/events.ts';
import { locationOf, timeZoneOf, type CalendarEntry } from './event-text.ts';
import { htmlToPlainText, withoutControls } from '../core/plain-text.ts';
import { ZonedDate } from './zoned-date.ts';

export interface IcsOptions {
  /** The calendar's name (NAME, X-WR-CALNAME). */
  name: string;
  /** Where this calendar is served (URL of the calendar). */
  url?: string;
  /** How often clients should refresh, seconds (REFRESH-INTERVAL, X-PUBLISHED-TTL). */
  refreshSeconds?: number;
}

const STATUS: Record<Event['status'], ICalEventStatus> = {
  tentative: ICalEventStatus.TENTATIVE,
  confirmed: ICalEventStatus.CONFIRMED,
  cancelled: ICalEventStatus.CANCELLED
};

/**
 * The VTIMEZONE of a zone, from the IANA data of timezones-ical-library; null when it has none. The
 * library answers an alias with its canonical zone (America/Montreal → America/Toronto): the block
 * is renamed so that its TZID is the one the events refer to.
 */
function vtimezone(zone: string): string | null {
  // Building a block costs a quarter of a millisecond; a zone's block never changes in a process.
  let block = vtimezoneCache.get(zone);
  if (block === undefined) {
    block = buildVtimezone(zone);
    vtimezoneCache.set(zone, block);
  }
  return block;
}

const vtimezoneCache = new Map<string, string | null>();

function buildVtimezone(zone: string): string | null {
  const block = tzlib_get_ical_block(zone);
  const text = Array.isArray(block) ? block[0] : undefined;
  if (!text || !/^TZID:/m.test(text)) return null;
  return text.replace(/^TZID:.*$/m, `TZID:${zone}`).replace(/^X-LIC-LOCATION:.*$/m, `X-LIC-LOCATION:${zone}`);
}

/** A zone we can write: known to Intl (for the wall clock) and to the VTIMEZONE library. */
const writableZone = (zone: string | null) =>
  zone && zone !== 'UTC' && isTimeZone(zone) && vtimezone(zone) ? zone : null;

/**
 * An iCalendar (RFC 5545) document of events. A zoned event is written in its own zone
 * (`DTSTART;TZID=Europe/Paris:20260620T190000`) with the zone's VTIMEZONE; others in UTC.
 * DTSTAMP and LAST-MODIFIED are the event's last change, so the same events give the same text.
 */
export function eventsToIcs(entries: readonly CalendarEntry[], options: IcsOptions): string {
  const calendar = new ICalCalendar({
    // ical-generator writes the calendar's name as given: escaped here like every other text value.
    name: escapeText(withoutControls(options.name), false),
    prodId: { company: 'Convene', product: 'Convene', language: 'EN' },
    ...(options.url ? { url: options.url } : {}),
    ...(options.refreshSeconds ? { ttl: options.refreshSeconds } : {})
  });
  calendar.timezone({ name: null, generator: vtimezone });
  for (const entry of entries) {
    const { event } = entry;
    const zone = writableZone(timeZoneOf(entry));
    const at = (instant: Date) => (zone ? new ZonedDate(instant, zone) : instant);
    const description = htmlToPlainText(event.description);
    const location = withoutControls(locationOf(entry));
    calendar.createEvent({
      id: event.url,
      start: at(event.beginsOn),
      end: event.endsOn && event.endsOn > event.beginsOn ? at(event.endsOn) : null,
      timezone: zone,
      stamp: event.updatedAt,
      lastModified: event.updatedAt,
      created: event.createdAt,
      summary: withoutControls(event.title),
      ...(description ? { description } : {}),
      ...(location ? { location } : {}),
      url: event.url,
      status: STATUS[event.status]
    });
  }
  return calendar.toString();
}
