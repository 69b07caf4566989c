import { decodeAscii, findLineEnd as findTvbLineEnd, type LineEnd, type Tvb, type UnfinishedLineMemo } from '@netdissect/core';

export { tokenAt } from '@netdissect/core';
export type { LineEnd };

/**
 * tvb_find_line_end within `len` bytes from `offset` (-1: all captured
 * bytes). With `desegment`, a line with no terminator yet (or ending in a
 * lone CR at the end of the data, which might be half of a CRLF) is null,
 * so the caller can ask for more data; without it, the line runs to the end.
 */
export function findLineEnd(tvb: Tvb, offset: number, len: number, desegment: boolean): LineEnd | null {
  const line = findTvbLineEnd(tvb, offset, desegment, len);
  return line.len < 0 ? null : line;
}

/** findLineEnd's desegment form for a line whose first byte is at stream position `key`, going on where `memo`'s last search for it stopped (no memo: from the start). */
export function findLineEndResuming(tvb: Tvb, offset: number, len: number, memo: UnfinishedLineMemo | null, key: number): LineEnd | null {
  const line = memo ? memo.findLineEnd(tvb, offset, key, len) : findTvbLineEnd(tvb, offset, true, len);
  return line.len < 0 ? null : line;
}

/** The bytes of a C string: up to the first NUL. */
export function cStringBytes(bytes: Uint8Array): Uint8Array {
  const nul = bytes.indexOf(0);
  return nul < 0 ? bytes : bytes.subarray(0, nul);
}

/** An ENC_ASCII string as a C string: it ends at the first NUL. */
export function asciiCString(bytes: Uint8Array): string {
  return decodeAscii(cStringBytes(bytes));
}

/** Case-insensitive comparison of ASCII bytes with a lower-case literal (g_ascii_strncasecmp). */
export function startsWithIgnoreCase(bytes: Uint8Array, pos: number, end: number, lower: string): boolean {
  if (end - pos < lower.length) return false;
  for (let i = 0; i < lower.length; i++) {
    let c = bytes[pos + i]!;
    if (c >= 0x41 && c <= 0x5a) c += 0x20;
    if (c !== lower.charCodeAt(i)) return false;
  }
  return true;
}

/** Leading blanks, a sign and an optional 0x before hex digits, as strtol(…, 16) reads them; null when there are no digits. */
function hexPrefix(s: string): { negative: boolean; digits: string } | null {
  const m = /^[ \t\n\v\f\r]*([+-]?)(?:0[xX](?=[0-9a-fA-F]))?([0-9a-fA-F]+)/.exec(s);
  if (!m) return null;
  return { negative: m[1] === '-', digits: m[2]!.replace(/^0+(?=.)/, '') };
}

const U64_MAX = (1n << 64n) - 1n;
const I64_MAX = (1n << 63n) - 1n;

/** strtoul(s, NULL, 16) (64-bit, saturating) stored in 32 bits, as sscanf("%x") does; null without digits. */
export function hexToUint32(s: string): number | null {
  const h = hexPrefix(s);
  if (!h) return null;
  let v = h.digits.length > 16 ? U64_MAX : BigInt(`0x${h.digits}`);
  if (h.negative) v = (U64_MAX + 1n - v) & U64_MAX;
  return Number(v & 0xffffffffn);
}

/** strtol(s, NULL, 16) (64-bit, saturating) cast to guint32, as packet-http.c reads chunk sizes; 0 without digits. */
export function hexToInt32Cast(s: string): number {
  const h = hexPrefix(s);
  if (!h) return 0;
  let v = h.digits.length > 16 ? I64_MAX + 1n : BigInt(`0x${h.digits}`);
  if (h.negative) v = v > I64_MAX + 1n ? -(I64_MAX + 1n) : -v;
  else if (v > I64_MAX) v = I64_MAX;
  return Number(BigInt.asUintN(32, v));
}
