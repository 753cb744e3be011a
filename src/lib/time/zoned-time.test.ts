import { describe, expect, it } from 'vitest';
import {
  isTimeZone,
  localDateTimeToInstant,
  offsetMinutes,
  parseWallClock,
  timeZoneList,
  toLocalDateTimeValue,
  toZonedIsoString
} from '#lib/time/zoned-time.ts';

const iso = (value: string, zone: string) => localDateTimeToInstant(value, zone)?.toISOString();

describe('parseWallClock', () => {
  it('reads what datetime-local sends, with or without seconds, and typed values with a space', () => {
    expect(parseWallClock('2026-03-14T14:00')).toEqual({
      year: 2026,
      month: 3,
      day: 14,
      hour: 14,
      minute: 0,
      second: 0
    });
    expect(parseWallClock('2026-03-14T14:00:30')).toMatchObject({ second: 30 });
    expect(parseWallClock(' 2026-03-14 09:05 ')).toMatchObject({ hour: 9, minute: 5 });
  });

  it('refuses impossible dates and other formats', () => {
    for (const value of [
      '',
      '2026-02-29T10:00',
      '2026-13-01T10:00',
      '2026-04-31T10:00',
      '2026-03-14T24:00',
      '14/03/2026 14:00',
      '2026-03-14'
    ]) {
      expect(parseWallClock(value), value).toBeNull();
    }
    expect(parseWallClock('2028-02-29T10:00')).not.toBeNull();
  });
});

describe('localDateTimeToInstant', () => {
  it('applies the offset in force on that date (winter and summer in Paris)', () => {
    expect(iso('2026-03-14T14:00', 'Europe/Paris')).toBe('2026-03-14T13:00:00.000Z');
    expect(iso('2026-07-14T14:00', 'Europe/Paris')).toBe('2026-07-14T12:00:00.000Z');
    expect(iso('2026-01-10T09:30', 'America/New_York')).toBe('2026-01-10T14:30:00.000Z');
    expect(iso('2026-06-10T09:30', 'America/New_York')).toBe('2026-06-10T13:30:00.000Z');
    expect(iso('2026-06-10T09:30', 'UTC')).toBe('2026-06-10T09:30:00.000Z');
  });

  it('handles both sides of a DST change, hours apart', () => {
    // Europe/Paris goes from +01:00 to +02:00 at 2026-03-29 01:00 UTC.
    expect(iso('2026-03-29T01:59', 'Europe/Paris')).toBe('2026-03-29T00:59:00.000Z');
    expect(iso('2026-03-29T03:00', 'Europe/Paris')).toBe('2026-03-29T01:00:00.000Z');
    // And back at 2026-10-25 01:00 UTC.
    expect(iso('2026-10-25T01:30', 'Europe/Paris')).toBe('2026-10-24T23:30:00.000Z');
    expect(iso('2026-10-25T03:30', 'Europe/Paris')).toBe('2026-10-25T02:30:00.000Z');
  });

  it('moves a time that does not exist (clocks going forward) forward by the gap', () => {
    expect(iso('2026-03-29T02:30', 'Europe/Paris')).toBe('2026-03-29T01:30:00.000Z'); // shows 03:30
    expect(iso('2026-03-08T02:15', 'America/New_York')).toBe('2026-03-08T07:15:00.000Z'); // shows 03:15
  });

  it('takes the earlier of a time that happens twice (clocks going back)', () => {
    expect(iso('2026-10-25T02:30', 'Europe/Paris')).toBe('2026-10-25T00:30:00.000Z'); // +02:00, not +01:00
    expect(iso('2026-11-01T01:30', 'America/New_York')).toBe('2026-11-01T05:30:00.000Z'); // EDT, not EST
  });

  it('works in the southern hemisphere, with half-hour zones and with half-hour DST', () => {
    expect(iso('2026-01-15T18:00', 'Australia/Sydney')).toBe('2026-01-15T07:00:00.000Z'); // summer, +11
    expect(iso('2026-07-15T18:00', 'Australia/Sydney')).toBe('2026-07-15T08:00:00.000Z'); // winter, +10
    expect(iso('2026-07-15T18:00', 'Asia/Kolkata')).toBe('2026-07-15T12:30:00.000Z');
    expect(iso('2026-01-15T12:00', 'Australia/Lord_Howe')).toBe('2026-01-15T01:00:00.000Z'); // +11
    expect(iso('2026-07-15T12:00', 'Australia/Lord_Howe')).toBe('2026-07-15T01:30:00.000Z'); // +10:30
  });

  it('returns null for a bad value or an unknown zone', () => {
    expect(localDateTimeToInstant('not a date', 'Europe/Paris')).toBeNull();
    expect(localDateTimeToInstant('2026-03-14T14:00', 'Mars/Olympus')).toBeNull();
    expect(localDateTimeToInstant('2026-03-14T14:00', '')).toBeNull();
  });

  it('round-trips with toLocalDateTimeValue every hour of a year with two changes', () => {
    const start = Date.UTC(2026, 0, 1);
    for (let hour = 0; hour < 365 * 24; hour += 1) {
      const instant = new Date(start + hour * 3_600_000);
      const shown = toLocalDateTimeValue(instant, 'Europe/Paris');
      const back = localDateTimeToInstant(shown, 'Europe/Paris')!;
      // Only the repeated hour in October may resolve to its earlier occurrence.
      expect(toLocalDateTimeValue(back, 'Europe/Paris')).toBe(shown);
    }
  });
});

describe('toZonedIsoString', () => {
  it('writes ISO 8601 with the zone offset, which denotes the same instant', () => {
    const instant = new Date('2026-03-14T13:00:00Z');
    expect(toZonedIsoString(instant, 'Europe/Paris')).toBe('2026-03-14T14:00:00+01:00');
    expect(toZonedIsoString(new Date('2026-07-01T12:00:00Z'), 'America/Los_Angeles')).toBe('2026-07-01T05:00:00-07:00');
    expect(toZonedIsoString(new Date('2026-07-01T12:00:00Z'), 'Asia/Kathmandu')).toBe('2026-07-01T17:45:00+05:45');
    expect(toZonedIsoString(instant, 'UTC')).toBe('2026-03-14T13:00:00+00:00');
    expect(new Date(toZonedIsoString(instant, 'Asia/Tokyo')).getTime()).toBe(instant.getTime());
  });

  it('reports offsets in minutes', () => {
    expect(offsetMinutes(new Date('2026-01-01T00:00:00Z'), 'Europe/Paris')).toBe(60);
    expect(offsetMinutes(new Date('2026-01-01T00:00:00Z'), 'America/St_Johns')).toBe(-210);
  });
});

describe('time zones', () => {
  it('knows IANA zones and lists UTC first', () => {
    expect(isTimeZone('Europe/Paris')).toBe(true);
    expect(isTimeZone('Nowhere/Special')).toBe(false);
    const zones = timeZoneList();
    expect(zones[0]).toBe('UTC');
    expect(zones).toContain('Europe/Paris');
    expect(zones.filter((z) => z === 'UTC')).toHaveLength(1);
    expect(zones.length).toBeGreaterThan(300);
  });
});
