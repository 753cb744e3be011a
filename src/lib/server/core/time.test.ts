import { describe, expect, it } from 'vitest';
import { toZonedIso, zoneOffsetMinutes } from './time.ts';

describe('zoned times', () => {
  it('gives the offset in winter and in summer', () => {
    expect(zoneOffsetMinutes(new Date('2026-01-15T12:00:00Z'), 'Europe/Paris')).toBe(60);
    expect(zoneOffsetMinutes(new Date('2026-07-15T12:00:00Z'), 'Europe/Paris')).toBe(120);
    expect(zoneOffsetMinutes(new Date('2026-07-15T12:00:00Z'), 'America/St_Johns')).toBe(-150);
    expect(zoneOffsetMinutes(new Date('2026-07-15T12:00:00Z'), 'Asia/Kolkata')).toBe(330);
  });

  it('writes the wall-clock time with the offset', () => {
    expect(toZonedIso(new Date('2026-03-14T13:00:00Z'), 'Europe/Paris')).toBe('2026-03-14T14:00:00+01:00');
    expect(toZonedIso(new Date('2026-07-15T12:00:00Z'), 'America/St_Johns')).toBe('2026-07-15T09:30:00-02:30');
    expect(toZonedIso(new Date('2026-03-29T01:30:00Z'), 'Europe/Paris')).toBe('2026-03-29T03:30:00+02:00');
    expect(toZonedIso(new Date('2026-03-14T13:00:00.000Z'), null)).toBe('2026-03-14T13:00:00Z');
  });
});
