// GLib's base64 decoder (g_base64_decode_step), which Wireshark uses for
// SMTP AUTH lines, mail bodies and HTTP Basic credentials.

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
