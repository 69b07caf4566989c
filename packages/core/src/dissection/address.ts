/** Address kinds the link and network layers put into PacketInfo. */
export const AddressType = {
  NONE: 0,
  ETHER: 1,
  IPv4: 2,
  IPv6: 3,
} as const;
export type AddressType = (typeof AddressType)[keyof typeof AddressType];

/**
 * A link or network address. `bytes` may be a view into the frame; call
 * `detach()` before keeping it beyond the frame.
 */
export class Address {
  private str: string | null = null;

  constructor(
    readonly type: AddressType,
    readonly bytes: Uint8Array,
  ) {}

  static readonly NONE = new Address(AddressType.NONE, new Uint8Array(0));

  static ipv4(n: number): Address {
    const b = new Uint8Array(4);
    b[0] = n >>> 24; b[1] = (n >>> 16) & 255; b[2] = (n >>> 8) & 255; b[3] = n & 255;
    return new Address(AddressType.IPv4, b);
  }

  /** A copy that does not point into the frame, for state kept across frames. */
  detach(): Address {
    return new Address(this.type, poolCopy(this.bytes));
  }

  /** An IPv4 address's 32 bits as a signed integer (meaningless for other types). */
  get ipv4Bits(): number {
    const b = this.bytes;
    return (b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!;
  }

  /** A compact string usable as a map key, unique per (type, bytes). */
  get key(): string {
    const b = this.bytes;
    if (this.type === AddressType.IPv4) return `4:${((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0}`;
    let s = `${this.type}:`;
    for (let i = 0; i < b.length; i++) s += String.fromCharCode(b[i]!);
    return s;
  }

  equals(o: Address): boolean {
    if (o.type !== this.type || o.bytes.length !== this.bytes.length) return false;
    for (let i = 0; i < this.bytes.length; i++) if (o.bytes[i] !== this.bytes[i]) return false;
    return true;
  }

  /** Compare for ordering (conversation tables order endpoints like Wireshark's cmp_address). */
  compare(o: Address): number {
    if (this.type !== o.type) return this.type - o.type;
    const n = Math.min(this.bytes.length, o.bytes.length);
    for (let i = 0; i < n; i++) if (this.bytes[i] !== o.bytes[i]) return this.bytes[i]! - o.bytes[i]!;
    return this.bytes.length - o.bytes.length;
  }

  toString(): string {
    if (this.str !== null) return this.str;
    let s: string;
    switch (this.type) {
      case AddressType.IPv4: s = formatIPv4Bytes(this.bytes, 0); break;
      case AddressType.IPv6: s = formatIPv6(this.bytes, 0); break;
      case AddressType.ETHER: s = formatEther(this.bytes, 0); break;
      default: s = '';
    }
    this.str = s;
    return s;
  }
}

// Kept addresses share slabs instead of owning an ArrayBuffer each (~200 bytes saved per address).
let slab = new Uint8Array(65536);
let slabUsed = 0;

function poolCopy(b: Uint8Array): Uint8Array {
  if (b.length > 64) return b.slice();
  if (slabUsed + b.length > slab.length) {
    slab = new Uint8Array(65536);
    slabUsed = 0;
  }
  const out = slab.subarray(slabUsed, slabUsed + b.length);
  out.set(b);
  slabUsed += b.length;
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
