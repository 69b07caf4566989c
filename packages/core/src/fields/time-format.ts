/** Time renderings shared by the frame fields, the Time column and labels. */

/** printf's %09d: a negative number keeps its sign inside the nine places ("-00001000"). */
export function pad9(n: number): string {
  return n < 0 ? `-${String(-n).padStart(8, '0')}` : String(n).padStart(9, '0');
}

/** "1362692526.939527000" (ABSOLUTE_TIME_UNIX, frame.time_epoch). */
export function formatEpoch(sec: number, nsec: number): string {
  if (sec < 0 && nsec > 0) return `-${-sec - 1}.${pad9(1e9 - nsec)}`;
  // A damaged record's negative fraction makes the whole time negative, as tshark prints it.
  if (nsec < 0) return `-${Math.abs(sec)}.${pad9(-nsec)}`;
  return `${sec}.${pad9(nsec)}`;
}

/** Difference a - b as [sec, nsec] with nsec carrying a's sign (nstime_delta). */
export function timeDelta(aSec: number, aNsec: number, bSec: number, bNsec: number): [number, number] {
  return [timeDeltaSec(aSec, aNsec, bSec, bNsec), timeDeltaNsec(aSec, aNsec, bSec, bNsec)];
}

/** timeDelta's seconds, for per-frame paths that should not allocate the pair. */
export function timeDeltaSec(aSec: number, aNsec: number, bSec: number, bNsec: number): number {
  const sec = aSec - bSec;
  const nsec = (aNsec - bNsec) | 0;
  if (sec > 0 && nsec < 0) return sec - 1;
  if (sec < 0 && nsec > 0) return sec + 1;
  return sec;
}

/** timeDelta's nanoseconds (see timeDeltaSec). */
export function timeDeltaNsec(aSec: number, aNsec: number, bSec: number, bNsec: number): number {
  const sec = aSec - bSec;
  // nstime_t keeps nanoseconds in a C int: a damaged record's out-of-range fraction wraps as it does there.
  const nsec = (aNsec - bNsec) | 0;
  if (sec > 0 && nsec < 0) return nsec + 1e9;
  if (sec < 0 && nsec > 0) return nsec - 1e9;
  return nsec;
}

/** "0.000123000", "-1.500000000" (rel_time_to_secs_str). */
export function formatRelative(sec: number, nsec: number): string {
  if (sec < 0 || nsec < 0) return `-${Math.abs(sec)}.${pad9(Math.abs(nsec))}`;
  return `${sec}.${pad9(nsec)}`;
}

/** 10 ** (9 - digits): what one unit of the last shown decimal is in nanoseconds. */
const NANOS_PER_DIGIT = [1e9, 1e8, 1e7, 1e6, 1e5, 1e4, 1e3, 100, 10, 1];

/**
 * Seconds with `digits` (0–9) decimals, truncated as Wireshark's column
 * code does (display_signed_time with a precision): "0.000123".
 */
export function formatSecondsPrecision(sec: number, nsec: number, digits: number): string {
  const neg = sec < 0 || nsec < 0;
  const s = Math.abs(sec);
  const ns = Math.abs(nsec);
  if (digits <= 0) return `${neg ? '-' : ''}${s}`;
  // A table, not 10 ** n: a variable exponent is a Math.pow call, and the Time column asks per frame.
  const frac = Math.floor(ns / NANOS_PER_DIGIT[digits > 9 ? 9 : digits]!);
  return `${neg ? '-' : ''}${s}.${String(frac).padStart(digits, '0')}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function isUtcZone(): boolean {
  const tz = process.env.TZ;
  if (tz === undefined) return new Date().getTimezoneOffset() === 0;
  return tz === '' || tz === 'UTC' || tz === 'UTC0' || tz === 'Etc/UTC' || tz === 'GMT' || tz === ':UTC';
}

/**
 * "Mar  7, 2013 22:22:06.939527000 UTC": ABSOLUTE_TIME_LOCAL with the zone
 * (abs_time_to_str with ABS_TIME_TO_STR_SHOW_ZONE); `utc` forces UTC.
 */
export function formatAbsolute(sec: number, nsec: number, utc = false): string {
  const d = new Date(sec * 1000);
  // Past Date's range (±8.64e15 ms; a pcapng timestamp's 64 bits reach year 586524): the UTC calendar by hand.
  if (Number.isNaN(d.getTime())) return absoluteText(utcCalendar(sec), nsec, 'UTC');
  const useUtc = utc || isUtcZone();
  const t: CalendarTime = useUtc
    ? { year: d.getUTCFullYear(), month: d.getUTCMonth(), day: d.getUTCDate(), h: d.getUTCHours(), m: d.getUTCMinutes(), s: d.getUTCSeconds() }
    : { year: d.getFullYear(), month: d.getMonth(), day: d.getDate(), h: d.getHours(), m: d.getMinutes(), s: d.getSeconds() };
  let zone = 'UTC';
  if (!useUtc) {
    const part = new Intl.DateTimeFormat('en-US', { timeZoneName: 'short' }).formatToParts(d).find((p) => p.type === 'timeZoneName');
    zone = part?.value ?? '';
  }
  return absoluteText(t, nsec, zone);
}

/** A date and time of day; `month` from 0. */
interface CalendarTime {
  year: number;
  month: number;
  day: number;
  h: number;
  m: number;
  s: number;
}

function absoluteText(t: CalendarTime, nsec: number, zone: string): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${MONTHS[t.month]} ${String(t.day).padStart(2, ' ')}, ${t.year} ${two(t.h)}:${two(t.m)}:${two(t.s)}.${pad9(nsec)} ${zone}`;
}

/** The UTC date of `sec`, from its day number (the proleptic Gregorian calendar, as gmtime's), for any size. */
function utcCalendar(sec: number): CalendarTime {
  const days = Math.floor(sec / 86400);
  const rem = sec - days * 86400;
  // Days since 0000-03-01 split into 400-year eras, then year of era, day of year, month (March first).
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 2 : mp - 10;
  return {
    year: yoe + era * 400 + (month <= 1 ? 1 : 0),
    month,
    day: doy - Math.floor((153 * mp + 2) / 5) + 1,
    h: Math.floor(rem / 3600),
    m: Math.floor((rem % 3600) / 60),
    s: rem % 60,
  };
}

/**
 * time_secs_to_str / time_msecs_to_str: "1 day, 2 hours, 30 minutes,
 * 5 seconds", leaving out zero parts; with milliseconds the seconds read
 * "37.890 seconds". 0 is "0 seconds".
 */
export function durationText(secs: number, millis = 0): string {
  if (secs === 0 && millis === 0) return '0 seconds';
  const negative = secs < 0 || (secs === 0 && millis < 0);
  let t = Math.abs(secs);
  const ms = Math.abs(millis);
  const parts: string[] = [];
  const unit = (n: number, u: string): string => `${n} ${u}${n === 1 ? '' : 's'}`;
  const s = t % 60;
  t = Math.floor(t / 60);
  const m = t % 60;
  t = Math.floor(t / 60);
  const h = t % 24;
  const d = Math.floor(t / 24);
  if (d) parts.push(unit(d, 'day'));
  if (h) parts.push(unit(h, 'hour'));
  if (m) parts.push(unit(m, 'minute'));
  if (ms) parts.push(`${s}.${String(ms).padStart(3, '0')} seconds`);
  else if (s) parts.push(unit(s, 'second'));
  return (negative ? '-' : '') + parts.join(', ');
}
