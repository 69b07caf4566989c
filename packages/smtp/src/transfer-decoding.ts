/** Content-Transfer-Encoding decoders for mail bodies. */

const RANK = new Uint8Array(256).fill(0xff);
for (let i = 0; i < 64; i++) RANK['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.charCodeAt(i)] = i;
RANK[0x3d] = 0;

/**
 * Base64 the way GLib's g_base64_decode reads it (and so Wireshark's
 * base64_to_tvb): characters outside the alphabet are skipped, '=' only
 * drops bytes from its own quantum, and decoding goes on after it.
 */
export function decodeBase64Lenient(text: string): Uint8Array {
  const out = new Uint8Array(Math.floor((text.length * 3) / 4) + 3);
  let n = 0;
  let v = 0;
  let i = 0;
  let last0 = 0;
  let last1 = 0;
  for (let p = 0; p < text.length; p++) {
    const c = text.charCodeAt(p);
    const rank = c < 256 ? RANK[c]! : 0xff;
    if (rank === 0xff) continue;
    last1 = last0;
    last0 = c;
    v = ((v << 6) | rank) & 0xffffff;
    if (++i === 4) {
      out[n++] = v >> 16;
      if (last1 !== 0x3d) out[n++] = (v >> 8) & 0xff;
      if (last0 !== 0x3d) out[n++] = v & 0xff;
      i = 0;
    }
  }
  return out.slice(0, n);
}

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
