// ICMP messages and UDP datagrams for hand-made test captures, with their
// checksums (over the IPv6 pseudo-header for ICMPv6 and UDP over IPv6, RFC
// 8200 8.1), so that neither tshark nor netdissect reports them as bad.
import { checksum } from '../../../../test/support/frame-builders.js';

function pseudoHeaderChecksum(src: readonly number[], dst: readonly number[], nextHeader: number, message: Uint8Array): number {
  const n = message.length;
  return checksum([...src, ...dst, (n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff, 0, 0, 0, nextHeader, ...message]);
}

/** An ICMPv4 message (type, code, the rest after the checksum) with its checksum. */
export function icmpv4Message(type: number, code: number, rest: readonly number[] | Uint8Array): Uint8Array {
  const m = Uint8Array.from([type, code, 0, 0, ...rest]);
  const sum = checksum(m);
  m[2] = sum >> 8;
  m[3] = sum & 0xff;
  return m;
}

/** An ICMPv6 message (type, code, the rest after the checksum) with its checksum. */
export function icmpv6Message(src: readonly number[], dst: readonly number[], type: number, code: number, rest: readonly number[] | Uint8Array): Uint8Array {
  const msg = Uint8Array.from([type, code, 0, 0, ...rest]);
  const sum = pseudoHeaderChecksum(src, dst, 58, msg);
  msg[2] = sum >> 8;
  msg[3] = sum & 0xff;
  return msg;
}

/** A UDP datagram with its checksum (`dst` is the final destination: a routing header's last segment). */
export function udp6Datagram(src: readonly number[], dst: readonly number[], sport: number, dport: number, payload: Uint8Array): Uint8Array {
  const d = new Uint8Array(8 + payload.length);
  const dv = new DataView(d.buffer);
  dv.setUint16(0, sport);
  dv.setUint16(2, dport);
  dv.setUint16(4, d.length);
  d.set(payload, 8);
  // A computed zero is sent as all ones: zero means "no checksum", which IPv6 does not allow.
  dv.setUint16(6, pseudoHeaderChecksum(src, dst, 17, d) || 0xffff);
  return d;
}
