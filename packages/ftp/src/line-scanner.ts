const CR = 0x0d;
const LF = 0x0a;
const SP = 0x20;

/** One text line of a buffer: its length without the terminator, and where the next line starts. */
export interface LineSpan {
  readonly length: number;
  readonly next: number;
}

/** Index of the first CR or LF in bytes[from, end), or -1. */
function findCrLf(bytes: Uint8Array, from: number, end: number): number {
  for (let i = from; i < end; i++) {
    const c = bytes[i];
    if (c === CR || c === LF) return i;
  }
  return -1;
}

/**
 * The line starting at `from` (tvb_find_line_end without desegmenting):
 * ends at CR, LF or CRLF, or at the end of the buffer when there is none.
 */
export function lineAt(bytes: Uint8Array, from: number): LineSpan {
  const end = bytes.length;
  const eol = findCrLf(bytes, from, end);
  if (eol < 0) return { length: end - from, next: end };
  let next = eol + 1;
  if (bytes[eol] === CR && next < end && bytes[next] === LF) next++;
  return { length: eol - from, next };
}

/**
 * Whether the first line of `bytes` is known to be complete (the
 * desegmenting tvb_find_line_end): a CR or LF was seen, and a CR is not
 * the last byte (its LF may still be on the way).
 */
export function firstLineComplete(bytes: Uint8Array): boolean {
  const eol = findCrLf(bytes, 0, bytes.length);
  return eol >= 0 && !(bytes[eol] === CR && eol + 1 === bytes.length);
}

/** Result of get_token_len: the first word's length, and where the text after its blanks starts. */
export interface Token {
  readonly length: number;
  readonly next: number;
}

/** The first word of bytes[from, end): up to a blank, CR or LF; trailing blanks skipped. */
export function tokenAt(bytes: Uint8Array, from: number, end: number): Token {
  let p = from;
  while (p < end && bytes[p] !== SP && bytes[p] !== CR && bytes[p] !== LF) p++;
  const length = p - from;
  while (p < end && bytes[p] === SP) p++;
  return { length, next: p };
}

const utf8 = new TextDecoder('utf-8');

/** Packet text kept as a C string (strndup): cut at the first NUL, read as UTF-8. */
export function textUpToNul(bytes: Uint8Array): string {
  const nul = bytes.indexOf(0);
  return utf8.decode(nul >= 0 ? bytes.subarray(0, nul) : bytes);
}
