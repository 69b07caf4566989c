import { FT, type FieldType } from '@netdissect/core';
import { Family, familyOf, is64Bit, isUnsigned, prettyName } from './ftype-info.js';
import { absoluteTime, relativeTime } from './time-literals.js';
import type { Ipv4Net, Ipv6Net, Value } from './values.js';

/**
 * Values written in a filter, converted to the type they are compared
 * with (fvalue_from_literal / _from_string / _from_charconst for each
 * ftype), with Wireshark 4.0's error messages.
 */
export type Parsed = { ok: true; value: Value } | { ok: false; error: string };

const ok = (value: Value): Parsed => ({ ok: true, value });
const err = (error: string): Parsed => ({ ok: false, error });

const UINT_MAX: Partial<Record<FieldType, bigint>> = {
  [FT.CHAR]: 0xffn, [FT.UINT8]: 0xffn, [FT.UINT16]: 0xffffn, [FT.UINT24]: 0xffffffn, [FT.UINT32]: 0xffffffffn, [FT.FRAMENUM]: 0xffffffffn,
  [FT.UINT40]: (1n << 40n) - 1n, [FT.UINT48]: (1n << 48n) - 1n, [FT.UINT56]: (1n << 56n) - 1n, [FT.UINT64]: (1n << 64n) - 1n, [FT.EUI64]: (1n << 64n) - 1n,
};
const INT_RANGE: Partial<Record<FieldType, readonly [bigint, bigint]>> = {
  [FT.INT8]: [-0x80n, 0x7fn], [FT.INT16]: [-0x8000n, 0x7fffn], [FT.INT24]: [-0x800000n, 0x7fffffn], [FT.INT32]: [-0x80000000n, 0x7fffffffn],
  [FT.INT64]: [-(1n << 63n), (1n << 63n) - 1n],
};

/** Integers in JS form: a number when exact, else a bigint. */
export function intValue(v: bigint): number | bigint {
  return v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= -BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
}

/**
 * C's strto[u]l(s, &end, 0) with Wireshark's 0b prefix: the value and
 * whether the whole text was a number. Unsigned parses wrap negatives as
 * strtoul does (so they come out too big).
 */
