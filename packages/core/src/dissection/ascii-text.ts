import { decodeAscii } from '../fields/ascii-decoding.js';
import { formatBytesAsText } from '../fields/format-text.js';
import type { Tvb } from './tvb.js';

/** tvb_get_string_enc(..., ENC_ASCII): one char per byte, bytes above 0x7f as U+FFFD, stopping at a NUL as C strings do. */
export function readAsciiCString(tvb: Tvb, off: number, len: number): string {
  const s = decodeAscii(tvb.view(off, len));
  const nul = s.indexOf('\0');
  return nul >= 0 ? s.slice(0, nul) : s;
}

/** The bytes as an ENC_ASCII field value (NULs kept, as FT_STRING items keep them). */
export function readAscii(tvb: Tvb, off: number, len: number): string {
  return decodeAscii(tvb.view(off, len));
}

/**
 * format_text(tvb_get_string_enc(…, ENC_ASCII), len): the bytes read as
 * ASCII (each byte above 0x7f a U+FFFD, three bytes of UTF-8), then shown
 * as text up to the bytes' own count: every such byte pushes the text's end
 * that much earlier, and a cut U+FFFD is shown as format_text shows a cut
 * sequence.
 */
export function formatAsciiStringAsText(bytes: Uint8Array): string {
  const ascii = decodeAscii(bytes);
  if (!ascii.includes('\ufffd')) return formatBytesAsText(bytes);
  return formatBytesAsText(Buffer.from(ascii, 'utf8').subarray(0, bytes.length));
}

/** g_ascii_strdown: lower-case A-Z only. */
export function asciiLower(s: string): string {
  let upper = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // toLowerCase would also change letters beyond ASCII (À, the Kelvin sign).
    if (c >= 0x80) return s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
    if (c >= 0x41 && c <= 0x5a) upper = true;
  }
  return upper ? s.toLowerCase() : s;
}

export { isAsciiSpace } from '../fields/format-text.js';
