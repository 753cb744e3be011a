import { describe, expect, it } from 'vitest';
import { formatEventTime, safeTimeZone } from './format.ts';

const normalize = (text: string) => text.replace(/[\s\u2009\u202f\u00a0]+/g, ' ').replace(/ ?– ?/g, ' – ');

describe('formatEventTime', () => {
  it('formats a same-day event in its own zone, collapsing the date', () => {
    const text = normalize(formatEventTime('en', '2026-03-14T13:00:00Z', '2026-03-14T16:00:00Z', 'Europe/Paris'));
    expect(text).toBe('Saturday, 14 March 2026, 14:00 – 17:00');
    const fr = normalize(formatEventTime('fr', '2026-03-14T13:00:00Z', '2026-03-14T16:00:00Z', 'Europe/Paris'));
    expect(fr).toBe('samedi 14 mars 2026, 14:00 – 17:00');
  });

  it('uses the event zone, not the server one', () => {
    const text = normalize(formatEventTime('en', '2026-03-14T13:00:00Z', null, 'America/New_York'));
    expect(text).toBe('Saturday, 14 March 2026 at 09:00');
  });

  it('repeats the date for events over several days and shows one time when there is no end', () => {
    const text = normalize(formatEventTime('en', '2026-03-14T13:00:00Z', '2026-03-15T16:00:00Z', 'Europe/Paris'));
    expect(text).toContain('14 March 2026');
    expect(text).toContain('15 March 2026');
    expect(normalize(formatEventTime('en', '2026-03-14T13:00:00Z', undefined, 'UTC'))).toContain('13:00');
  });

  it('writes Arabic with Arabic month and day names', () => {
    const text = formatEventTime('ar', '2026-03-14T13:00:00Z', '2026-03-14T16:00:00Z', 'Europe/Paris');
    expect(text).toMatch(/السبت/);
    expect(text).toMatch(/مارس/);
  });

  it('falls back to UTC for a missing or unknown zone', () => {
    expect(safeTimeZone(null)).toBe('UTC');
    expect(safeTimeZone('Mars/Olympus')).toBe('UTC');
    expect(safeTimeZone('Asia/Tokyo')).toBe('Asia/Tokyo');
  });
});
