import { describe, expect, it } from 'vitest';
import type { Address, Event } from '../db/schema/events.ts';
import { eventsToIcs } from './ics.ts';

const at = (iso: string) => new Date(iso);
const event = (over: Partial<Event> = {}): Event => ({
  id: 1,
  uuid: '00000000-0000-4000-8000-000000000001',
  apId: 'https://convene.example/events/00000000-0000-4000-8000-000000000001',
  url: 'https://convene.example/events/00000000-0000-4000-8000-000000000001',
  local: true,
  title: 'Title',
  description: null,
  beginsOn: at('2026-06-20T17:00:00Z'),
  endsOn: null,
  timezone: null,
  status: 'confirmed',
  visibility: 'public',
  joinOptions: 'free',
  externalParticipationUrl: null,
  draft: false,
  category: 'MEETING',
  language: 'und',
  onlineAddress: null,
  phoneAddress: null,
  physicalAddressId: null,
  organizerActorId: 1,
  attributedToId: null,
  options: {},
  metadata: [],
  pictureId: null,
  participantCount: 0,
  publishedAt: at('2026-01-01T00:00:00Z'),
  createdAt: at('2026-01-01T00:00:00Z'),
  updatedAt: at('2026-01-02T03:04:05Z'),
  ...over
});

/** Unfolds RFC 5545 lines (CRLF followed by a space continues the previous line). */
const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, '').split('\r\n');
const line = (ics: string, name: string) =>
  unfold(ics).find((l) => l.startsWith(`${name}:`) || l.startsWith(`${name};`));

describe('eventsToIcs', () => {
  it('escapes commas, semicolons, backslashes and new lines in text values', () => {
    const ics = eventsToIcs([{ event: event({ title: 'A, b; c\\ d\nnext line\r\nthird\u0007' }), address: null }], {
      name: 'Mine; all, of them\nreally'
    });
    expect(line(ics, 'SUMMARY')).toBe('SUMMARY:A\\, b\\; c\\\\ d\\nnext line\\nthird');
    expect(line(ics, 'X-WR-CALNAME')).toBe('X-WR-CALNAME:Mine\\; all\\, of them\\nreally');
    // No raw line break survives inside a value: every physical line is a property or a fold.
    for (const physical of ics.split('\r\n').filter(Boolean)) expect(physical).toMatch(/^([A-Z-]+[:;]| )/);
  });

  it('folds long lines at 75 octets, even in multi-byte text', () => {
    const title = 'Événement très long — '.repeat(12);
    const ics = eventsToIcs([{ event: event({ title }), address: null }], { name: 'x' });
    for (const physical of ics.split('\r\n')) expect(Buffer.byteLength(physical)).toBeLessThanOrEqual(75);
    expect(line(ics, 'SUMMARY')).toBe(`SUMMARY:${title}`);
  });

  it('writes zoned times with their VTIMEZONE, whatever the server zone, and UTC otherwise', () => {
    const zoned = eventsToIcs(
      [
        { event: event({ timezone: 'Europe/Paris', endsOn: at('2026-06-20T19:30:00Z') }), address: null },
        { event: event({ id: 2, url: 'https://convene.example/events/2', timezone: 'Not/AZone' }), address: null },
        {
          event: event({ id: 3, url: 'https://convene.example/events/3', beginsOn: at('2026-01-10T23:00:00Z') }),
          address: { timezone: 'America/Montreal' } as Address
        }
      ],
      { name: 'x' }
    );
    const vevents = zoned.split('BEGIN:VEVENT').slice(1);
    expect(line(vevents[0]!, 'DTSTART')).toBe('DTSTART;TZID=Europe/Paris:20260620T190000');
    expect(line(vevents[0]!, 'DTEND')).toBe('DTEND;TZID=Europe/Paris:20260620T213000');
    expect(line(vevents[1]!, 'DTSTART')).toBe('DTSTART:20260620T170000Z');
    expect(line(vevents[2]!, 'DTSTART')).toBe('DTSTART;TZID=America/Montreal:20260110T180000');
    expect(zoned.match(/BEGIN:VTIMEZONE\r\nTZID:([^\r]+)/g)).toEqual([
      'BEGIN:VTIMEZONE\r\nTZID:Europe/Paris',
      'BEGIN:VTIMEZONE\r\nTZID:America/Montreal'
    ]);
  });

  it('gives UID, URL, STATUS, LOCATION and a plain-text DESCRIPTION', () => {
    const ics = eventsToIcs(
      [
        {
          event: event({
            status: 'cancelled',
            description: '<p>Hello &amp; <strong>welcome</strong></p><ul><li>one</li><li>two &lt;3</li></ul>'
          }),
          address: {
            description: 'Hall',
            street: '2 Main St',
            postalCode: 'H2X',
            locality: 'Montréal',
            country: 'Canada'
          } as Address
        },
        {
          event: event({
            id: 2,
            url: 'https://convene.example/events/2',
            status: 'tentative',
            onlineAddress: 'https://meet.example/x'
          }),
          address: null
        }
      ],
      { name: 'x' }
    );
    const [first, second] = ics.split('BEGIN:VEVENT').slice(1) as [string, string];
    expect(line(first, 'UID')).toBe(`UID:${event().url}`);
    expect(line(first, 'URL')).toBe(`URL;VALUE=URI:${event().url}`);
    expect(line(first, 'STATUS')).toBe('STATUS:CANCELLED');
    expect(line(first, 'DESCRIPTION')).toBe('DESCRIPTION:Hello & welcome\\n- one\\n- two <3');
    expect(line(first, 'LOCATION')).toBe('LOCATION:Hall\\, 2 Main St\\, H2X Montréal\\, Canada');
    expect(line(first, 'DTSTAMP')).toBe('DTSTAMP:20260102T030405Z');
    expect(line(second, 'STATUS')).toBe('STATUS:TENTATIVE');
    expect(line(second, 'LOCATION')).toBe('LOCATION:https://meet.example/x');
    expect(line(second, 'DESCRIPTION')).toBeUndefined();
  });
});
