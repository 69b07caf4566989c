import { Family } from './ftype-info.js';

/**
 * Run-time values, one JS representation per family (see Family):
 * integers are number | bigint, booleans 0 | 1, IPv4 addresses a u32
 * number or an Ipv4Net, IPv6 addresses 16 bytes or an Ipv6Net, byte
 * sequences Uint8Array, strings JS strings, times TimeValue, protocols
 * ProtocolValue.
 */
export type Value = unknown;

/** An IPv4 address with a netmask (a CIDR literal such as 10.0.0.0/8). */
export interface Ipv4Net {
  readonly addr: number;
  readonly mask: number;
}

/** An IPv6 address with a prefix length (2001:db8::/32). */
export interface Ipv6Net {
  readonly bytes: Uint8Array;
  readonly prefix: number;
}

export interface TimeValue {
  readonly sec: number;
  readonly nsec: number;
}

/**
 * A protocol item: its own bytes (what slices and == see) and the bytes
 * from its start to the end of its data source (what contains and
 * matches search, as Wireshark searches the protocol's whole tvb).
 */
export interface ProtocolValue {
  readonly item: Uint8Array;
  readonly rest: Uint8Array;
}

/** A comparison result: <0, 0, >0, or NaN when the values cannot be compared (FT_BADARG). */
export type Order = number;

const INT64_MAX = (1n << 63n) - 1n;

export function compareInt(a: number | bigint, b: number | bigint, unsignedLhs: boolean): Order {
  // Unsigned comparisons cannot take a negative operand, signed ones a value above 2^63-1.
  if (unsignedLhs && a >= 0 && b < 0) return NaN;
  if (!unsignedLhs && typeof b === 'bigint' && b > INT64_MAX) return NaN;
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareBool(a: number, b: number): Order {
  return a ? (b ? 0 : 1) : b ? -1 : 0;
}

function compareFloat(a: number, b: number): Order {
  return a < b ? -1 : a > b ? 1 : 0;
}

function ipv4Parts(v: Value): [number, number] {
  return typeof v === 'number' ? [v, 0xffffffff] : [(v as Ipv4Net).addr, (v as Ipv4Net).mask];
}

/** Compare under the less restrictive of the two netmasks, so 10.1.2.3 == 10.0.0.0/8. */
export function compareIpv4(a: Value, b: Value): Order {
  const [aa, am] = ipv4Parts(a);
  const [ba, bm] = ipv4Parts(b);
  const mask = Math.min(am, bm);
  const x = (aa & mask) >>> 0;
  const y = (ba & mask) >>> 0;
  return x < y ? -1 : x > y ? 1 : 0;
}

function ipv6Parts(v: Value): [Uint8Array, number] {
  return v instanceof Uint8Array ? [v, 128] : [(v as Ipv6Net).bytes, (v as Ipv6Net).prefix];
}

export function compareIpv6(a: Value, b: Value): Order {
  const [ab, ap] = ipv6Parts(a);
  const [bb, bp] = ipv6Parts(b);
  let prefix = Math.min(ap, bp, 128);
  let i = 0;
  for (; prefix >= 8; prefix -= 8, i++) {
    const d = (ab[i] ?? 0) - (bb[i] ?? 0);
    if (d !== 0) return d;
  }
  if (prefix > 0) {
    const m = (0xff00 >> prefix) & 0xff;
    return ((ab[i] ?? 0) & m) - ((bb[i] ?? 0) & m);
  }
  return 0;
}

/** Shorter sequences sort first; equal lengths compare byte by byte. */
export function compareBytes(a: Uint8Array, b: Uint8Array): Order {
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

function compareString(a: string, b: string): Order {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** nstime_cmp(), including its truncation of the seconds difference to a C int. */
export function compareTime(a: TimeValue, b: TimeValue): Order {
  return a.sec !== b.sec ? (a.sec - b.sec) | 0 : a.nsec - b.nsec;
}

/** The comparison for values of a family (the family of the left-hand side decides, as in Wireshark). */
export function comparatorFor(family: Family, unsignedLhs: boolean): (a: Value, b: Value) => Order {
  switch (family) {
    case Family.Int: return (a, b) => compareInt(a as number | bigint, b as number | bigint, unsignedLhs);
    case Family.Bool: return (a, b) => compareBool(a as number, b as number);
    case Family.Float: return (a, b) => compareFloat(a as number, b as number);
    case Family.IPv4: return compareIpv4;
    case Family.IPv6: return compareIpv6;
    case Family.Bytes: return (a, b) => compareBytes(a as Uint8Array, b as Uint8Array);
    case Family.String: return (a, b) => compareString(a as string, b as string);
    case Family.Time: return (a, b) => compareTime(a as TimeValue, b as TimeValue);
    case Family.Protocol: return (a, b) => compareBytes(protocolItem(a), protocolItem(b));
    case Family.None: return () => NaN;
  }
}

function protocolItem(v: Value): Uint8Array {
  return v instanceof Uint8Array ? v : (v as ProtocolValue).item;
}

/** Index of `needle` in `hay`, or -1 (an empty needle is found at 0). */
function indexOfBytes(hay: Uint8Array, needle: Uint8Array): number {
  const n = needle.length;
  if (n === 0) return 0;
  if (n === 1) return hay.indexOf(needle[0]!);
  const first = needle[0]!;
  const last = hay.length - n;
  for (let i = hay.indexOf(first); i !== -1 && i <= last; i = hay.indexOf(first, i + 1)) {
    let j = 1;
    while (j < n && hay[i + j] === needle[j]) j++;
    if (j === n) return i;
  }
  return -1;
}

/** cmp_contains() per family; false for families that cannot contain. */
export function containsFor(family: Family): (a: Value, b: Value) => boolean {
  switch (family) {
    // An empty string is never contained; an empty byte string always is.
    case Family.String: return (a, b) => (b as string).length > 0 && (a as string).includes(b as string);
    case Family.Bytes: return (a, b) => indexOfBytes(a as Uint8Array, b as Uint8Array) >= 0;
    case Family.Protocol: return (a, b) => indexOfBytes((a as ProtocolValue).rest, protocolItem(b)) >= 0;
    default: return () => false;
  }
}

/** The bytes of a value as one-byte characters, for regular expressions over binary data. */
export function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
}
