import { parseIPv4Text, parseIPv6Text } from './ip-text.js';

/** RFC 2428 address families in EPRT. */
export const EprtFamily = { IPv4: 1, IPv6: 2 } as const;

/** A parsed "EPRT |af|addr|port|" argument. */
export interface EprtArgument {
  readonly family: number;
  /** IPv4 as an unsigned number, or 16 IPv6 bytes. */
  readonly address: number | Uint8Array;
  readonly addressLength: number;
  readonly port: number;
  readonly portLength: number;
}

/** The port of a "229 ... (|||port|)" reply and where it starts in the text. */
export interface EpsvReply {
  readonly port: number;
  readonly offset: number;
  readonly portLength: number;
}

const latin1 = new TextDecoder('latin1');

/** Packet text as strndup leaves it: cut at the first NUL, one char per byte. */
function cText(bytes: Uint8Array): string {
  const nul = bytes.indexOf(0);
  return latin1.decode(nul >= 0 ? bytes.subarray(0, nul) : bytes);
}

/** RFC 2428 section 2: a printable character that cannot appear in an address or port. */
export function isRfc2428Delimiter(c: string): boolean {
  const code = c.charCodeAt(0);
  if (!(code > 0x20 && code < 0x7f)) return false;
  return !'0123456789abcdef.:'.includes(c.toLowerCase());
}

const isSpace = (c: number): boolean => c === 0x20 || (c >= 0x09 && c <= 0x0d);
const UINT64_MAX = (1n << 64n) - 1n;

/**
 * Wireshark's ws_strtou16/ws_strtou32 (strtoull underneath): no leading
 * sign, blanks skipped, at least one digit. `ok` false on a bad or
 * out-of-range number; `value` is then 0, or the type's maximum when too
 * large; `end` is where the digits stopped.
 */
export function strToUnsigned(s: string, start: number, max: number): { ok: boolean; value: number; end: number } {
  const first = s.charCodeAt(start);
  if (first === 0x2b || first === 0x2d) return { ok: false, value: 0, end: start };
  let i = start;
  while (i < s.length && isSpace(s.charCodeAt(i))) i++;
  let negative = false;
  const sign = s.charCodeAt(i);
  if (sign === 0x2b || sign === 0x2d) {
    negative = sign === 0x2d;
    i++;
  }
  const digits = i;
  let v = 0n;
  let overflow = false;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) break;
    if (!overflow) {
      v = v * 10n + BigInt(c - 0x30);
      if (v > UINT64_MAX) overflow = true;
    }
    i++;
  }
  if (i === digits) return { ok: false, value: 0, end: start };
  if (overflow) return { ok: false, value: max, end: i };
  if (negative) v = (UINT64_MAX + 1n - v) & UINT64_MAX;
  if (v > BigInt(max)) return { ok: false, value: max, end: i };
  return { ok: true, value: Number(v), end: i };
}

/** The whole string must be the number (ws_strtou* with no end pointer). */
function wholeUnsigned(s: string, max: number): number | null {
  const r = strToUnsigned(s, 0, max);
  return r.ok && r.end === s.length ? r.value : null;
}

/**
 * "|af|addr|port|" with any valid delimiter, exactly four of them, no
 * empty field, af 1 or 2 with a matching address (packet-ftp.c's
 * parse_eprt_request). Text after the fourth delimiter is ignored.
 */
export function parseEprt(arg: Uint8Array): EprtArgument | null {
  if (arg.length < 4) return null;
  const s = cText(arg);
  if (s.length === 0 || !isRfc2428Delimiter(s[0]!)) return null;
  const delimiter = s[0]!;
  let count = 0;
  for (let n = 0; n < s.length; n++) if (s[n] === delimiter) count++;
  if (count !== 4) return null;
  let seen = 1;
  let last = 0;
  let family = 0;
  let address: number | Uint8Array | null = null;
  let addressLength = 0;
  let port = 0;
  let portLength = 0;
  for (let n = 1; n < s.length; n++) {
    if (s[n] !== delimiter) continue;
    seen++;
    const fieldLength = n - last - 1;
    if (fieldLength <= 0) return null;
    const field = s.slice(last + 1, n);
    if (seen === 2) {
      const af = wholeUnsigned(field, 0xffffffff);
      if (af === null) return null;
      family = af;
    } else if (seen === 3) {
      if (family === EprtFamily.IPv4) address = parseIPv4Text(field);
      else if (family === EprtFamily.IPv6) address = parseIPv6Text(field);
      else return null;
      addressLength = fieldLength;
    } else if (seen === 4) {
      const p = wholeUnsigned(field, 0xffff);
      if (p === null) return null;
      port = p;
      portLength = fieldLength;
    }
    last = n;
  }
  return address === null ? null : { family, address, addressLength, port, portLength };
}

/**
 * The port in "Entering Extended Passive Mode (|||port|)": after the first
 * "(" and up to three copies of one delimiter (packet-ftp.c's
 * parse_extended_pasv_response, including its leniencies).
 */
export function parseEpsvReply(text: Uint8Array): EpsvReply | null {
  const s = cText(text);
  const open = s.indexOf('(');
  if (open < 0) return null;
  let p = open + 1;
  let delimiter = '';
  for (let n = 0; n < 3 && p < s.length; n++) {
    const c = s[p]!;
    if (delimiter === '' && isRfc2428Delimiter(c)) delimiter = c;
    if (c !== delimiter) break;
    p++;
  }
  if (p >= s.length) return null;
  const r = strToUnsigned(s, p, 0xffff);
  // A number cut off by the closing delimiter counts even when out of range.
  if (!r.ok && s[r.end] !== '|') return null;
  const close = s.indexOf(')', p);
  if (close < 0) return null;
  return { port: r.value, offset: p, portLength: close - 1 - p };
}
