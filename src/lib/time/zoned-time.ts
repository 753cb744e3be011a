/**
 * Wall-clock times in IANA zones, with nothing but Intl: the event form sends a local date-time
 * (`2026-03-14T14:00`) and a zone, the API wants an instant.
 */

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/;

/** Reads `YYYY-MM-DDTHH:mm[:ss]` (what `datetime-local` sends; a space is accepted for typed values). */
export function parseWallClock(value: string): WallClock | null {
  const match = WALL_CLOCK.exec(value.trim());
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number
  ];
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth) return null;
  return { year, month, day, hour, minute, second };
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit'
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function isTimeZone(zone: string): boolean {
  if (!zone) return false;
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
}

/** The wall clock an instant shows in a zone. */
export function wallClockAt(instant: Date, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0
  };
}

const asUtc = (w: WallClock) => Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);

/** The zone's offset from UTC at an instant, in minutes (Paris in winter: 60). */
export function offsetMinutes(instant: Date, timeZone: string): number {
  const whole = Math.floor(instant.getTime() / 1000) * 1000;
  return Math.round((asUtc(wallClockAt(new Date(whole), timeZone)) - whole) / 60_000);
}

const DAY = 86_400_000;

/**
 * The instant at which a zone's clocks show a wall-clock time. Like Temporal's `compatible`
 * disambiguation: a time that happens twice (clocks going back) resolves to the earlier instant, a
 * time that never happens (clocks going forward) moves forward by the length of the gap.
 */
export function zonedToInstant(wall: WallClock, timeZone: string): Date {
  const local = asUtc(wall);
  const before = offsetMinutes(new Date(local - DAY), timeZone);
  const after = offsetMinutes(new Date(local + DAY), timeZone);
  const candidates = [...new Set([before, after])]
    .map((offset) => local - offset * 60_000)
    .filter((instant) => asUtc(wallClockAt(new Date(instant), timeZone)) === local)
    .sort((a, b) => a - b);
  // In a gap, the offset in force before it turns 02:30 into 03:30 (for a one-hour gap).
  return new Date(candidates[0] ?? local - before * 60_000);
}

/** `2026-03-14T14:00` in `Europe/Paris` → the instant; null when the text is not a valid date-time or zone. */
export function localDateTimeToInstant(value: string, timeZone: string): Date | null {
  const wall = parseWallClock(value);
  if (!wall || !isTimeZone(timeZone)) return null;
  return zonedToInstant(wall, timeZone);
}

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');

/** The value a `datetime-local` input shows for an instant in a zone: `2026-03-14T14:00`. */
export function toLocalDateTimeValue(instant: Date, timeZone: string): string {
  const w = wallClockAt(instant, timeZone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}

/** ISO 8601 with the zone's offset at that instant: `2026-03-14T14:00:00+01:00`. */
export function toZonedIsoString(instant: Date, timeZone: string): string {
  const w = wallClockAt(instant, timeZone);
  const offset = offsetMinutes(instant, timeZone);
  const sign = offset < 0 ? '-' : '+';
  return (
    `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}` +
    `${sign}${pad(Math.trunc(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`
  );
}

/** IANA zones for a picker: UTC first, then every zone this runtime knows, alphabetically. */
export function timeZoneList(): string[] {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return ['UTC', ...zones.filter((zone) => zone !== 'UTC').sort()];
}
