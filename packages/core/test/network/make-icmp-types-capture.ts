// Writes captures/icmp-types.pcap: one ICMPv4 message of each kind a lab
// may meet besides echo: fragmentation needed with its next-hop MTU (path
// MTU discovery), host and protocol unreachable, redirect with its gateway,
// parameter problem with its pointer, source quench, router advertisement
// and solicitation (and a mobility agent's advertisement with Mobile IP
// extensions), timestamp and address mask requests and replies,
// Photuris, types nobody assigned, and an echo request whose checksum is
// wrong. Its tshark output is the CLI golden cases
// *-icmp-types (node scripts/record-goldens.mjs --set cli). From the
// repository root:
//   node --import ./scripts/fuzz/register-ts.mjs packages/core/test/network/make-icmp-types-capture.ts
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PcapWriter } from '@netdissect/core';
import { ethernet, ipv4, packets, udp, tcp } from '../../../../test/support/frame-builders.js';
import { icmpv4Message } from './checksummed-messages.js';

const out = join(dirname(fileURLToPath(import.meta.url)), 'captures', 'icmp-types.pcap');

const HOST = [10, 0, 0, 2];
const ROUTER = [10, 0, 0, 1];
const FAR = [198, 51, 100, 7];


const fromRouter = (type: number, code: number, rest: number[], to = HOST): Uint8Array => ethernet(0x0800, ipv4({ src: ROUTER, dst: to, protocol: 1, id: 0x4000 + type }, icmpv4Message(type, code, rest)));
const fromHost = (type: number, code: number, rest: number[]): Uint8Array => ethernet(0x0800, ipv4({ src: HOST, dst: ROUTER, protocol: 1, id: 0x5000 + type }, icmpv4Message(type, code, rest)));

// What the errors quote: a TCP segment and a UDP datagram to the far host.
const tcpQuote = [...ipv4({ src: HOST, dst: FAR, protocol: 6, id: 0x1234 }, tcp({ sport: 40000, dport: 80, seq: 1, ack: 0, flags: 0x02 }))];
const udpQuote = [...ipv4({ src: HOST, dst: FAR, protocol: 17, id: 0x1235 }, udp(40001, 9, Uint8Array.of(1, 2, 3, 4)))];
const latin1Bytes = (s: string): number[] => [...Buffer.from(s, 'latin1')];
/** The frame with its ICMP checksum (after Ethernet and a 20-byte IPv4 header) made wrong. */
function withChecksumOff(frame: Uint8Array): Uint8Array {
  frame[14 + 20 + 2] ^= 0x11;
  frame[14 + 20 + 3] ^= 0x11;
  return frame;
}
const u16 = (n: number): number[] => [(n >> 8) & 0xff, n & 0xff];
const u32 = (n: number): number[] => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];

