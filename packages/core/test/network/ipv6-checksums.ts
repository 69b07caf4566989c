// ICMPv6 messages and UDP datagrams for hand-made IPv6 test captures, with
// their checksums over the IPv6 pseudo-header (RFC 8200 8.1), so that
// neither tshark nor netdissect reports them as bad or illegal.

function pseudoHeaderChecksum(src: readonly number[], dst: readonly number[], nextHeader: number, message: Uint8Array): number {
  const n = message.length;
  const bytes = [...src, ...dst, (n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff, 0, 0, 0, nextHeader, ...message];
  let sum = 0;
  for (let i = 0; i < bytes.length; i += 2) sum += (bytes[i]! << 8) | (bytes[i + 1] ?? 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
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
