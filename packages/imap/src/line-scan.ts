import { findLineEnd as findTvbLineEnd, type LineEnd, type Tvb, type UnfinishedLineMemo } from '@netdissect/core';

export type { LineEnd };

const CR = 0x0d;
const LF = 0x0a;
const SP = 0x20;
const TAB = 0x09;

/**
 * tvb_find_line_end in its "desegment" form: null when no terminator is in
 * the buffer yet, or the buffer ends right after a CR (the LF may still come).
 */
export function findLineEnd(tvb: Tvb, offset: number): LineEnd | null {
  const line = findTvbLineEnd(tvb, offset, true);
  return line.len < 0 ? null : line;
}

/** findLineEnd for a line whose first byte is at stream position `key`, going on where `memo`'s last search for it stopped. */
export function findLineEndResuming(tvb: Tvb, offset: number, memo: UnfinishedLineMemo, key: number): LineEnd | null {
  const line = memo.findLineEnd(tvb, offset, key);
  return line.len < 0 ? null : line;
}

/** A space-delimited token: its length and where the text after its delimiter starts. */
export interface Token {
  readonly len: number;
  readonly next: number;
}

/**
 * tvb_get_token_len (no desegmentation): the token at `offset` runs to the
 * first space, CR or LF within `len` bytes, or to the end of those bytes.
 */
export function tokenAt(tvb: Tvb, offset: number, len: number): Token {
  const b = tvb.bytes;
  const base = tvb.start;
  const end = base + Math.min(tvb.length, offset + len);
  for (let p = base + offset; p < end; p++) {
    const c = b[p]!;
    if (c === SP || c === CR || c === LF) return { len: p - base - offset, next: p - base + 1 };
  }
  return { len, next: offset + len };
}

/**
 * The first space, tab, CR or LF in [offset, offset+len), or -1
 * (tvb_ws_mempbrk_pattern_guint8 with " \t\r\n").
 */
export function findWhitespace(tvb: Tvb, offset: number, len: number): number {
  const b = tvb.bytes;
  const base = tvb.start;
  const end = base + Math.min(tvb.length, offset + len);
  for (let p = base + offset; p < end; p++) {
    const c = b[p]!;
    if (c === SP || c === TAB || c === CR || c === LF) return p - base;
  }
  return -1;
}

/** tvb_find_guint8: first `byte` in [offset, offset+maxLen) (to the end when maxLen < 0), or -1. */
export function findByte(tvb: Tvb, byte: number, offset: number, maxLen = -1): number {
  const stop = maxLen < 0 ? tvb.length : Math.min(tvb.length, offset + maxLen);
  if (offset >= stop) return -1;
  const i = tvb.bytes.subarray(tvb.start + offset, tvb.start + stop).indexOf(byte);
  return i < 0 ? -1 : offset + i;
}

function lower(c: number): number {
  return c >= 0x41 && c <= 0x5a ? c + 0x20 : c;
}

/**
 * Whether the `len` bytes at `offset` equal the start of `word`, ignoring
 * ASCII case, with C string rules (a NUL ends both sides): the test the C
 * dissector makes with strncmp/g_ascii_strncasecmp(token, word, len), so
 * "u" and "UI" count as "UID", but "UIDS" does not.
 */
export function tokenIsPrefixOf(tvb: Tvb, offset: number, len: number, word: string): boolean {
  const b = tvb.bytes;
  const base = tvb.start + offset;
  for (let i = 0; i < len; i++) {
    const a = lower(b[base + i]!);
    const w = i < word.length ? lower(word.charCodeAt(i)) : 0;
    if (a !== w) return false;
    if (a === 0) return true;
  }
  return true;
}
