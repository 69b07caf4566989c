/**
 * Text-to-address conversions with the exact acceptance rules of glibc's
 * inet_pton, which Wireshark uses for the addresses in EPRT commands.
 */

const hexValue = (c: number): number => {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  return -1;
};

/** Dotted-quad text in s[from, to) into out[at..at+4); false if it is not exactly one. */
function pton4(s: string, from: number, to: number, out: Uint8Array, at: number): boolean {
  let sawDigit = false;
  let octets = 0;
  let cur = 0;
  const tmp = new Uint8Array(4);
  for (let i = from; i < to; i++) {
    const ch = s.charCodeAt(i);
    if (ch >= 0x30 && ch <= 0x39) {
      // No leading zeros, no octet above 255.
      if (sawDigit && tmp[cur] === 0) return false;
      const v = tmp[cur]! * 10 + (ch - 0x30);
      if (v > 255) return false;
      tmp[cur] = v;
      if (!sawDigit) {
        if (++octets > 4) return false;
        sawDigit = true;
      }
    } else if (ch === 0x2e && sawDigit) {
      if (octets === 4) return false;
      cur++;
      sawDigit = false;
    } else {
      return false;
    }
  }
  if (octets < 4) return false;
  out.set(tmp, at);
  return true;
}

/** "192.0.2.1" as an unsigned 32-bit number, or null. */
export function parseIPv4Text(s: string): number | null {
  const b = new Uint8Array(4);
  if (!pton4(s, 0, s.length, b, 0)) return null;
  return ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0;
}

/** IPv6 text (with "::" and a trailing dotted quad allowed) as 16 bytes, or null. */
export function parseIPv6Text(s: string): Uint8Array | null {
  const out = new Uint8Array(16);
  const end = s.length;
  let src = 0;
  if (src === end) return null;
  if (s.charCodeAt(src) === 0x3a) {
    src++;
    if (src === end || s.charCodeAt(src) !== 0x3a) return null;
  }
  let tp = 0;
  let colonp = -1;
  let curtok = src;
  let digitsSeen = 0;
  let val = 0;
  while (src < end) {
    const ch = s.charCodeAt(src++);
    const digit = hexValue(ch);
    if (digit >= 0) {
      if (digitsSeen === 4) return null;
      val = (val << 4) | digit;
      digitsSeen++;
      continue;
    }
    if (ch === 0x3a) {
      curtok = src;
      if (digitsSeen === 0) {
        if (colonp >= 0) return null;
        colonp = tp;
        continue;
      }
      if (src === end) return null;
      if (tp + 2 > 16) return null;
      out[tp++] = val >> 8;
      out[tp++] = val & 0xff;
      digitsSeen = 0;
      val = 0;
      continue;
    }
    if (ch === 0x2e && tp + 4 <= 16 && pton4(s, curtok, end, out, tp)) {
      tp += 4;
      digitsSeen = 0;
      break;
    }
    return null;
  }
  if (digitsSeen > 0) {
    if (tp + 2 > 16) return null;
    out[tp++] = val >> 8;
    out[tp++] = val & 0xff;
  }
  if (colonp >= 0) {
    if (tp === 16) return null;
    const n = tp - colonp;
    out.copyWithin(16 - n, colonp, tp);
    out.fill(0, colonp, 16 - n);
    tp = 16;
  }
  return tp === 16 ? out : null;
}
