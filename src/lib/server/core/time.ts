/** Offset of `zone` at `instant`, in minutes east of UTC. */
export function zoneOffsetMinutes(instant: Date, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit'
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((wall - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

const pad = (n: number) => String(Math.abs(n)).padStart(2, '0');

/** ISO 8601 in the wall-clock time of `zone` with its offset: 2026-03-14T14:00:00+01:00. */
export function toZonedIso(instant: Date, zone: string | null | undefined): string {
  if (!zone) return instant.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const offset = zoneOffsetMinutes(instant, zone);
  const shifted = new Date(instant.getTime() + offset * 60_000);
  const base = shifted.toISOString().slice(0, 19);
  const sign = offset >= 0 ? '+' : '-';
  return `${base}${sign}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`;
}
