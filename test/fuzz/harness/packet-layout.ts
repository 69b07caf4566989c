/**
 * Where the headers and length fields of a frame are, found with just
 * enough parsing to aim mutations (link layer -> IPv4/IPv6 -> TCP/UDP ->
 * payload). Deliberately independent of the dissectors under test.
 */

export interface IpLayout {
  readonly offset: number;
  readonly version: 4 | 6;
  readonly headerLen: number;
  /** Next-layer protocol (after IPv6 extension headers). */
  readonly protocol: number;
  /** Where the datagram ends in the frame (by its length field, clipped to the frame). */
  readonly end: number;
}

export interface TransportLayout {
  readonly kind: 'tcp' | 'udp';
  readonly offset: number;
  readonly headerLen: number;
  readonly srcPort: number;
  readonly dstPort: number;
}

export interface PacketLayout {
  readonly ip: IpLayout | null;
  readonly transport: TransportLayout | null;
  /** The transport payload (or IP payload for other protocols); null without IP. */
  readonly payload: { readonly offset: number; readonly end: number } | null;
}

const ETHERTYPE_IPV4 = 0x0800;
const ETHERTYPE_IPV6 = 0x86dd;
const VLAN_TYPES = new Set([0x8100, 0x88a8, 0x9100]);
const IPV6_EXTENSIONS = new Set([0, 43, 60]);
const IPV6_FRAGMENT = 44;

export function u16(b: Uint8Array, off: number): number {
  return ((b[off] ?? 0) << 8) | (b[off + 1] ?? 0);
}

export function u32(b: Uint8Array, off: number): number {
  return (((b[off] ?? 0) << 24) | ((b[off + 1] ?? 0) << 16) | ((b[off + 2] ?? 0) << 8) | (b[off + 3] ?? 0)) >>> 0;
}

export function setU16(b: Uint8Array, off: number, v: number): void {
  if (off + 2 > b.length) return;
  b[off] = (v >>> 8) & 0xff;
  b[off + 1] = v & 0xff;
}

export function setU32(b: Uint8Array, off: number, v: number): void {
  if (off + 4 > b.length) return;
  b[off] = (v >>> 24) & 0xff;
  b[off + 1] = (v >>> 16) & 0xff;
  b[off + 2] = (v >>> 8) & 0xff;
  b[off + 3] = v & 0xff;
}

/** Offset of the network header and its ethertype-style type (0 = raw IP, version from the header). */
function networkStart(b: Uint8Array, linktype: number): { offset: number; type: number } | null {
  switch (linktype) {
    case 1: {
      let off = 12;
      let type = u16(b, off);
      off += 2;
      while (VLAN_TYPES.has(type) && off + 4 <= b.length) {
        type = u16(b, off + 2);
        off += 4;
      }
      return { offset: off, type };
    }
    case 113:
      return { offset: 16, type: u16(b, 14) };
    case 276:
      return { offset: 20, type: u16(b, 0) };
    case 0:
    case 108: {
      // The address family is in the writer's byte order (NULL) or big-endian (LOOP): accept either.
      const families = [u32(b, 0), ((b[0] ?? 0) | ((b[1] ?? 0) << 8) | ((b[2] ?? 0) << 16) | ((b[3] ?? 0) << 24)) >>> 0];
      if (families.includes(2)) return { offset: 4, type: ETHERTYPE_IPV4 };
      if (families.some((f) => f === 24 || f === 28 || f === 30)) return { offset: 4, type: ETHERTYPE_IPV6 };
      return null;
    }
    case 12:
    case 14:
    case 101:
    case 228:
    case 229:
      return { offset: 0, type: 0 };
    default:
      return null;
  }
}

function ipAt(b: Uint8Array, off: number, type: number): IpLayout | null {
  if (off >= b.length) return null;
  const version = type === ETHERTYPE_IPV4 ? 4 : type === ETHERTYPE_IPV6 ? 6 : type === 0 ? (b[off]! >> 4) : -1;
  if (version === 4) {
    const headerLen = (b[off]! & 0x0f) * 4;
    if (headerLen < 20 || off + headerLen > b.length) return null;
    const total = u16(b, off + 2);
    const fragOffset = u16(b, off + 6) & 0x1fff;
    // Only the first fragment carries the transport header.
    const protocol = fragOffset === 0 ? b[off + 9]! : -1;
    return { offset: off, version: 4, headerLen, protocol, end: Math.min(b.length, off + Math.max(total, headerLen)) };
  }
  if (version === 6) {
    if (off + 40 > b.length) return null;
    let next = b[off + 6]!;
    let hdr = off + 40;
    while (hdr + 8 <= b.length && (IPV6_EXTENSIONS.has(next) || next === IPV6_FRAGMENT)) {
      if (next === IPV6_FRAGMENT) {
        if ((u16(b, hdr + 2) & 0xfff8) !== 0) return { offset: off, version: 6, headerLen: hdr - off, protocol: -1, end: ipv6End(b, off) };
        next = b[hdr]!;
        hdr += 8;
      } else {
        next = b[hdr]!;
        hdr += (b[hdr + 1]! + 1) * 8;
      }
    }
    return { offset: off, version: 6, headerLen: hdr - off, protocol: next, end: ipv6End(b, off) };
  }
  return null;
}

function ipv6End(b: Uint8Array, off: number): number {
  return Math.min(b.length, off + 40 + u16(b, off + 4));
}

/** Locate the layers of one frame. Anything unrecognised leaves the deeper layers null. */
export function locateLayers(b: Uint8Array, linktype: number): PacketLayout {
  const net = networkStart(b, linktype);
  const ip = net ? ipAt(b, net.offset, net.type) : null;
  if (!ip) return { ip: null, transport: null, payload: null };
  const t = ip.offset + ip.headerLen;
  if (ip.protocol === 6 && t + 20 <= ip.end) {
    const headerLen = Math.max(20, (b[t + 12]! >> 4) * 4);
    const transport: TransportLayout = { kind: 'tcp', offset: t, headerLen, srcPort: u16(b, t), dstPort: u16(b, t + 2) };
    return { ip, transport, payload: { offset: Math.min(ip.end, t + headerLen), end: ip.end } };
  }
  if (ip.protocol === 17 && t + 8 <= ip.end) {
    const transport: TransportLayout = { kind: 'udp', offset: t, headerLen: 8, srcPort: u16(b, t), dstPort: u16(b, t + 2) };
    return { ip, transport, payload: { offset: t + 8, end: ip.end } };
  }
  return { ip, transport: null, payload: { offset: Math.min(t, ip.end), end: ip.end } };
}

/**
 * A copy of the frame with its payload replaced, IP and UDP lengths made to
 * agree with the new size so the dissectors look at the new bytes.
 */
export function withPayload(b: Uint8Array, layout: PacketLayout, payload: Uint8Array): Uint8Array {
  const p = layout.payload;
  const ip = layout.ip;
  if (!p || !ip) return b;
  const out = new Uint8Array(p.offset + payload.length + (b.length - p.end));
  out.set(b.subarray(0, p.offset));
  out.set(payload, p.offset);
  out.set(b.subarray(p.end), p.offset + payload.length);
  const delta = payload.length - (p.end - p.offset);
  if (ip.version === 4) setU16(out, ip.offset + 2, Math.min(0xffff, u16(b, ip.offset + 2) + delta));
  else setU16(out, ip.offset + 4, Math.min(0xffff, u16(b, ip.offset + 4) + delta));
  const tr = layout.transport;
  if (tr?.kind === 'udp') setU16(out, tr.offset + 4, Math.min(0xffff, u16(b, tr.offset + 4) + delta));
  return out;
}
