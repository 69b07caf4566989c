import type { TimeValue } from './values.js';

/** Absolute and relative time values as ftype-time.c reads them. */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

interface DateParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function toSeconds(p: DateParts, utc: boolean): number {
  if (utc) return Date.UTC(p.year, p.month, p.day, p.hour, p.minute, p.second) / 1000;
  return new Date(p.year, p.month, p.day, p.hour, p.minute, p.second).getTime() / 1000;
}

function validParts(p: DateParts): boolean {
  return p.month >= 0 && p.month <= 11 && p.day >= 1 && p.day <= 31 && p.hour <= 23 && p.minute <= 59 && p.second <= 60;
}

/** Fraction digits as nanoseconds; null if they go below a nanosecond. */
function nanoseconds(digits: string): number | null {
  const trimmed = digits.replace(/0+$/, '');
  if (trimmed.length > 9) return null;
  return trimmed.length === 0 ? 0 : Number(trimmed.padEnd(9, '0'));
}

/** ISO 8601 (extended format): 2011-07-04T12:34:56.5Z, 2011-07-04 12:34+02:00, local time without an offset. */
function fromIso8601(s: string): TimeValue | null {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})[T ](\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:[.,](\d+))?)?(Z|[+-]\d{1,3}(?::?\d{1,2})?)?$/.exec(s);
  if (!m) return null;
  const p: DateParts = { year: +m[1]!, month: +m[2]! - 1, day: +m[3]!, hour: +m[4]!, minute: +m[5]!, second: m[6] ? +m[6] : 0 };
  if (!validParts(p)) return null;
  let nsec = 0;
  if (m[7]) {
    const frac = Number(m[7]);
    nsec = frac >= 1e9 || frac === 0 ? 0 : frac * 10 ** Math.max(0, 9 - m[7].length);
  }
  const zone = m[8];
  if (zone === undefined) return { sec: toSeconds(p, false), nsec };
  let sec = toSeconds(p, true);
  if (zone !== 'Z') {
    const z = /^([+-])(\d{1,3}):?(\d{1,2})?$/.exec(zone)!;
    const offset = Number(z[2]) * 3600 + Number(z[3] ?? 0) * 60;
    sec += z[1] === '+' ? -offset : offset;
  }
  return { sec, nsec };
}

export type TimeParse = { ok: true; value: TimeValue } | { ok: false; error: string };

const EXAMPLE = 'Example: "Nov 12, 1999 08:55:44.123" or "2011-07-04 12:34:56"';

/** absolute_val_from_string(): ISO 8601, "Nov 12, 1999 08:55:44.123", "2011-07-04 12:34[:56]", optionally " UTC". */
export function absoluteTime(s: string): TimeParse {
  const iso = fromIso8601(s);
  if (iso) return { ok: true, value: iso };
  const invalid: TimeParse = { ok: false, error: `"${s}" is not a valid absolute time. ${EXAMPLE}` };
  let p: DateParts;
  let rest: string;
  let hasSeconds = true;
  const legacy = /^([A-Za-z]{3}) +(\d{1,2}), *(\d{1,4}) +(\d{1,2}):(\d{1,2}):(\d{1,2})/.exec(s);
  const month = legacy ? MONTHS.indexOf(legacy[1]!.toLowerCase()) : -1;
  if (legacy && month >= 0 && s[3] === ' ') {
    p = { year: +legacy[3]!, month, day: +legacy[2]!, hour: +legacy[4]!, minute: +legacy[5]!, second: +legacy[6]! };
    rest = s.slice(legacy[0].length);
  } else {
    const m = /^(\d{1,4})-(\d{1,2})-(\d{1,2})(?: +(\d{1,2})(?::(\d{1,2})(?::(\d{1,2}))?)?)?/.exec(s);
    if (!m || s.length < 8) return invalid;
    hasSeconds = m[6] !== undefined;
    p = { year: +m[1]!, month: +m[2]! - 1, day: +m[3]!, hour: +(m[4] ?? 0), minute: +(m[5] ?? 0), second: +(m[6] ?? 0) };
    rest = s.slice(m[0].length);
  }
  if (!validParts(p)) return invalid;
  let nsec = 0;
  if (rest.startsWith('.')) {
    if (!hasSeconds) return { ok: false, error: 'Subsecond precision requires a seconds field.' };
    const digits = /^\d+/.exec(rest.slice(1));
    if (!digits) return { ok: false, error: 'Subseconds value is not a number.' };
    const ns = nanoseconds(digits[0]);
    if (ns === null) return { ok: false, error: 'Subseconds value is invalid.' };
    nsec = ns;
    rest = rest.slice(1 + digits[0].length);
  }
  rest = rest.replace(/^\s+/, '');
  if (rest !== '' && rest !== 'UTC') return { ok: false, error: 'Unexpected data after time value.' };
  const sec = toSeconds(p, rest === 'UTC');
  if (!Number.isFinite(sec)) return { ok: false, error: `"${s}" cannot be converted to a valid calendar time.` };
  return { ok: true, value: { sec, nsec } };
}

/**
 * relative_val_from_literal(): [-]seconds[.fraction]. As in Wireshark, only
 * the digits right after the point are read: "1.5xyz" is 1.5.
 */
export function relativeTime(s: string): TimeParse {
  const m = /^(-?)(\d*)(?:(\.)(\d*))?/.exec(s)!;
  const invalid: TimeParse = { ok: false, error: `"${s}" is not a valid time.` };
  const [whole, minus, seconds, point, fraction] = m;
  // Seconds must end at the point or at the end; without seconds there must be a point.
  if (seconds === '' ? point === undefined : point === undefined && whole.length !== s.length) return invalid;
  const nsec = nanoseconds(fraction ?? '');
  if (nsec === null) return invalid;
  const sign = minus === '-' ? -1 : 1;
  return { ok: true, value: { sec: sign * Number(seconds || 0), nsec: sign * nsec } };
}
