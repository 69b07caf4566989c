/** Content-Transfer-Encoding decoders for mail bodies. */

// GLib's base64 reading lives in core (HTTP's Basic credentials use it too); mail bodies and AUTH lines use it here.
export { decodeBase64Lenient } from '@netdissect/core';

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

/** Quoted-printable (RFC 2045 6.7): "=XX" escapes and "=" soft line breaks; anything malformed is kept as it is. */
export function decodeQuotedPrintable(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length);
  let n = 0;
  for (let p = 0; p < bytes.length; p++) {
    const c = bytes[p]!;
    if (c !== 0x3d) {
      out[n++] = c;
      continue;
    }
    const a = bytes[p + 1];
    if (a === 0x0d && bytes[p + 2] === 0x0a) {
      p += 2;
      continue;
    }
    if (a === 0x0a) {
      p += 1;
      continue;
    }
    const hi = a === undefined ? -1 : hexValue(a);
    const lo = bytes[p + 2] === undefined ? -1 : hexValue(bytes[p + 2]!);
    if (hi >= 0 && lo >= 0) {
      out[n++] = (hi << 4) | lo;
      p += 2;
    } else {
      out[n++] = c;
    }
  }
  return out.slice(0, n);
}
