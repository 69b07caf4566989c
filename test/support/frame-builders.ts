/**
 * Hand-made Ethernet frames for tests: IPv4 (with a correct
 * header checksum, fragments allowed), IPv6 (with a fragment header), TCP
 * and UDP. Transport checksums are left zero: neither netdissect nor
 * tshark verifies them by default.
 */
import { LINKTYPE_ETHERNET, type RawPacket } from '@netdissect/core';

export type Ip = readonly number[];

export const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
/** Bytes of a string whose characters are all below 256, one byte each (control characters included). */
export const latin1 = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff);

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

/** The Internet checksum (RFC 1071) of `b`, ready to store: what hand-made IPv4 headers and ICMP/IGMP messages carry. */
export function checksum(b: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < b.length; i += 2) sum += (b[i]! << 8) | (b[i + 1] ?? 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

/** Source and destination MAC addresses of a frame. */
export interface Macs {
  readonly src: readonly number[];
  readonly dst: readonly number[];
}

const DEFAULT_MACS: Macs = { dst: [0x02, 0, 0, 0, 0, 0x02], src: [0x02, 0, 0, 0, 0, 0x01] };

export function ethernet(type: number, payload: Uint8Array, macs: Macs = DEFAULT_MACS): Uint8Array {
  const h = new Uint8Array(14);
  h.set(macs.dst, 0);
  h.set(macs.src, 6);
  h[12] = type >> 8;
  h[13] = type & 0xff;
  return concat(h, payload);
}

export interface Ipv4Options {
  readonly src: Ip;
  readonly dst: Ip;
  readonly protocol: number;
  readonly id?: number;
  /** Fragment offset in bytes (a multiple of 8). */
  readonly fragmentOffset?: number;
  readonly moreFragments?: boolean;
  /** Overrides the total length field (default: header + payload). */
  readonly totalLength?: number;
}

export function ipv4(o: Ipv4Options, payload: Uint8Array): Uint8Array {
  const h = new Uint8Array(20);
  const dv = new DataView(h.buffer);
  h[0] = 0x45;
  dv.setUint16(2, o.totalLength ?? 20 + payload.length);
  dv.setUint16(4, o.id ?? 1);
  dv.setUint16(6, ((o.moreFragments ? 0x2000 : 0) | ((o.fragmentOffset ?? 0) >> 3)) & 0xffff);
  h[8] = 64;
  h[9] = o.protocol;
  h.set(o.src, 12);
  h.set(o.dst, 16);
  dv.setUint16(10, checksum(h));
  return concat(h, payload);
}

export interface Ipv6Options {
  readonly src: Ip;
  readonly dst: Ip;
  readonly nextHeader: number;
  /** When set, a fragment header goes first (next header 44). */
  readonly fragment?: { readonly offset: number; readonly more: boolean; readonly id: number };
}

export function ipv6(o: Ipv6Options, payload: Uint8Array): Uint8Array {
  const frag = o.fragment
    ? (() => {
        const f = new Uint8Array(8);
        const dv = new DataView(f.buffer);
        f[0] = o.nextHeader;
        dv.setUint16(2, (o.fragment.offset & 0xfff8) | (o.fragment.more ? 1 : 0));
        dv.setUint32(4, o.fragment.id);
        return f;
      })()
    : new Uint8Array(0);
  const h = new Uint8Array(40);
  const dv = new DataView(h.buffer);
  h[0] = 0x60;
  dv.setUint16(4, frag.length + payload.length);
  h[6] = o.fragment ? 44 : o.nextHeader;
  h[7] = 64;
  h.set(o.src, 8);
  h.set(o.dst, 24);
  return concat(h, frag, payload);
}

export interface TcpOptions {
  readonly sport: number;
  readonly dport: number;
  readonly seq: number;
  readonly ack: number;
  /** SYN 0x02, ACK 0x10, PSH|ACK 0x18, FIN|ACK 0x11, RST 0x04. */
  readonly flags: number;
  /** Option bytes, padded with zeros (EOL) to a multiple of four. */
  readonly options?: readonly number[];
}

export function tcp(o: TcpOptions, payload: Uint8Array = new Uint8Array(0)): Uint8Array {
  const optionBytes = o.options ?? [];
  const headerLength = 20 + Math.ceil(optionBytes.length / 4) * 4;
  const h = new Uint8Array(headerLength);
  const dv = new DataView(h.buffer);
  dv.setUint16(0, o.sport);
  dv.setUint16(2, o.dport);
  dv.setUint32(4, o.seq >>> 0);
  dv.setUint32(8, o.ack >>> 0);
  h.set(optionBytes, 20);
  h[12] = (headerLength / 4) << 4;
  h[13] = o.flags;
  dv.setUint16(14, 65535);
  return concat(h, payload);
}

export function udp(sport: number, dport: number, payload: Uint8Array): Uint8Array {
  const h = new Uint8Array(8);
  const dv = new DataView(h.buffer);
  dv.setUint16(0, sport);
  dv.setUint16(2, dport);
  dv.setUint16(4, 8 + payload.length);
  return concat(h, payload);
}

/** Frames as RawPackets numbered from 1, `intervalMs` apart (one millisecond unless told), the first at `startSec`. */
export function packets(frames: readonly Uint8Array[], intervalMs = 1, startSec = 1_700_000_000): RawPacket[] {
  return frames.map((bytes, i) => ({
    no: i + 1,
    tsSec: startSec + Math.floor((i * intervalMs) / 1000),
    tsNsec: ((i * intervalMs) % 1000) * 1_000_000,
    tsPrecision: 6,
    caplen: bytes.length,
    len: bytes.length,
    linktype: LINKTYPE_ETHERNET,
    interfaceId: 0,
    bytes,
    dataOffset: -1,
  }));
}

export { concat };
