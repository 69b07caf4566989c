import { mixWord } from './endpoint-pair-hash.js';

/** Address kinds the link and network layers put into PacketInfo. */
export const AddressType = {
  NONE: 0,
  ETHER: 1,
  IPv4: 2,
  IPv6: 3,
} as const;
export type AddressType = (typeof AddressType)[keyof typeof AddressType];

/**
 * A link or network address. Its bytes may lie inside the frame (see `at`);
 * call `detach()` before keeping it beyond the frame.
 */
export class Address {
  private str: string | null = null;
  /** The address is buf[off, off + len): no view object per address on the first pass. */
  private buf: Uint8Array;
  private off: number;
  private len: number;
  private view: Uint8Array | null;

  constructor(
    readonly type: AddressType,
    bytes: Uint8Array,
  ) {
    this.buf = bytes;
    this.off = 0;
    this.len = bytes.length;
    this.view = bytes;
  }

  /** The address at `buf[off, off + len)`, without copying (the frame's bytes, usually). */
  static at(type: AddressType, buf: Uint8Array, off: number, len: number): Address {
    const a = new Address(type, buf);
    a.off = off;
    a.len = len;
    a.view = null;
    return a;
  }

  static readonly NONE = new Address(AddressType.NONE, new Uint8Array(0));

  /**
   * No address, shown as "N/A": links without addresses (raw IP, BSD
   * loopback) write it into the Source and Destination columns, where it
   * stays until a network layer sets its own.
   */
  static readonly NOT_APPLICABLE = Address.shownAs('N/A');

  private static shownAs(text: string): Address {
    const a = new Address(AddressType.NONE, new Uint8Array(0));
    a.str = text;
    return a;
  }

  static ipv4(n: number): Address {
    const b = new Uint8Array(4);
    b[0] = n >>> 24; b[1] = (n >>> 16) & 255; b[2] = (n >>> 8) & 255; b[3] = n & 255;
    return new Address(AddressType.IPv4, b);
  }

  /** The address bytes (a view, made on first use). */
  get bytes(): Uint8Array {
    return (this.view ??= this.buf.subarray(this.off, this.off + this.len));
  }

  /** A copy that does not point into the frame, for state kept across frames. */
  detach(): Address {
    return new Address(this.type, poolCopy(this.buf, this.off, this.len));
  }

  /** An IPv4 address's 32 bits as a signed integer (meaningless for other types). */
  get ipv4Bits(): number {
    return this.word(0);
  }