const frames = [
  // Destination unreachable: fragmentation needed (next-hop MTU 1400), host, protocol, administratively prohibited.
  fromRouter(3, 4, [0, 0, ...u16(1400), ...tcpQuote]),
  fromRouter(3, 1, [0, 0, 0, 0, ...udpQuote]),
  fromRouter(3, 2, [0, 0, 0, 0, ...udpQuote]),
  fromRouter(3, 13, [0, 0, 0, 0, ...tcpQuote]),
  // Redirect for the host to a better gateway; parameter problem at byte 9; source quench.
  fromRouter(5, 1, [10, 0, 0, 254, ...tcpQuote]),
  fromRouter(12, 0, [9, 0, 0, 0, ...udpQuote]),
  fromRouter(4, 0, [0, 0, 0, 0, ...udpQuote]),
  // Router advertisement (two addresses, lifetime 1800 s) and solicitation.
  fromRouter(9, 0, [2, 2, ...u16(1800), ...ROUTER, ...u32(0), 10, 0, 0, 254, ...u32(0xffffff00)], [224, 0, 0, 1]),
  fromHost(10, 0, [0, 0, 0, 0]),
  // Timestamp request and reply (ms since midnight UT), address mask request and reply.
  fromHost(13, 0, [...u16(0x1111), ...u16(1), ...u32(36_000_000), ...u32(0), ...u32(0)]),
  fromRouter(14, 0, [...u16(0x1111), ...u16(1), ...u32(36_000_000), ...u32(36_000_005), ...u32(36_000_006)]),
  // A reply whose host wrote its receive and transmit times little-endian: each time is read in the byte order that makes it a time of day.
  fromRouter(14, 0, [...u16(0x1111), ...u16(2), ...u32(36_000_000), ...u32(36_000_005).reverse(), ...u32(36_000_006).reverse()]),
  fromHost(17, 0, [...u16(0x2222), ...u16(1), ...u32(0)]),
  fromRouter(18, 0, [...u16(0x2222), ...u16(1), 255, 255, 255, 0]),
  // A type nobody assigned.
  fromHost(50, 7, [1, 2, 3, 4]),
  // Photuris (RFC 2521) with a known and an unknown code, the experimental mobility type, and types whose
  // bytes past the first eight are not shown (tshark gives them no data layer).
  fromHost(40, 0, [0, 0, 0, 0]),
  fromHost(40, 6, [0, 0, 0, 0]),
  fromHost(41, 0, [0, 0, 0, 0]),
  fromHost(10, 0, [0, 0, 0, 0, ...latin1Bytes('trailing')]),
  fromHost(76, 73, [0, 0, 0, 0, ...latin1Bytes('trailing')]),
  // An echo request whose checksum field is off by 0x1111.
  withChecksumOff(fromHost(8, 0, [...u16(0x3333), ...u16(1), ...latin1Bytes('abcdefgh')])),
  // A mobility agent's advertisement (RFC 5944): one address, then Mobile IP extensions: the agent advertisement
  // (sequence 7, lifetime 600 s, home and foreign agent, GRE, one care-of address), prefix lengths, padding, a
  // challenge (RFC 3012), and a type with no name. Code 16 (no common traffic) with an advertisement of no care-of
  // address; code 8, whose extensions tshark does not look at; an extension whose length runs past the message.
  fromRouter(9, 0, [1, 2, ...u16(1800), ...ROUTER, ...u32(0), 16, 10, ...u16(7), ...u16(600), 0x34, 0x00, 10, 0, 0, 9, 19, 1, 24, 0, 24, 4, 1, 2, 3, 4, 200, 6, 0xab, 0xcd, 0, 0], [224, 0, 0, 1]),
  fromRouter(9, 16, [1, 2, ...u16(1800), ...ROUTER, ...u32(0), 16, 6, ...u16(8), ...u16(600), 0x90, 0x00], [224, 0, 0, 1]),
  fromRouter(9, 8, [1, 2, ...u16(1800), ...ROUTER, ...u32(0), 16, 6, ...u16(9), ...u16(600), 0x90, 0x00], [224, 0, 0, 1]),
  fromRouter(9, 0, [1, 2, ...u16(1800), ...ROUTER, ...u32(0), 19, 8, 24, 16], [224, 0, 0, 1]),
  // Echo requests nobody answers, to a multicast group and to the broadcast address: a revisit (-2) notes the
  // destination where a unicast request says "no response found!"; the first pass says nothing.
  fromRouter(8, 0, [...u16(0x4444), ...u16(1), ...latin1Bytes('mc')], [224, 0, 0, 1]),
  fromRouter(8, 0, [...u16(0x4444), ...u16(2), ...latin1Bytes('bc')], [255, 255, 255, 255]),
  // A timestamp request with only its originate time and an address mask request cut in its mask: malformed, in the
  // summary too.
  fromHost(13, 0, [...u16(0x1111), ...u16(3), ...u32(36_000_000)]),
  fromHost(17, 0, [...u16(0x2222), ...u16(2), 255, 255]),
  // An extension of a type with no name whose content the capture kept, cut before the rest of its length: the list
  // ends there (tshark reads no more past the captured data), not with "Packet size limited during capture".
  fromRouter(9, 0, [1, 2, ...u16(1800), ...ROUTER, ...u32(0), 200, 6, 0xab, 0xcd, 1, 2, 3, 4, 19, 1, 24], [224, 0, 0, 1]),
];

const writer = await PcapWriter.open(out);
const records = packets(frames, 1000);
// The last frame was cut by the capture after the unnamed extension's two bytes of content.
const cut = records[records.length - 1]!;
cut.caplen = 14 + 20 + 8 + 8 + 4;
cut.bytes = cut.bytes.subarray(0, cut.caplen);
await writer.writeBatch(records);
await writer.close();
console.log(`wrote ${out}`);