function cInteger(s: string, unsigned: boolean): { value: bigint; valid: boolean; overflow: boolean } {
  const bin = /^0[bB]([01]*)$/.exec(s);
  const m = bin ? null : /^[ \t\n\v\f\r]*([+-]?)(0[xX][0-9A-Fa-f]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (!bin && !m) return { value: 0n, valid: false, overflow: false };
  let v: bigint;
  let negative = false;
  if (bin) {
    v = bin[1] === '' ? 0n : BigInt(`0b${bin[1]}`);
  } else {
    const body = m![2]!;
    negative = m![1] === '-';
    v = /^0[xX]/.test(body) ? BigInt(body) : body.length > 1 && body[0] === '0' ? BigInt(`0o${body.slice(1)}`) : BigInt(body);
  }
  // strtoul/strtol here work on 64-bit longs.
  const limit = unsigned ? (1n << 64n) - 1n : (1n << 63n) - 1n;
  if (v > limit + (negative && !unsigned ? 1n : 0n)) return { value: 0n, valid: true, overflow: true };
  if (negative) v = unsigned ? (v === 0n ? 0n : (1n << 64n) - v) : -v;
  return { value: v, valid: true, overflow: false };
}

function unsignedFromLiteral(t: FieldType, s: string): Parsed {
  const max = UINT_MAX[t] ?? 0xffffffffn;
  const r = cInteger(s, true);
  if (!r.valid) return err(`"${s}" is not a valid number.`);
  if (r.overflow) return err(`"${s}" causes an integer overflow.`);
  if (r.value > max) return err(`"${s}" too big for this field, maximum ${max}.`);
  return ok(intValue(r.value));
}

function signedFromLiteral(t: FieldType, s: string): Parsed {
  const [min, max] = INT_RANGE[t] ?? [-0x80000000n, 0x7fffffffn];
  const r = cInteger(s, false);
  if (!r.valid) return err(`"${s}" is not a valid number.`);
  if (r.overflow) return err(`"${s}" causes an integer ${s.trim().startsWith('-') ? 'underflow' : 'overflow'}.`);
  if (r.value > max) return err(`"${s}" too big for this field, maximum ${max}.`);
  // Wireshark's 64-bit message says "maximum" here too.
  if (r.value < min) return err(is64Bit(t) ? `"${s}" too small for this field, maximum ${max}.` : `"${s}" too small for this field, minimum ${min}.`);
  return ok(intValue(r.value));
}

/** hex_str_to_bytes() without forced separators: "aa:bb", "aa-bb", "aa.bb", "aabb", "a:b". */
function hexBytes(s: string): Uint8Array | null {
  const out: number[] = [];
  const isSep = (c: string | undefined): boolean => c === ':' || c === '-' || c === '.';
  const isHex = (c: string | undefined): boolean => c !== undefined && /[0-9A-Fa-f]/.test(c);
  let p = 0;
  while (p < s.length) {
    if (isHex(s[p]) && isHex(s[p + 1]) && isHex(s[p + 2]) && isHex(s[p + 3])) {
      out.push(parseInt(s.slice(p, p + 2), 16), parseInt(s.slice(p + 2, p + 4), 16));
      p += 4;
      if (isSep(s[p]) && p + 1 <= s.length) p++;
    } else if (isHex(s[p]) && isHex(s[p + 1])) {
      out.push(parseInt(s.slice(p, p + 2), 16));
      p += 2;
      if (isSep(s[p])) p++;
    } else if (isHex(s[p]) && isSep(s[p + 1])) {
      out.push(parseInt(s[p]!, 16));
      p += 2;
    } else if (isHex(s[p]) && p + 1 === s.length) {
      out.push(parseInt(s[p]!, 16));
      p += 1;
    } else {
      return null;
    }
  }
  return Uint8Array.from(out);
}

/** byte_array_from_literal(): a byte string, also "0xNN" and "0bNNNNNNNN" for one byte. */
export function bytesFromLiteral(literal: string): Parsed {
  let s = literal.startsWith(':') ? literal.slice(1) : literal;
  if (s.length === 4 && s[0] === '0' && (s[1] === 'x' || s[1] === 'X')) s = s.slice(2);
  const bin = /^0[bB]([01][01]{7})$/.exec(s);
  if (bin) return ok(Uint8Array.of(parseInt(bin[1]!, 2)));
  const bytes = hexBytes(s);
  return bytes ? ok(bytes) : err(`"${s}" is not a valid byte string.`);
}

/** inet_pton(AF_INET): exactly four decimal octets, no leading zeros. */
function parseIpv4(s: string): number | null {
  const parts = s.split('.');
  if (parts.length !== 4) return null;
  let v = 0;
  for (const p of parts) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(p) || Number(p) > 255) return null;
    v = v * 256 + Number(p);
  }
  return v;
}

/** inet_pton(AF_INET6), including an embedded IPv4 tail. */
function parseIpv6(s: string): Uint8Array | null {
  let text = s;
  const out = new Uint8Array(16);
  let tail: number[] = [];
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.', lastColon)) {
    const v4 = parseIpv4(text.slice(lastColon + 1));
    if (v4 === null) return null;
    tail = [v4 >>> 24, (v4 >>> 16) & 255, (v4 >>> 8) & 255, v4 & 255];
    text = text.slice(0, lastColon + 1) + '0:0';
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const groups = (h: string): number[] | null => {
    if (h === '') return [];
    const g = h.split(':');
    if (g.some((x) => !/^[0-9A-Fa-f]{1,4}$/.test(x))) return null;
    return g.map((x) => parseInt(x, 16));
  };
  const head = groups(halves[0]!);
  const rest = halves.length === 2 ? groups(halves[1]!) : [];
  if (!head || !rest) return null;
  const total = head.length + rest.length;
  if (halves.length === 1 ? total !== 8 : total > 7) return null;
  const words = [...head, ...new Array<number>(8 - total).fill(0), ...rest];
  words.forEach((w, i) => {
    out[2 * i] = w >> 8;
    out[2 * i + 1] = w & 255;
  });
  if (tail.length) out.set(tail, 12);
  return out;
}

function maskFromBits(bits: number): number {
  return bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
}