  /** The address's 32-bit word `i` (bytes 4i to 4i + 3, big-endian) as a signed integer: word 0 of an IPv4 address is ipv4Bits. */
  word(i: number): number {
    const b = this.buf;
    const o = this.off + 4 * i;
    return (b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!;
  }

  /** Mixes the type, length and bytes into a running hash (conversations key endpoint pairs by a small integer). */
  mixInto(h: number): number {
    const b = this.buf;
    let i = this.off;
    const end = i + this.len;
    h = mixWord(h, (this.type << 16) | this.len);
    for (; i + 4 <= end; i += 4) h = mixWord(h, (b[i]! << 24) | (b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!);
    if (i < end) {
      let k = 0;
      for (; i < end; i++) k = (k << 8) | b[i]!;
      h = mixWord(h, k);
    }
    return h;
  }

  /** A compact string usable as a map key, unique per (type, bytes). */
  get key(): string {
    if (this.type === AddressType.IPv4) return `4:${this.ipv4Bits >>> 0}`;
    const b = this.buf;
    let s = `${this.type}:`;
    for (let i = this.off, end = this.off + this.len; i < end; i++) s += String.fromCharCode(b[i]!);
    return s;
  }

  equals(o: Address): boolean {
    if (o.type !== this.type || o.len !== this.len) return false;
    const a = this.buf, b = o.buf;
    for (let i = 0, p = this.off, q = o.off; i < this.len; i++) if (a[p + i] !== b[q + i]) return false;
    return true;
  }

  /** Compare for ordering (conversation tables order endpoints like Wireshark's cmp_address). */
  compare(o: Address): number {
    if (this.type !== o.type) return this.type - o.type;
    const n = Math.min(this.len, o.len);
    const a = this.buf, b = o.buf;
    for (let i = 0; i < n; i++) if (a[this.off + i] !== b[o.off + i]) return a[this.off + i]! - b[o.off + i]!;
    return this.len - o.len;
  }

  toString(): string {
    if (this.str !== null) return this.str;
    let s: string;
    switch (this.type) {
      case AddressType.IPv4: s = formatIPv4Bytes(this.buf, this.off); break;
      case AddressType.IPv6: s = formatIPv6(this.buf, this.off); break;
      case AddressType.ETHER: s = formatEther(this.buf, this.off); break;
      default: s = '';
    }
    this.str = s;
    return s;
  }
}

// Kept addresses share slabs instead of owning an ArrayBuffer each (~200 bytes saved per address).
let slab = new Uint8Array(65536);
let slabUsed = 0;

function poolCopy(b: Uint8Array, off: number, len: number): Uint8Array {
  if (len > 64) return b.slice(off, off + len);
  if (slabUsed + len > slab.length) {
    slab = new Uint8Array(65536);
    slabUsed = 0;
  }
  const out = slab.subarray(slabUsed, slabUsed + len);
  for (let i = 0; i < len; i++) out[i] = b[off + i]!;
  slabUsed += len;
  return out;
}

export function formatIPv4(n: number): string {
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

export function formatIPv4Bytes(b: Uint8Array, off: number): string {
  return `${b[off]}.${b[off + 1]}.${b[off + 2]}.${b[off + 3]}`;
}

const HEX2: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function hex2(byte: number): string {
  return HEX2[byte & 255]!;
}

/** "00:10:db:88:d2:ef" */
export function formatEther(b: Uint8Array, off: number): string {
  return `${HEX2[b[off]!]}:${HEX2[b[off + 1]!]}:${HEX2[b[off + 2]!]}:${HEX2[b[off + 3]!]}:${HEX2[b[off + 4]!]}:${HEX2[b[off + 5]!]}`;
}

/** Bytes joined by a separator, lower-case hex ("aa:bb:cc", or "aabbcc" with ''). */
export function formatHexBytes(b: Uint8Array, sep = ''): string {
  let s = '';
  for (let i = 0; i < b.length; i++) {
    if (i > 0 && sep) s += sep;
    s += HEX2[b[i]!];
  }
  return s;
}

/**
 * RFC 5952 text, as glibc's inet_ntop writes it (which Wireshark uses):
 * longest run of two or more zero groups becomes "::", and the
 * IPv4-compatible and IPv4-mapped forms keep a dotted quad.
 */
export function formatIPv6(b: Uint8Array, off: number): string {
  const words: number[] = new Array(8);
  for (let i = 0; i < 8; i++) words[i] = (b[off + 2 * i]! << 8) | b[off + 2 * i + 1]!;
  let bestBase = -1, bestLen = 0, curBase = -1, curLen = 0;
  for (let i = 0; i < 8; i++) {
    if (words[i] === 0) {
      if (curBase === -1) { curBase = i; curLen = 1; } else curLen++;
    } else if (curBase !== -1) {
      if (bestBase === -1 || curLen > bestLen) { bestBase = curBase; bestLen = curLen; }
      curBase = -1;
    }
  }
  if (curBase !== -1 && (bestBase === -1 || curLen > bestLen)) { bestBase = curBase; bestLen = curLen; }
  if (bestBase !== -1 && bestLen < 2) bestBase = -1;
  let s = '';
  for (let i = 0; i < 8; i++) {
    if (bestBase !== -1 && i >= bestBase && i < bestBase + bestLen) {
      if (i === bestBase) s += ':';
      continue;
    }
    if (i !== 0) s += ':';
    if (i === 6 && bestBase === 0 && (bestLen === 6 || (bestLen === 5 && words[5] === 0xffff))) {
      s += `${b[off + 12]}.${b[off + 13]}.${b[off + 14]}.${b[off + 15]}`;
      break;
    }
    s += words[i]!.toString(16);
  }
  if (bestBase !== -1 && bestBase + bestLen === 8) s += ':';
  return s;
}
