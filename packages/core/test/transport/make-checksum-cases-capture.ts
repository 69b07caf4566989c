// Writes captures/checksum-cases.pcap: what tshark 4.0 shows with
// -o ip.check_checksum:TRUE -o tcp.check_checksum:TRUE -o udp.check_checksum:TRUE.
// Right and wrong TCP checksums over IPv4 and IPv6 (an HTTP request whose
// first segment is wrong is not reassembled), 0xffff where 0x0000 is due
// (RFC 1624: flagged, still reassembled), a segment cut by the snapshot length
// (unverifiable), right and wrong UDP checksums on a port nothing claims, a
// fragmented datagram whose first fragment has a wrong IPv4 header checksum
// (not defragmented) and the same datagram with right ones.
// Its tshark output is the CLI golden cases check-checksum-*-cases
// (node scripts/record-goldens.mjs --set cli). From the repository root:
//   node --import ./scripts/fuzz/register-ts.mjs packages/core/test/transport/make-checksum-cases-capture.ts
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PcapWriter } from '@netdissect/core';
import { checksum, concat, ethernet, ipv4, ipv6, latin1, packets, tcp, udp } from '../../../../test/support/frame-builders.js';

const out = join(dirname(fileURLToPath(import.meta.url)), 'captures', 'checksum-cases.pcap');

const A = [192, 0, 2, 1];
const B = [192, 0, 2, 2];
const A6 = [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];
const B6 = [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2];

/** The pseudo-header (RFC 793 / RFC 8200 8.1) a transport checksum starts with. */
function pseudoHeader(src: readonly number[], dst: readonly number[], protocol: number, length: number): number[] {
  if (src.length === 4) return [...src, ...dst, 0, protocol, length >> 8, length & 0xff];
  return [...src, ...dst, 0, 0, length >> 8, length & 0xff, 0, 0, 0, protocol];
}

/** A TCP or UDP segment with its checksum field set right, or to `wrong` when given. */
function withChecksum(segment: Uint8Array, at: number, src: readonly number[], dst: readonly number[], protocol: number, wrong?: number): Uint8Array {
  const s = segment.slice();
  s[at] = 0;
  s[at + 1] = 0;
  const sum = wrong ?? checksum([...pseudoHeader(src, dst, protocol, s.length), ...s]);
  s[at] = sum >> 8;
  s[at + 1] = sum & 0xff;
  return s;
}

/** A segment between client A (port `client`) and server B port 80; `toServer` false sends it back. */
const tcp4 = (client: number, seq: number, ack: number, flags: number, payload: Uint8Array, wrong?: number, toServer = true) => {
  const [src, dst, sport, dport] = toServer ? [A, B, client, 80] : [B, A, 80, client];
  return ethernet(0x0800, ipv4({ src, dst, protocol: 6 }, withChecksum(tcp({ sport, dport, seq, ack, flags }, payload), 16, src, dst, 6, wrong)));
};
const tcp6 = (seq: number, ack: number, flags: number, payload: Uint8Array, wrong?: number) =>
  ethernet(0x86dd, ipv6({ src: A6, dst: B6, nextHeader: 6 }, withChecksum(tcp({ sport: 40001, dport: 8080, seq, ack, flags }, payload), 16, A6, B6, 6, wrong)));
const udp4 = (payload: Uint8Array, wrong?: number) =>
  ethernet(0x0800, ipv4({ src: A, dst: B, protocol: 17, id: 7 }, withChecksum(udp(40002, 9, payload), 6, A, B, 17, wrong)));
const udp6 = (payload: Uint8Array, wrong?: number) =>
  ethernet(0x86dd, ipv6({ src: A6, dst: B6, nextHeader: 17 }, withChecksum(udp(40003, 9, payload), 6, A6, B6, 17, wrong)));

/** `before`, two bytes that make the segment's right checksum 0x0000 (so that the field can hold 0xffff instead, RFC 1624), `after`. */
function zeroSumPayload(seq: number, ack: number, before: string, after: string): Uint8Array {
  const probe = tcp({ sport: 40010, dport: 80, seq, ack, flags: 0x18 }, concat(latin1(before), Uint8Array.of(0, 0), latin1(after)));
  const rest = checksum([...pseudoHeader(A, B, 6, probe.length), ...probe]);
  return concat(latin1(before), Uint8Array.of(rest >> 8, rest & 0xff), latin1(after));
}

/** A UDP datagram in two IPv4 fragments; the first one's header checksum made wrong when asked. */
function fragments(id: number, badFirst: boolean): Uint8Array[] {
  const datagram = withChecksum(udp(40004, 9, latin1('fragmented datagram payload, forty-eight bytes!!')), 6, A, B, 17);
  const first = ipv4({ src: A, dst: B, protocol: 17, id, moreFragments: true }, datagram.subarray(0, 32));
  if (badFirst) first[11] ^= 0x5a;
  const second = ipv4({ src: A, dst: B, protocol: 17, id, fragmentOffset: 32 }, datagram.subarray(32));
  return [ethernet(0x0800, first), ethernet(0x0800, second)];
}

const request = 'GET /index.html HTTP/1.1\r\nHost: example.test\r\n';
const rest = 'User-Agent: lab\r\n\r\n';
const ffff = zeroSumPayload(1 + request.length + rest.length, 1, 'GET /z HTTP/1.1\r\nX-Pad: ', '\r\n\r\n');
const handshake = (client: number) => [
  tcp4(client, 0, 0, 0x02, new Uint8Array(0)),
  tcp4(client, 0, 1, 0x12, new Uint8Array(0), undefined, false),
  tcp4(client, 1, 1, 0x10, new Uint8Array(0)),
];
const frames: Uint8Array[] = [
  // An HTTP request in two segments, the first with a wrong checksum: not reassembled.
  ...handshake(40000),
  tcp4(40000, 1, 1, 0x18, latin1(request), 0x1234),
  tcp4(40000, 1 + request.length, 1, 0x18, latin1(rest)),
  // The same request on another connection, right checksums: reassembled; then one with 0xffff where 0x0000 is due.
  ...handshake(40010),
  tcp4(40010, 1, 1, 0x18, latin1(request)),
  tcp4(40010, 1 + request.length, 1, 0x18, latin1(rest)),
  tcp4(40010, 1 + request.length + rest.length, 1, 0x18, ffff, 0xffff),
  // IPv6, right then wrong.
  tcp6(0, 0, 0x02, new Uint8Array(0)),
  tcp6(1, 1, 0x18, latin1('hello'), 0xbeef),
  udp4(latin1('right')),
  udp4(latin1('wrong'), 0x0bad),
  udp6(latin1('right')),
  udp6(latin1('wrong'), 0x0bad),
  ...fragments(0x4242, true),
  ...fragments(0x4343, false),
  // Cut by the snapshot length below: the checksum cannot be worked out.
  tcp4(1000, 1, 0x18, latin1('cut short by the snapshot length')),
];
const records = packets(frames, 10);
const last = records[records.length - 1]!;
last.caplen = last.len - 10;
last.bytes = last.bytes.subarray(0, last.caplen);
const writer = await PcapWriter.open(out);
await writer.writeBatch(records);
await writer.close();
console.log(`wrote ${out}`);
