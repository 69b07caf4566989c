// Writes captures/icmpv6-nd-options.pcap (and a solicitation whose checksum is wrong): Neighbor Discovery messages with
// the options a router or host on a lab LAN sends (RFC 4861, 4191, 8106,
// 5175, 8910, 8781, 3971, 6275, 6775, 6496, 5568, 5269, 5380, 2491, 7400) and damaged ones (lengths past the data, fixed-size
// options longer than their contents), Inverse ND address lists, errors quoting no IPv6 packet,
// and a type nobody assigned. Its tshark output is the CLI
// golden cases V-icmpv6-nd-options and fields-icmpv6-nd-options
// (node scripts/record-goldens.mjs --set cli). From the repository root:
//   node --import ./scripts/fuzz/register-ts.mjs packages/core/test/network/make-icmpv6-nd-capture.ts
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PcapWriter } from '@netdissect/core';
import { ethernet, ipv6, latin1, packets } from '../../../../test/support/frame-builders.js';
import { icmpv6Message } from './checksummed-messages.js';

const out = join(dirname(fileURLToPath(import.meta.url)), 'captures', 'icmpv6-nd-options.pcap');

const ROUTER = [0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0x02, 0, 0, 0xff, 0xfe, 0, 0, 0x01];
const HOST = [0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0x02, 0, 0, 0xff, 0xfe, 0, 0, 0x02];
const ALL_NODES = [0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01];
const SOLICITED = [0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0xff, 0, 0, 0x02];
const DOC = (...tail: number[]): number[] => [0x20, 0x01, 0x0d, 0xb8, ...tail, ...new Array(12 - tail.length).fill(0)];

const u16 = (n: number): number[] => [(n >> 8) & 0xff, n & 0xff];
const u32 = (n: number): number[] => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];

/** An option: type, length in units of 8 bytes (given, or from the body padded with zeros). */
function opt(type: number, body: number[], units?: number): number[] {
  const n = units ?? Math.ceil((body.length + 2) / 8);
  const padded = [...body, ...new Array(Math.max(0, n * 8 - 2 - body.length)).fill(0)];
  return [type, n, ...(units === undefined ? padded : body)];
}

/** A domain name in DNS wire format. */
function wireName(name: string): number[] {
  const out: number[] = [];
  for (const label of name.split('.')) out.push(label.length, ...latin1(label));
  out.push(0);
  return out;
}

/** An ICMPv6 message (code 0) in an IPv6 packet in an Ethernet frame. */
function icmpv6(src: number[], dst: number[], type: number, rest: number[]): Uint8Array {
  return ethernet(0x86dd, ipv6({ src, dst, nextHeader: 58 }, icmpv6Message(src, dst, type, 0, rest)));
}

/** The frame with its ICMPv6 checksum (after Ethernet and the 40-byte IPv6 header) made wrong. */
function withChecksumOff(frame: Uint8Array): Uint8Array {
  frame[14 + 40 + 2] ^= 0x01;
  return frame;
}

const routerMac = [0x02, 0, 0, 0, 0, 0x01];
const hostMac = [0x02, 0, 0, 0, 0, 0x02];

