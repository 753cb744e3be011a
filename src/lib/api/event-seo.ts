import { isTimeZone, toZonedIsoString } from '#lib/time/zoned-time.ts';
import { safeWebUrl, type EventDetails } from './events.ts';

/** What the event page tells search engines and link previews (schema.org JSON-LD, Open Graph). */

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

/** Sanitized HTML as one line of plain text, cut at `max` characters on a word boundary. */
export function htmlToText(html: string | null | undefined, max = Infinity): string {
  if (!html) return '';
  const text = html
    .replace(/<(br|\/p|\/li|\/h[1-6]|\/blockquote)\b[^>]*>/gi, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#\d+|#x[0-9a-f]+|[a-z]+|#39);/gi, (whole, name: string) => {
      if (ENTITIES[name] !== undefined) return ENTITIES[name];
      const code = name.startsWith('#x')
        ? parseInt(name.slice(2), 16)
        : name.startsWith('#')
          ? Number(name.slice(1))
          : NaN;
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    })
    .replace(/\s+/g, ' ')
    .trim();
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** "longitude;latitude" (the API's Point) as numbers, when valid. */
export function parsePoint(geom: string | null | undefined): { latitude: number; longitude: number } | null {
  if (!geom) return null;
  const [lon, lat] = geom.split(';').map((part) => Number(part.trim()));
  if (lon === undefined || lat === undefined || !Number.isFinite(lon) || !Number.isFinite(lat)) return null;
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180) return null;
  return { latitude: lat, longitude: lon };
}

const zoneOf = (event: EventDetails) =>
  event.options?.timezone && isTimeZone(event.options.timezone) ? event.options.timezone : 'UTC';

/** An instant with the event's offset: "2026-03-14T14:00:00+01:00". */
const zoned = (iso: string, zone: string) => toZonedIsoString(new Date(iso), zone);

export type AttendanceMode = 'Offline' | 'Online' | 'Mixed';

const hasAddress = (event: EventDetails) =>
  !!event.physicalAddress &&
  [event.physicalAddress.description, event.physicalAddress.street, event.physicalAddress.locality].some(
    (part) => !!part?.trim()
  );

export function attendanceMode(event: EventDetails): AttendanceMode {
  const online = safeWebUrl(event.onlineAddress) !== null || event.options?.isOnline === true;
  if (online && hasAddress(event)) return 'Mixed';
  return online ? 'Online' : 'Offline';
}

const STATUS: Record<EventDetails['status'], string> = {
  CONFIRMED: 'https://schema.org/EventScheduled',
  TENTATIVE: 'https://schema.org/EventScheduled',
  CANCELLED: 'https://schema.org/EventCancelled'
};

type JsonLd = { [key: string]: JsonLdValue };
type JsonLdValue = string | number | JsonLd | JsonLdValue[];

const compact = (entries: Record<string, JsonLdValue | null | undefined | ''>): JsonLd =>
  Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== null && v !== undefined && v !== '')) as JsonLd;

/** The schema.org `Event` describing this event, for search engines. */
export function eventJsonLd(event: EventDetails, pageUrl: string): JsonLd {
  const zone = zoneOf(event);
  const mode = attendanceMode(event);
  const locations: JsonLd[] = [];
  const a = event.physicalAddress;
  if (a && hasAddress(event)) {
    const point = parsePoint(a.geom);
    locations.push(
      compact({
        '@type': 'Place',
        name: a.description?.trim() || a.locality?.trim() || null,
        address: compact({
          '@type': 'PostalAddress',
          streetAddress: a.street?.trim() || null,
          addressLocality: a.locality?.trim() || null,
          postalCode: a.postalCode?.trim() || null,
          addressCountry: a.country?.trim() || null
        }),
        geo: point ? { '@type': 'GeoCoordinates', latitude: point.latitude, longitude: point.longitude } : null
      })
    );
  }
  const online = safeWebUrl(event.onlineAddress);
  if (online) locations.push({ '@type': 'VirtualLocation', url: online });
  const organizer = event.organizerActor;
  const image = safeWebUrl(event.picture?.url);
  const location: JsonLdValue | null =
    locations.length === 0 ? null : locations.length === 1 ? locations[0]! : locations;

  return compact({
    '@context': 'https://schema.org',
    '@type': 'Event',
    name: event.title,
    description: htmlToText(event.description, 5000),
    startDate: zoned(event.beginsOn, zone),
    endDate: event.endsOn ? zoned(event.endsOn, zone) : null,
    eventStatus: STATUS[event.status],
    eventAttendanceMode: `https://schema.org/${mode}EventAttendanceMode`,
    location,
    organizer: organizer
      ? compact({
          '@type': 'Person',
          name: organizer.name?.trim() || organizer.preferredUsername,
          url: safeWebUrl(organizer.url)
        })
      : null,
    image: image ? [image] : null,
    inLanguage: event.language && event.language !== 'und' ? event.language : null,
    keywords: (event.tags ?? [])
      .map((t) => t?.title ?? '')
      .filter(Boolean)
      .join(', '),
    url: pageUrl
  });
}

/**
 * JSON for a `<script>` element: `<`, `>` and `&` as `\u` escapes, so no text in the event (a title
 * with `</script>`, `<!--`) can end the element or open a comment; U+2028/2029 escaped too.
 */
export function serializeJsonLd(data: unknown): string {
  return JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export interface MetaTag {
  property?: string;
  name?: string;
  content: string;
}

/** Open Graph and description tags for link previews. */
export function eventMetaTags(event: EventDetails, pageUrl: string, siteName: string): MetaTag[] {
  const description = htmlToText(event.description, 200);
  const tags: MetaTag[] = [
    { property: 'og:type', content: 'website' },
    { property: 'og:title', content: event.title },
    { property: 'og:url', content: pageUrl },
    { property: 'og:site_name', content: siteName }
  ];
  if (description) {
    tags.unshift({ name: 'description', content: description });
    tags.push({ property: 'og:description', content: description });
  }
  const image = safeWebUrl(event.picture?.url);
  if (image) {
    tags.push({ property: 'og:image', content: image });
    if (event.picture?.alt) tags.push({ property: 'og:image:alt', content: event.picture.alt });
    tags.push({ name: 'twitter:card', content: 'summary_large_image' });
  } else {
    tags.push({ name: 'twitter:card', content: 'summary' });
  }
  return tags;
}
