/** Address and port found in a PORT argument or a 227 reply ("h1,h2,h3,h4,p1,p2"). */
export interface HostPort {
  /** IPv4 address as an unsigned 32-bit number. */
  readonly ip: number;
  readonly port: number;
  /** Where the first number starts in the text. */
  readonly offset: number;
  /** Length Wireshark gives the address and port items (from the numbers' digit counts). */
  readonly ipLength: number;
  readonly portLength: number;
}

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isSpace = (c: number): boolean => c === 0x20 || (c >= 0x09 && c <= 0x0d);

const LONG_MAX = (1n << 63n) - 1n;

/**
 * One "%d" of sscanf: blanks, an optional sign, digits. The value is what
 * glibc stores in an int (a long, clamped on overflow, cut to 32 bits).
 */
function scanInt(b: Uint8Array, start: number): { value: number; end: number } | null {
  let i = start;
  while (i < b.length && isSpace(b[i]!)) i++;
  let negative = false;
  if (i < b.length && (b[i] === 0x2b || b[i] === 0x2d)) negative = b[i++] === 0x2d;
  const digits = i;
  while (i < b.length && isDigit(b[i]!)) i++;
  if (i === digits) return null;
  let value: number;
  if (i - digits <= 15) {
    value = 0;
    for (let k = digits; k < i; k++) value = value * 10 + (b[k]! - 0x30);
    value = (negative ? -value : value) | 0;
  } else {
    let big = 0n;
    for (let k = digits; k < i && big <= LONG_MAX; k++) big = big * 10n + BigInt(b[k]! - 0x30);
    if (big > LONG_MAX) big = negative ? -LONG_MAX - 1n : LONG_MAX;
    else if (negative) big = -big;
    value = Number(BigInt.asIntN(32, big));
  }
  return { value, end: i };
}

/** sscanf(p, "%d,%d,%d,%d,%d,%d"): the six numbers, or null when fewer match. */
function scanSix(b: Uint8Array, start: number): number[] | null {
  const out: number[] = [];
  let i = start;
  for (let n = 0; n < 6; n++) {
    if (n > 0) {
      if (b[i] !== 0x2c) return null;
      i++;
    }
    const r = scanInt(b, i);
    if (r === null) return null;
    out.push(r.value);
    i = r.end;
  }
  return out;
}

const digitCount = (v: number): number => (v < 10 ? 1 : v < 100 ? 2 : 3);

/**
 * Find "h1,h2,h3,h4,p1,p2" anywhere in the text, as packet-ftp.c does for
 * PORT and for 227 replies (which need not use parentheses): try at each
 * run of digits until six comma-separated numbers parse.
 */
export function parseHostPort(text: Uint8Array): HostPort | null {
  const nul = text.indexOf(0);
  const b = nul >= 0 ? text.subarray(0, nul) : text;
  let p = 0;
  for (;;) {
    while (p < b.length && !isDigit(b[p]!)) p++;
    if (p >= b.length) return null;
    const n = scanSix(b, p);
    if (n !== null) {
      const [h1, h2, h3, h4, p1, p2] = n as [number, number, number, number, number, number];
      return {
        ip: ((h1 << 24) | (h2 << 16) | (h3 << 8) | h4) >>> 0,
        port: ((p1 & 0xff) << 8) | (p2 & 0xff),
        offset: p,
        ipLength: digitCount(h1) + 1 + digitCount(h2) + 1 + digitCount(h3) + 1 + digitCount(h4),
        portLength: digitCount(p1) + 1 + digitCount(p2),
      };
    }
    while (p < b.length && isDigit(b[p]!)) p++;
  }
}
