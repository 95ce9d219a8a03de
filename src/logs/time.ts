// Timestamps at the start of log lines: classic syslog ("Dec  3 10:00:01", no year), ISO 8601 /
// RFC 3339 / RFC 5424 ("2026-12-03T10:00:01.123+01:00"), journald short-iso ("…+0100").
// Consecutive lines mostly repeat the same second, so the last answer is cached.

const MONTHS: Record<string, number> = {
  Jan: 0,
  Feb: 1,
  Mar: 2,
  Apr: 3,
  May: 4,
  Jun: 5,
  Jul: 6,
  Aug: 7,
  Sep: 8,
  Oct: 9,
  Nov: 10,
  Dec: 11,
};

/** Length of a classic syslog stamp, "Mmm dd hh:mm:ss". */
export const CLASSIC_LEN = 15;

export class TimeReader {
  private lastKey = '';
  private lastValue = Number.NaN;
  /**
   * @param year the year of classic stamps (they carry none); a month after `now`'s month is
   *   taken as last year's, so a log of late December read in January lands in the right year.
   * @param utcOffsetMinutes classic stamps are local time of the server: minutes east of UTC.
   */
  constructor(
    private readonly now = new Date(),
    private readonly utcOffsetMinutes = -new Date().getTimezoneOffset(),
  ) {}

  /** "Dec  3 10:00:01" (exactly CLASSIC_LEN characters) → ms since the epoch, NaN if malformed. */
  classic(stamp: string): number {
    if (stamp === this.lastKey) return this.lastValue;
    const month = MONTHS[stamp.slice(0, 3)];
    const day = Number(stamp.slice(4, 6));
    const h = Number(stamp.slice(7, 9));
    const m = Number(stamp.slice(10, 12));
    const s = Number(stamp.slice(13, 15));
    let value = Number.NaN;
    if (month !== undefined && day >= 1 && day <= 31 && h < 24 && m < 60 && s < 61 && stamp[9] === ':') {
      const year =
        month > this.now.getUTCMonth() + 1 ? this.now.getUTCFullYear() - 1 : this.now.getUTCFullYear();
      value = Date.UTC(year, month, day, h, m, s) - this.utcOffsetMinutes * 60_000;
    }
    this.lastKey = stamp;
    this.lastValue = value;
    return value;
  }

  /** "2026-12-03T10:00:01[.frac](Z|+01:00|+0100)" → ms since the epoch, NaN if malformed. */
  iso(stamp: string): number {
    if (stamp === this.lastKey) return this.lastValue;
    let text = stamp;
    // journald's short-iso writes the offset without a colon.
    const n = text.length;
    if (n > 5 && (text[n - 5] === '+' || text[n - 5] === '-') && text.indexOf(':', n - 5) < 0)
      text = `${text.slice(0, n - 2)}:${text.slice(n - 2)}`;
    const value = /^\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d/.test(text) ? Date.parse(text) : Number.NaN;
    this.lastKey = stamp;
    this.lastValue = value;
    return value;
  }
}

/** "2026-12-03 10:00" style hour label, in UTC. */
export function hourLabel(t: number): string {
  return Number.isNaN(t) ? 'unknown' : `${new Date(t).toISOString().slice(0, 13).replace('T', ' ')}:00Z`;
}

/** Parse a --since/--until value: ISO date-time or date; undefined when unreadable. */
export function parseWhen(value: string): number | undefined {
  const t = Date.parse(value.trim());
  return Number.isNaN(t) ? undefined : t;
}
