import type { Tvb } from '../dissection/tvb.js';
import { bytesEqual, findLineEnd } from '../dissection/tvb-line-end.js';

/** A delimiter line of a multipart body (packet-multipart.c's find_first_boundary / find_next_boundary). */
export interface Boundary {
  /** Offset of the boundary (including the line end before it for inner boundaries), or -1. */
  start: number;
  /** Length of the whole delimiter line, -1 when it has no line end. */
  lineLen: number;
  last: boolean;
}

/**
 * Where "--boundary" occurs in a body, found with a byte search: the line
 * scans below jump over lines that cannot hold a delimiter instead of
 * looking at every line of a long part.
 */
class DelimiterSearch {
  private readonly bytes: Buffer;
  private readonly pattern: Buffer;

  constructor(tvb: Tvb, boundary: string) {
    this.bytes = Buffer.from(tvb.bytes.buffer, tvb.bytes.byteOffset + tvb.start, tvb.length);
    // Bytes that are not latin1 never match bytesEqual, so this finds every real delimiter (and maybe more).
    this.pattern = Buffer.from(`--${boundary}`, 'latin1');
  }

  /** The first occurrence at or after `from`, or -1. */
  next(from: number): number {
    return this.bytes.indexOf(this.pattern, from < 0 ? 0 : from);
  }

  /** The start of the line holding `pos` as far as LFs tell (every LF ends a line), but not before `from`. */
  lineStartBefore(pos: number, from: number): number {
    if (pos <= from) return from;
    const lf = this.bytes.lastIndexOf(0x0a, pos - 1);
    return lf + 1 > from ? lf + 1 : from;
  }
}

/** find_first_boundary: the first line that is "--boundary". */
export function findFirstBoundary(tvb: Tvb, boundary: string): Boundary {
  const search = new DelimiterSearch(tvb, boundary);
  let off = 0;
  let q = -1;
  while (off + 2 + boundary.length < tvb.length) {
    if (q < off) {
      // Lines before the one holding the next "--boundary" cannot start with it.
      q = search.next(off);
      if (q < 0) break;
      off = search.lineStartBefore(q, off);
      continue;
    }
    const start = off;
    if (bytesEqual(tvb, off, '--') && bytesEqual(tvb, off + 2, boundary)) {
      const last = off + 2 + boundary.length + 2 <= tvb.reported && bytesEqual(tvb, off + 2 + boundary.length, '--');
      const le = findLineEnd(tvb, off);
      return { start, lineLen: le.next - start, last };
    }
    off = findLineEnd(tvb, off).next;
  }
  return { start: -1, lineLen: -1, last: false };
}

/** find_next_boundary: the line end plus "--boundary" that ends the current part. */
export function findNextBoundary(tvb: Tvb, from: number, boundary: string): Boundary {
  const blen = boundary.length;
  const search = new DelimiterSearch(tvb, boundary);
  let off = from;
  let q = -1;
  while (off + 2 + blen < tvb.length) {
    // A line can end the part only through a "--boundary" after its end or, closing one, just
    // before it (at most 4 + blen bytes back): skip to the line before the next occurrence.
    if (q < off - (4 + blen)) {
      q = search.next(off - (4 + blen));
      if (q < 0) break;
      off = search.lineStartBefore(q - 1, off);
      continue;
    }
    const le = findLineEnd(tvb, off);
    let start = off + le.len;
    if (bytesEqual(tvb, le.next, '--') && bytesEqual(tvb, le.next + 2, boundary)) {
      const last = le.next + 2 + blen + 2 <= tvb.reported && bytesEqual(tvb, le.next + 2 + blen, '--');
      const end = findLineEnd(tvb, le.next).next;
      return { start, lineLen: end - start, last };
    }
    // Some writers put the closing "--boundary--" right after the body, with no line end before it.
    if (bytesEqual(tvb, start - 2, '--') && bytesEqual(tvb, start - (2 + blen), boundary) && bytesEqual(tvb, start - (4 + blen), '--')) {
      start -= 4 + blen;
      return { start, lineLen: le.next - start, last: true };
    }
    off = le.next;
  }
  return { start: -1, lineLen: -1, last: false };
}
