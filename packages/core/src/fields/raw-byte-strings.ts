/**
 * Strings that keep bytes which are not UTF-8. Wireshark stores some string
 * values as the packet's raw bytes (a JSON string, a URI built from a
 * header): -T fields and -T json print those bytes as they are, while a
 * label shows them through format_text (a REPLACEMENT CHARACTER per bad
 * sequence). A JavaScript string cannot hold such bytes, so each one
 * (0x80-0xff) is kept as the lone surrogate U+DC80-U+DCFF, as Python's
 * "surrogateescape" does: no decoder ever produces a lone surrogate, so
 * they cannot be confused with text.
 */

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const LONE_ESCAPE = /(?<![\uD800-\uDBFF])[\uDC80-\uDCFF]/;
const ESCAPE_BASE = 0xdc00;

/** Length of the valid UTF-8 sequence at `i` (1 for ASCII), or 0 for a byte that starts none. */
function utf8SequenceAt(b: Uint8Array, i: number): number {
  const c = b[i]!;
  if (c < 0x80) return 1;
  const n = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
  if (n === 0 || i + n > b.length) return 0;
  for (let k = 1; k < n; k++) if ((b[i + k]! & 0xc0) !== 0x80) return 0;
  // Overlong forms, surrogates and code points past U+10FFFF.
  const c1 = b[i + 1]!;
  if ((c === 0xe0 && c1 < 0xa0) || (c === 0xed && c1 > 0x9f) || (c === 0xf0 && c1 < 0x90) || (c === 0xf4 && c1 > 0x8f)) return 0;
  return n;
}

/** The bytes as text: UTF-8 where it is valid, every other byte kept as its escape. */
export function rawByteString(bytes: Uint8Array): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    let out = '';
    let run = 0;
    for (let i = 0; i < bytes.length; ) {
      const n = utf8SequenceAt(bytes, i);
      if (n > 0) {
        i += n;
        continue;
      }
      if (run < i) out += strictUtf8.decode(bytes.subarray(run, i));
      out += String.fromCharCode(ESCAPE_BASE + bytes[i]!);
      run = ++i;
    }
    return run < bytes.length ? out + strictUtf8.decode(bytes.subarray(run)) : out;
  }
}

/** Whether `s` keeps bytes that are not UTF-8. */
export function hasRawBytes(s: string): boolean {
  return LONE_ESCAPE.test(s);
}

/** The bytes `s` stands for: its text in UTF-8, its escapes as the bytes they keep. */
export function rawStringBytes(s: string): Uint8Array {
  const parts: Uint8Array[] = [];
  let run = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xdc80 || c > 0xdcff) continue;
    const prev = i > 0 ? s.charCodeAt(i - 1) : 0;
    if (prev >= 0xd800 && prev <= 0xdbff) continue;
    if (run < i) parts.push(Buffer.from(s.slice(run, i), 'utf8'));
    parts.push(Uint8Array.of(c - ESCAPE_BASE));
    run = i + 1;
  }
  if (run < s.length) parts.push(Buffer.from(s.slice(run), 'utf8'));
  return Buffer.concat(parts);
}