/** Eight bytes an option's length counts beyond what its dissection reads. */
const EXTRA = [0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa];
const raHeader = [64, 0x48, ...u16(1800), ...u32(30000), ...u32(1000)];
const frames = [
  // A router advertisement as radvd sends it for a lab LAN: every option it may carry.
  icmpv6(ROUTER, ALL_NODES, 134, [
    ...raHeader,
    ...opt(1, routerMac),
    ...opt(5, [0, 0, ...u32(1492)]),
    ...opt(3, [64, 0xc0, ...u32(86400), ...u32(14400), ...u32(0), ...DOC(0, 1)]),
    // Route information: a default route (prefix length 0, no prefix), a /48 (8 bytes), a /64 low preference, a /128 (16 bytes).
    ...opt(24, [0, 0x08, ...u32(1800)]),
    ...opt(24, [48, 0x00, ...u32(0xffffffff), 0x20, 0x01, 0x0d, 0xb8, 0x00, 0x02, 0, 0]),
    ...opt(24, [64, 0x18, ...u32(600), 0x20, 0x01, 0x0d, 0xb8, 0x00, 0x03, 0, 0]),
    ...opt(24, [128, 0x10, ...u32(60), ...DOC(0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x53)]),
    // Recursive DNS servers (two), then the search list (two names, padded).
    ...opt(25, [0, 0, ...u32(3600), ...DOC(0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x53), ...DOC(0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x54)]),
    ...opt(31, [0, 0, ...u32(3600), ...wireName('lab.example.edu'), ...wireName('example.edu')]),
    // RA flags extension, captive portal URI, NAT64 prefix (/96, 600 s).
    ...opt(26, [0x00, 0, 0, 0, 0, 0]),
    ...opt(37, [...latin1('https://portal.example.edu/api')]),
    ...opt(38, [...u16((75 << 3) | 0), 0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0]),
    // An option type nobody assigned.
    ...opt(253, [0xde, 0xad, 0xbe, 0xef, 0, 0]),
  ]),
  // Duplicate address detection with a nonce (RFC 7527): from :: to the solicited-node address.
  icmpv6(new Array(16).fill(0), SOLICITED, 135, [0, 0, 0, 0, ...HOST, ...opt(14, [0x11, 0x22, 0x33, 0x44, 0x55, 0x66])]),
  // A neighbor solicitation with a longer nonce (14 bytes) and the host's link-layer address.
  icmpv6(HOST, SOLICITED, 135, [0, 0, 0, 0, ...ROUTER, ...opt(1, hostMac), ...opt(14, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14])]),
  // A redirect quoting the start of the packet that caused it.
  icmpv6(ROUTER, HOST, 137, [
    0, 0, 0, 0, ...ROUTER, ...DOC(0, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1),
    ...opt(2, routerMac),
    ...opt(4, [0, 0, 0, 0, 0, 0, ...ipv6({ src: HOST, dst: DOC(0, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1), nextHeader: 17 }, Uint8Array.from([0xc3, 0x50, 0, 53, 0, 16, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8]))]),
  ]),
  // The same redirect with one byte after the redirected header: the next option is looked for there, and cannot be read.
  icmpv6(ROUTER, HOST, 137, [
    0, 0, 0, 0, ...ROUTER, ...DOC(0, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1),
    ...opt(2, routerMac),
    ...opt(4, [0, 0, 0, 0, 0, 0, ...ipv6({ src: HOST, dst: DOC(0, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1), nextHeader: 17 }, Uint8Array.from([0xc3, 0x50, 0, 53, 0, 16, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8]))]),
    0x02,
  ]),
  // Every router flag set, and every RA flags extension bit; a source link-layer address that is no MAC address.
  icmpv6(ROUTER, ALL_NODES, 134, [0, 0xff, ...u16(0), ...u32(0), ...u32(0), ...opt(26, [0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), ...opt(1, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]), ...opt(1, [1, 2, 3, 4, 5, 6, 7, 8, 0, 0, 0, 0, 0, 0])]),
  // Damaged options: a route information option too short for its prefix length, an RDNSS option with no
  // address, a search list whose label runs past the option, then an option of length 0.
  icmpv6(ROUTER, ALL_NODES, 134, [
    ...raHeader,
    ...opt(24, [96, 0x00, ...u32(60), 0x20, 0x01, 0x0d, 0xb8, 0, 5, 0, 0]),
    ...opt(25, [0, 0, ...u32(60)]),
    ...opt(31, [0, 0, ...u32(60), 20, ...latin1('short')]),
    0x05, 0x00, 0, 0, 0, 0, 0, 0,
  ]),
  // An option type no RFC assigned, then an option of length 0, which ends the options.
  icmpv6(ROUTER, ALL_NODES, 134, [...raHeader, ...opt(5, [0, 0, ...u32(1500)]), ...opt(200, [1, 2, 3, 4, 5, 6]), 25, 0, 0, 0, 0, 0, 0, 0]),
  // An RDNSS option whose length runs past the end of the packet.
  icmpv6(ROUTER, ALL_NODES, 134, [...raHeader, 25, 5, 0, 0, ...u32(60), ...DOC(0, 1)]),
  // Lifetimes of zero and infinity, a search list with a compression pointer and a label with a dot and a space,
  // a route information option longer than any prefix, a target link-layer address as an EUI-64.
  icmpv6(ROUTER, ALL_NODES, 134, [
    ...raHeader,
    ...opt(24, [0, 0x08, ...u32(0)]),
    ...opt(25, [0, 0, ...u32(0xffffffff), ...DOC(0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x53)]),
    ...opt(25, [0, 0, ...u32(0), ...DOC(0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x54)]),
    ...opt(31, [0, 0, ...u32(0xffffffff), ...wireName('example.edu'), 3, ...latin1('lab'), 0xc0, 0x08]),
    ...opt(31, [0, 0, ...u32(0), 4, ...latin1('a.b '), 3, ...latin1('edu'), 0]),
    ...opt(24, [64, 0x08, ...u32(60), ...DOC(0, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1), 0xaa, 0xbb, 0xcc, 0xdd, 0, 0, 0, 0]),
    ...opt(2, [1, 2, 3, 4, 5, 6, 7, 8, 0, 0, 0, 0, 0, 0]),
    ...opt(37, [...latin1('urn:ietf:params:capport:unrestricted')]),
  ]),
  // A neighbor solicitation whose checksum field is off by 0x0100.
  withChecksumOff(icmpv6(HOST, SOLICITED, 135, [0, 0, 0, 0, ...DOC(0, 2), ...opt(1, hostMac)])),
  // Mobile IPv6's advertisement interval (radvd's AdvIntervalOpt) and home agent information options.
  icmpv6(ROUTER, ALL_NODES, 134, [...raHeader, ...opt(7, [0, 0, ...u32(600_000)]), ...opt(8, [0, 0, ...u16(10), ...u16(1800)])]),
  // Errors quoting nothing, and quoting what is no IPv6 packet (shown as data); a type nobody assigned.
  icmpv6(ROUTER, HOST, 1, [0, 0, 0, 0]),
  icmpv6(ROUTER, HOST, 1, [0, 0, 0, 0, 0x45, 0, 0, 20]),
  icmpv6(HOST, ROUTER, 50, [1, 2, 3, 4, 5, 6]),
  // Fixed-size options eight bytes longer than they should be: what the length holds past them is unknown data.
  icmpv6(ROUTER, ALL_NODES, 134, [
    ...raHeader,
    ...opt(3, [64, 0xc0, ...u32(86400), ...u32(14400), 0, 0, 0, 0, ...DOC(0, 7), ...EXTRA]),
    ...opt(5, [0, 0, ...u32(1500), ...EXTRA]),
    ...opt(7, [0, 0, ...u32(600_000), ...EXTRA]),
    ...opt(8, [0, 0, ...u16(10), ...u16(1800), ...EXTRA]),
    ...opt(26, [0x80, 0, 0, 0, 0, 0, ...EXTRA]),
    ...opt(38, [0x07, 0x08, ...DOC(0x64, 0xff, 0x9b).slice(0, 12), ...EXTRA]),
  ]),
  // Inverse Neighbor Discovery's address lists (RFC 3122): source with two addresses, target with one.
  icmpv6(ROUTER, ALL_NODES, 134, [...raHeader, ...opt(9, [0, 0, 0, 0, 0, 0, ...DOC(0, 1), ...DOC(0, 2)]), ...opt(10, [0, 0, 0, 0, 0, 0, ...DOC(0, 3)])]),
  // A redirected header whose length runs past the message, and an option nobody assigned whose length does
  // (the first ends the dissection where there is a tree, the second with one or without).
  icmpv6(ROUTER, HOST, 137, [0, 0, 0, 0, ...ROUTER, ...DOC(0, 9), 4, 20, 0, 0, 0, 0, 0, 0, 0x45, 0, 0, 20]),
  icmpv6(ROUTER, ALL_NODES, 134, [...raHeader, 200, 20, 1, 2, 3, 4, 5, 6]),
];

