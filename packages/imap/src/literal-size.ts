const MAX_U32 = 0xffffffffn;
const MAX_U64 = 0xffffffffffffffffn;

function isSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d);
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/**
 * The number between the braces of a literal announcement "{n}", read as
 * Wireshark's ws_strtou32 reads it: the whole text must be a decimal
 * number that fits in 32 bits (leading blanks allowed, no sign at the
 * very start, a NUL ends the text). So "{12+}" (LITERAL+) is not a size
 * for it, and neither is anything above 4294967295. Returns null then.
 */
export function parseLiteralSize(text: Uint8Array): number | null {
  const nul = text.indexOf(0);
  const end = nul < 0 ? text.length : nul;
  if (end > 0 && (text[0] === 0x2b || text[0] === 0x2d)) return null;
  let i = 0;
  while (i < end && isSpace(text[i]!)) i++;
  // strtoull takes a sign after the blanks; a negated value wraps modulo 2^64.
  let negative = false;
  if (i < end && (text[i] === 0x2b || text[i] === 0x2d)) {
    negative = text[i] === 0x2d;
    i++;
  }
  const digitsStart = i;
  while (i < end && text[i] === 0x30) i++;
  const significantStart = i;
  while (i < end && isDigit(text[i]!)) i++;
  if (i === digitsStart || i !== end) return null;
  // More than 20 significant digits overflows 64 bits: strtoull fails with ERANGE.
  if (i - significantStart > 20) return null;
  let v = 0n;
  for (let k = significantStart; k < i; k++) v = v * 10n + BigInt(text[k]! - 0x30);
  if (v > MAX_U64) return null;
  if (negative && v !== 0n) v = (MAX_U64 + 1n - v) & MAX_U64;
  return v > MAX_U32 ? null : Number(v);
}