function ipv4FromLiteral(s: string): Parsed {
  const slash = s.indexOf('/');
  const addrText = slash >= 0 ? s.slice(0, slash) : s;
  const addr = parseIpv4(addrText);
  if (addr === null) return err(`"${addrText}" is not a valid hostname or IPv4 address.`);
  if (slash < 0) return ok(addr);
  const bits = unsignedFromLiteral(FT.UINT32, s.slice(slash + 1));
  if (!bits.ok) return bits;
  const n = bits.value as number;
  if (n > 32) return err(`Netmask bits in a CIDR IPv4 address should be <= 32, not ${n}`);
  const net: Ipv4Net = { addr, mask: maskFromBits(n) };
  return ok(net);
}

function ipv6FromLiteral(s: string): Parsed {
  const slash = s.indexOf('/');
  const bytes = parseIpv6(slash >= 0 ? s.slice(0, slash) : s);
  if (!bytes) return err(`"${s}" is not a valid hostname or IPv6 address.`);
  if (slash < 0) return ok(bytes);
  const bits = unsignedFromLiteral(FT.UINT32, s.slice(slash + 1));
  if (!bits.ok) return bits;
  const n = bits.value as number;
  if (n > 128) return err(`Prefix in a IPv6 address should be <= 128, not ${n}`);
  const net: Ipv6Net = { bytes, prefix: n };
  return ok(net);
}

/** g_ascii_strtod() accepting the whole text. */
function floatFromLiteral(s: string): Parsed {
  const m = /^[ \t\n\v\f\r]*[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|0[xX](?:[0-9A-Fa-f]+\.?[0-9A-Fa-f]*|\.[0-9A-Fa-f]+)(?:[pP][+-]?\d+)?|inf(?:inity)?|nan)$/i.exec(s);
  if (!m) return err(`"${s}" is not a valid floating-point number.`);
  const t = s.trim().toLowerCase();
  const sign = t.startsWith('-') ? -1 : 1;
  const body = t.replace(/^[+-]/, '');
  let v: number;
  if (body.startsWith('inf')) v = Infinity;
  else if (body === 'nan') v = NaN;
  else if (body.startsWith('0x')) {
    const hm = /^0x([0-9a-f]*)\.?([0-9a-f]*)(?:p([+-]?\d+))?$/.exec(body)!;
    const mant = parseInt(hm[1] || '0', 16) + (hm[2] ? parseInt(hm[2], 16) / 16 ** hm[2].length : 0);
    v = mant * 2 ** Number(hm[3] ?? 0);
  } else v = Number(body);
  v *= sign;
  if (!Number.isFinite(v) && !body.startsWith('inf') && body !== 'nan') return err(`"${s}" causes floating-point overflow.`);
  return ok(v);
}

/** A GUID in its usual text form (or as plain hex bytes). */
function guidFromLiteral(s: string): Parsed {
  const m = /^([0-9A-Fa-f]{8})-([0-9A-Fa-f]{4})-([0-9A-Fa-f]{4})-([0-9A-Fa-f]{4})-([0-9A-Fa-f]{12})$/.exec(s);
  const bytes = m ? hexBytes(m.slice(1).join('')) : hexBytes(s);
  return bytes && bytes.length === 16 ? ok(bytes) : err(`"${s}" is not a valid GUID.`);
}

/** oid_str_to_bytes(): "1.3.6.1" in BER encoding. */
function oidFromLiteral(s: string): Parsed {
  const invalid = err(`"${s}" is not a valid OBJECT IDENTIFIER.`);
  if (!/^\d+(\.\d+)+$/.test(s)) return invalid;
  const arcs = s.split('.').map(BigInt);
  if (arcs[0]! > 2n) return invalid;
  const subids = [arcs[0]! * 40n + arcs[1]!, ...arcs.slice(2)];
  const out: number[] = [];
  for (const id of subids) {
    const chunk: number[] = [Number(id & 0x7fn)];
    for (let v = id >> 7n; v > 0n; v >>= 7n) chunk.unshift(Number(v & 0x7fn) | 0x80);
    out.push(...chunk);
  }
  return ok(Uint8Array.from(out));
}

function eui64FromLiteral(s: string): Parsed {
  const n = unsignedFromLiteral(FT.UINT64, s);
  if (n.ok) return n;
  const bytes = hexBytes(s);
  if (!bytes || bytes.length !== 8) return err(`"${s}" is not a valid EUI-64 address.`);
  let v = 0n;
  for (const b of bytes) v = (v << 8n) | BigInt(b);
  return ok(intValue(v));
}

