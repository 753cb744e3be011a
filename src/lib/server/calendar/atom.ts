import { wallClockAt } from '../../time/zoned-time.ts';
import type { Event } from '../db/schema/events.ts';
import { locationOf, timeZoneOf, type CalendarEntry } from './event-text.ts';
import { htmlToPlainText } from '../core/plain-text.ts';

export interface AtomOptions {
  /** The feed's permanent IRI. */
  id: string;
  title: string;
  /** Where this feed is served (rel="self"). */
  selfUrl: string;
  /** The page the feed is about (rel="alternate"), if any. */
  alternateUrl?: string;
  /** The feed's author (Atom requires one on the feed or on every entry). */
  author: string;
  /** `updated` of an empty feed; otherwise the latest change of its events. */
  emptyUpdated: Date;
}

/** Characters XML 1.0 cannot carry at all (control characters, lone surrogates, U+FFFE/U+FFFF). */
const NOT_XML =
  // eslint-disable-next-line no-control-regex -- these are exactly the characters to remove
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text safe in XML content and in double- or single-quoted attributes. */
export function escapeXml(value: string): string {
  return value
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const pad = (n: number) => String(n).padStart(2, '0');

/** When an event starts, as its own zone's wall clock (`2026-06-20 19:00 (Europe/Paris)`), or in UTC. */
export function startLine(entry: CalendarEntry): string {
  const zone = timeZoneOf(entry);
  try {
    const w = wallClockAt(entry.event.beginsOn, zone ?? 'UTC');
    return `${w.year}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)} (${zone ?? 'UTC'})`;
  } catch {
    return entry.event.beginsOn.toISOString();
  }
}

const STATUS_NOTE: Record<Event['status'], string> = {
  tentative: ' (tentative)',
  confirmed: '',
  cancelled: ' (cancelled)'
};

function entryXml(entry: CalendarEntry): string {
  const { event } = entry;
  const location = locationOf(entry);
  const summary = [`${startLine(entry)}${STATUS_NOTE[event.status]}`, location, htmlToPlainText(event.description)]
    .filter(Boolean)
    .join('\n\n');
  const lines = [
    '  <entry>',
    `    <id>${escapeXml(event.url)}</id>`,
    `    <title type="text">${escapeXml(event.title)}</title>`,
    `    <link rel="alternate" type="text/html" href="${escapeXml(event.url)}"/>`,
    `    <updated>${event.updatedAt.toISOString()}</updated>`,
    `    <published>${(event.publishedAt ?? event.createdAt).toISOString()}</published>`,
    `    <summary type="text">${escapeXml(summary)}</summary>`
  ];
  if (event.description) lines.push(`    <content type="html">${escapeXml(event.description)}</content>`);
  lines.push('  </entry>');
  return lines.join('\n');
}

/** An Atom 1.0 (RFC 4287) feed of events, one entry per event, everything escaped. */
export function eventsToAtom(entries: readonly CalendarEntry[], options: AtomOptions): string {
  const updated = entries.reduce(
    (latest, { event }) => (event.updatedAt > latest ? event.updatedAt : latest),
    entries.length ? new Date(0) : options.emptyUpdated
  );
  const head = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${escapeXml(options.id)}</id>`,
    `  <title type="text">${escapeXml(options.title)}</title>`,
    `  <updated>${updated.toISOString()}</updated>`,
    `  <author><name>${escapeXml(options.author)}</name></author>`,
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(options.selfUrl)}"/>`
  ];
  if (options.alternateUrl) {
    head.push(`  <link rel="alternate" type="text/html" href="${escapeXml(options.alternateUrl)}"/>`);
  }
  head.push('  <generator>Convene</generator>');
  return [...head, ...entries.map(entryXml), '</feed>', ''].join('\n');
}
