import { describe, expect, it } from 'vitest';
import { offsetMinutes, toZonedIsoString } from './zoned-time.ts';

describe('offsets and zoned ISO strings (what federation sends as startTime)', () => {
  it('gives the offset in winter, in summer and in half-hour zones', () => {
    expect(offsetMinutes(new Date('2026-01-15T12:00:00Z'), 'Europe/Paris')).toBe(60);
    expect(offsetMinutes(new Date('2026-07-15T12:00:00Z'), 'Europe/Paris')).toBe(120);
    expect(offsetMinutes(new Date('2026-07-15T12:00:00Z'), 'America/St_Johns')).toBe(-150);
    expect(offsetMinutes(new Date('2026-07-15T12:00:00Z'), 'Asia/Kolkata')).toBe(330);
  });

  it('writes the wall-clock time with its offset', () => {
    expect(toZonedIsoString(new Date('2026-03-14T13:00:00Z'), 'Europe/Paris')).toBe('2026-03-14T14:00:00+01:00');
    expect(toZonedIsoString(new Date('2026-07-15T12:00:00Z'), 'America/St_Johns')).toBe('2026-07-15T09:30:00-02:30');
    expect(toZonedIsoString(new Date('2026-03-29T01:30:00Z'), 'Europe/Paris')).toBe('2026-03-29T03:30:00+02:00');
  });
});