/** fvalue_from_literal(): an unquoted value as the type `t`. */
export function valueFromLiteral(t: FieldType, s: string, allowPartial: boolean): Parsed {
  switch (t) {
    case FT.BOOLEAN:
      if (s === 'True' || s === 'TRUE') return ok(1);
      if (s === 'False' || s === 'FALSE') return ok(0);
      return mapOk(unsignedFromLiteral(FT.UINT64, s), (v) => (v === 0 ? 0 : 1));
    case FT.EUI64: return eui64FromLiteral(s);
    case FT.FLOAT: case FT.DOUBLE: return floatFromLiteral(s);
    case FT.IPv4: return ipv4FromLiteral(s);
    case FT.IPv6: return ipv6FromLiteral(s);
    case FT.ETHER: {
      const b = bytesFromLiteral(s);
      if (!b.ok) return err(`"${s}" is not a valid Ethernet address.`);
      const n = (b.value as Uint8Array).length;
      if (n > 6) return err(`"${s}" contains too many bytes to be a valid Ethernet address.`);
      if (n < 6 && !allowPartial) return err(`"${s}" contains too few bytes to be a valid Ethernet address.`);
      return b;
    }
    case FT.BYTES: case FT.UINT_BYTES: case FT.PROTOCOL: return bytesFromLiteral(s);
    case FT.GUID: return guidFromLiteral(s);
    case FT.OID: return oidFromLiteral(s);
    case FT.STRING: case FT.STRINGZ: case FT.UINT_STRING: case FT.STRINGZPAD: return ok(s);
    case FT.ABSOLUTE_TIME: return absoluteTime(s);
    case FT.RELATIVE_TIME: return relativeTime(s);
    case FT.NONE: return err(`"${s}" cannot be converted to ${prettyName(t)}.`);
    default:
      return isUnsigned(t) ? unsignedFromLiteral(t, s) : signedFromLiteral(t, s);
  }
}

function mapOk(p: Parsed, f: (v: Value) => Value): Parsed {
  return p.ok ? ok(f(p.value)) : p;
}

const utf8Decoder = new TextDecoder();

/** The bytes of a quoted string as a JS string (invalid UTF-8 becomes U+FFFD, as the dissectors store it). */
export function stringOfBytes(bytes: Uint8Array): string {
  return utf8Decoder.decode(bytes);
}

/** The C string a message quotes: the bytes up to the first NUL. */
function cString(bytes: Uint8Array): string {
  const nul = bytes.indexOf(0);
  return stringOfBytes(nul >= 0 ? bytes.subarray(0, nul) : bytes);
}

/** fvalue_from_string(): a quoted string as the type `t`. */
export function valueFromString(t: FieldType, bytes: Uint8Array): Parsed {
  switch (familyOf(t)) {
    case Family.String: return ok(stringOfBytes(bytes));
    case Family.Protocol: return ok(bytes);
    default:
      if (t === FT.BYTES) return ok(bytes);
      if (t === FT.ABSOLUTE_TIME) return absoluteTime(cString(bytes));
      return err(`${prettyName(t)} cannot be converted from a string ("${cString(bytes)}").`);
  }
}

/** fvalue_from_charconst(): a character constant as the type `t`. */
export function valueFromCharConst(t: FieldType, n: number): Parsed {
  const tooLarge = err(`${n} is too large for a byte value`);
  switch (t) {
    case FT.STRING: case FT.STRINGZ: case FT.UINT_STRING: case FT.STRINGZPAD:
      return n > 0xff ? tooLarge : ok(stringOfBytes(Uint8Array.of(n)));
    case FT.BYTES: case FT.PROTOCOL:
      return n > 0xff ? tooLarge : ok(Uint8Array.of(n));
    case FT.BOOLEAN:
      return ok(n === 0 ? 0 : 1);
    default:
      if (familyOf(t) === Family.Int && t !== FT.EUI64) return ok(isUnsigned(t) ? n : n | 0);
      if (t === FT.EUI64) return ok(n);
      return err(
        n <= 0x7f && n >= 0x20 && n < 0x7f
          ? `Character constant '${String.fromCharCode(n)}' (0x${n.toString(16)}) cannot be converted to ${prettyName(t)}.`
          : `Character constant 0x${n.toString(16)} cannot be converted to ${prettyName(t)}.`,
      );
  }
}
