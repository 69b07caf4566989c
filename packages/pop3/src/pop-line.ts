import type { Tvb, UnfinishedLineMemo } from '@netdissect/core';

const CR = 0x0d;
const LF = 0x0a;
const SPACE = 0x20;

/**
 * Whether the captured data holds a complete line (an LF somewhere). The
 * search goes on where the last one over the same data (its first byte at
 * stream position `key`) stopped without finding one.
 */
export function hasLineFeed(tvb: Tvb, memo: UnfinishedLineMemo, key: number): boolean {
  const found = tvb.find(LF, memo.resumeAt(0, key, tvb.length, tvb)) >= 0;
  if (!found) memo.noEndBefore(0, key, tvb.length, tvb);
  return found;
}

/**
 * get_token_len: the first token of `line` ends at a blank, CR or LF;
 * `next` is where the rest starts once the blanks after it are skipped.
 */
export function firstToken(line: Uint8Array): { tokenLen: number; next: number } {
  let i = 0;
  while (i < line.length && line[i] !== SPACE && line[i] !== CR && line[i] !== LF) i++;
  const tokenLen = i;
  while (i < line.length && line[i] === SPACE) i++;
  return { tokenLen, next: i };
}

/** strncmp(line, prefix, n) == 0 on the line as a C string (a NUL ends it). */
export function startsWith(line: Uint8Array, prefix: string): boolean {
  if (line.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (line[i] !== prefix.charCodeAt(i)) return false;
  return true;
}

/** g_ascii_strncasecmp(line, prefix, n) == 0; `prefix` is given in upper case. */
export function startsWithIgnoreCase(line: Uint8Array, prefix: string): boolean {
  if (line.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) {
    let c = line[i]!;
    if (c >= 0x61 && c <= 0x7a) c -= 0x20;
    if (c !== prefix.charCodeAt(i)) return false;
  }
  return true;
}

const isCSpace = (c: number): boolean => c === SPACE || (c >= 0x09 && c <= 0x0d);

/**
 * sscanf(line, "%*s %u %*s", &n) as glibc does it on the line as a C
 * string: the number after the first word, with strtoul's wrap-around for
 * signs and overflow, or null when there is none ("+OK 1234 octets" -> 1234).
 */
export function scanSecondWordUint(line: Uint8Array): number | null {
  const nul = line.indexOf(0);
  const end = nul < 0 ? line.length : nul;
  let i = 0;
  while (i < end && isCSpace(line[i]!)) i++;
  const wordStart = i;
  while (i < end && !isCSpace(line[i]!)) i++;
  if (i === wordStart) return null;
  while (i < end && isCSpace(line[i]!)) i++;
  let negative = false;
  if (i < end && (line[i] === 0x2b || line[i] === 0x2d)) negative = line[i++] === 0x2d;
  const digitsStart = i;
  let value = 0n;
  while (i < end && line[i]! >= 0x30 && line[i]! <= 0x39) value = value * 10n + BigInt(line[i++]! - 0x30);
  if (i === digitsStart) return null;
  const ULONG_MAX = (1n << 64n) - 1n;
  if (value > ULONG_MAX) value = ULONG_MAX;
  else if (negative) value = (ULONG_MAX + 1n - value) & ULONG_MAX;
  return Number(value & 0xffffffffn);
}
