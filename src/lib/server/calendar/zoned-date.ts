import { wallClockAt } from '../../time/zoned-time.ts';

/**
 * An instant read in an IANA zone, in the shape of `@date-fns/tz`'s TZDate that ical-generator
 * understands: with a time zone on the event, it writes the local getters' wall clock after
 * `;TZID=…`. A plain Date would give the server's own zone's wall clock instead.
 */
export class ZonedDate extends Date {
  readonly timeZone: string;
  readonly internal: Date;
  private readonly wall: ReturnType<typeof wallClockAt>;

  constructor(instant: Date, timeZone: string) {
    super(instant.getTime());
    this.timeZone = timeZone;
    this.internal = new Date(instant.getTime());
    this.wall = wallClockAt(instant, timeZone);
  }

  withTimeZone(timeZone?: string | null): ZonedDate {
    return new ZonedDate(this.internal, timeZone || this.timeZone);
  }

  tzComponents() {
    return this.wall;
  }

  override getFullYear(): number {
    return this.wall.year;
  }
  override getMonth(): number {
    return this.wall.month - 1;
  }
  override getDate(): number {
    return this.wall.day;
  }
  override getHours(): number {
    return this.wall.hour;
  }
  override getMinutes(): number {
    return this.wall.minute;
  }
  override getSeconds(): number {
    return this.wall.second;
  }
}
