import type { Tvb } from './tvb.js';

/** Where a line ends: its length without the terminator, and where the next line starts. */
export interface LineEnd {
  /** Length of the line without CR/LF; -1 when `desegment` asked to wait for more data. */
  len: number;
  next: number;
}

/**
 * tvb_find_line_end: the line starting at `off` ends at the first CR or LF
 * (CRLF counts as one terminator). Without a terminator the line runs to
 * the end of the data, unless `desegment` is set, in which case -1 says a
 * later segment may complete it (also for a CR that is the last byte).
 * `within` bounds the search to that many bytes from `off` (-1: to the end).
 * `searchFrom` (at least `off`) skips bytes already known to hold no CR or LF.
 */
export function findLineEnd(tvb: Tvb, off: number, desegment = false, within = -1, searchFrom = off): LineEnd {
  const end = within < 0 ? tvb.length : Math.min(tvb.length, off + within);
  const b = tvb.bytes;
  const base = tvb.start;
  let eol = -1;
  for (let i = searchFrom; i < end; i++) {
    const c = b[base + i];
    if (c === 0x0d || c === 0x0a) {
      eol = i;
      break;
    }
  }
  if (eol < 0) return desegment ? { len: -1, next: end } : { len: end - off, next: end };
  const len = eol - off;
  if (b[base + eol] === 0x0d) {
    if (eol + 1 >= end) {
      if (desegment) return { len: -1, next: end };
    } else if (b[base + eol + 1] === 0x0a) {
      eol++;
    }
  }
  return { len, next: eol + 1 };
}

/** A word found by tokenAt: its length, and where the text after it (and the blanks that follow) starts. */
export interface Token {
  len: number;
  next: number;
}

/**
 * get_token_len on bytes[from, end): the word runs to the first blank, CR
 * or LF (or to `end`); `next` skips the blanks after it.
 */
export function tokenAt(bytes: Uint8Array, from: number, end: number): Token {
  let p = from;
  while (p < end && bytes[p] !== 0x20 && bytes[p] !== 0x0d && bytes[p] !== 0x0a) p++;
  const len = p - from;
  while (p < end && bytes[p] === 0x20) p++;
  return { len, next: p };
}

/** tvb_strneql: whether the bytes at `off` equal the ASCII string `s` (false when they run past the data). */
export function bytesEqual(tvb: Tvb, off: number, s: string): boolean {
  if (off < 0 || off + s.length > tvb.length) return false;
  const b = tvb.bytes;
  const p = tvb.start + off;
  for (let i = 0; i < s.length; i++) if (b[p + i] !== s.charCodeAt(i)) return false;
  return true;
}

/** g_ascii_strncasecmp(..) == 0 on a tvb: case-insensitive ASCII prefix match. */
export function bytesEqualNoCase(tvb: Tvb, off: number, s: string): boolean {
  if (off < 0 || off + s.length > tvb.length) return false;
  const b = tvb.bytes;
  const p = tvb.start + off;
  for (let i = 0; i < s.length; i++) {
    let c = b[p + i]!;
    if (c >= 0x61 && c <= 0x7a) c -= 0x20;
    let d = s.charCodeAt(i);
    if (d >= 0x61 && d <= 0x7a) d -= 0x20;
    if (c !== d) return false;
  }
  return true;
}