// A neighbor solicitation whose source link-layer address option says 24 bytes where the message has 8: malformed,
// with a tree or without.
frames.push(icmpv6(HOST, SOLICITED, 135, [0, 0, 0, 0, ...ROUTER, 1, 3, ...hostMac]));
// An echo request to all nodes nobody answers: "(multicast)" on a revisit (-2) only.
frames.push(icmpv6(HOST, ALL_NODES, 128, [0, 7, 0, 1, 0x61, 0x62]));
// A redirect that ends inside its destination address: malformed in the summary too.
frames.push(icmpv6(ROUTER, HOST, 137, [0, 0, 0, 0, ...ROUTER, ...DOC(0, 9).slice(0, 8)]));
// A neighbor solicitation the snapshot length cut inside its source link-layer address: Info cannot name it.
const cutSolicitation = icmpv6(HOST, SOLICITED, 135, [0, 0, 0, 0, ...ROUTER, ...opt(1, hostMac)]);
// 6LoWPAN Neighbor Discovery (RFC 6775) and SEND's proxy signature (RFC 6496), after the frames above.
const EUI64 = [0x02, 0x12, 0x4b, 0x00, 0x01, 0x02, 0x03, 0x04];
const lowpan = [
  // Address registration: a host registers, a router answers that the address is taken; a status nobody assigned.
  icmpv6(HOST, ROUTER, 135, [0, 0, 0, 0, ...DOC(0, 2), ...opt(1, hostMac), ...opt(33, [0, 0, 0, 0, ...u16(60), ...EUI64])]),
  icmpv6(ROUTER, HOST, 136, [0x60, 0, 0, 0, ...DOC(0, 2), ...opt(33, [1, 0, 0, 0, ...u16(0), ...EUI64])]),
  icmpv6(ROUTER, HOST, 136, [0x60, 0, 0, 0, ...DOC(0, 2), ...opt(33, [7, 0, 0, 0, ...u16(5), ...EUI64, ...EXTRA])]),
  // Contexts with no prefix, 8 and 16 bytes of it, and a length no prefix has; border router versions, one with a longer option.
  icmpv6(ROUTER, ALL_NODES, 134, [
    ...raHeader,
    ...opt(34, [0, 0x10, 0, 0, ...u16(300)]),
    ...opt(34, [48, 0x11, 0, 0, ...u16(300), ...DOC(0, 5).slice(0, 8)]),
    ...opt(34, [64, 0x1f, 0, 0, ...u16(0xffff), ...DOC(0, 6)]),
    ...opt(34, [64, 0xe2, 0, 0, ...u16(1), ...DOC(0, 7), ...EXTRA]),
    ...opt(35, [...u16(7), ...u16(1), ...u16(10), ...DOC(0, 1)]),
    ...opt(35, [...u16(0xffff), ...u16(0xffff), ...u16(0), ...DOC(0, 1), ...EXTRA]),
  ]),
  // A proxy signature with 12 bytes of signature, and one too short for its key hash.
  icmpv6(ROUTER, HOST, 136, [0x60, 0, 0, 0, ...DOC(0, 2), ...opt(32, [0, 0, ...new Array(16).fill(0x5a), ...new Array(12).fill(0xc3)])]),
  icmpv6(ROUTER, HOST, 136, [0x60, 0, 0, 0, ...DOC(0, 2), ...opt(32, [0, 0, ...new Array(12).fill(0x5a)])]),
  // A context option whose 16-byte prefix the message ends inside: malformed with a tree or without.
  icmpv6(ROUTER, ALL_NODES, 134, [...raHeader, 34, 3, 64, 0x10, 0, 0, ...u16(300), ...DOC(0, 8).slice(0, 10)]),
];
// Fast handovers' options (RFC 5568, 5269) and HMIPv6's MAP option (RFC 5380), in router advertisements.
const PUBLIC_KEY = [...new Array(12).fill(0x4b)];
const handovers = [
  icmpv6(ROUTER, ALL_NODES, 134, [
    ...raHeader,
    ...opt(17, [2, 64, 0, 0, 0, 0, ...DOC(0, 0x11)]),
    ...opt(18, [0, 48, 0, 0, 0, 0, ...DOC(0, 0x12)]),
    ...opt(19, [2, ...routerMac]),
    ...opt(20, [0, 2, ...DOC(0, 0x13), 0, 0, 0, 0, 0, 0]),
    ...opt(20, [0, 1, 0, 0, 0, 0]),
    ...opt(23, [0x21, 0x80, ...u32(3600), ...DOC(0, 0x14)]),
  ]),
  // Handover keys with no padding and with three bytes of it (Wireshark counts two of them again as unknown data).
  icmpv6(ROUTER, ALL_NODES, 134, [...raHeader, ...opt(27, [0, 0x10, ...PUBLIC_KEY]), ...opt(28, [3, 0x20, ...u16(60), ...PUBLIC_KEY.slice(0, 7)])]),
  // Handover assist information and a mobile node identifier: their padding is measured from the message's start.
  icmpv6(ROUTER, ALL_NODES, 134, [...raHeader, ...opt(29, [1, 4, 0xde, 0xad, 0xbe, 0xef]), ...opt(30, [1, 3, 0x61, 0x62, 0x63])]),
  // An NBMA shortcut limit (RFC 2491; Wireshark reads one byte short of it) and a 6LoWPAN capability indication (RFC 7400).
  icmpv6(ROUTER, ALL_NODES, 134, [...raHeader, ...opt(6, [16, 0, 0, 0, 0, 0]), ...opt(36, [0, 1, 0, 0, 0, 0]), ...opt(36, [0xff, 0xfe, 0x12, 0x34, 0x56, 0x78])]),
  // A MAP option whose address the message ends inside.
  icmpv6(ROUTER, ALL_NODES, 134, [...raHeader, 23, 3, 0x21, 0x80, ...u32(3600), ...DOC(0, 0x14).slice(0, 6)]),
];
const records = packets([...frames, cutSolicitation, ...lowpan, ...handovers], 1000);
const cut = records[frames.length]!;
cut.caplen = 14 + 40 + 8 + 16 + 2 + 3;
cut.bytes = cut.bytes.subarray(0, cut.caplen);

const writer = await PcapWriter.open(out);
await writer.writeBatch(records);
await writer.close();
console.log(`wrote ${out}`);
