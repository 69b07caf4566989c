// Writes captures/tcp-options.pcap: a SYN/SYN-ACK pair, then segments with the
// TCP options Wireshark registers beyond the usual handshake ones, each with
// a good and a bad length (RFC 1644's connection counts CC, CC.NEW and
// CC.ECHO, RFC 2385's MD5 signature, RFC 5482's user timeout, SCPS-TP's record
// boundary and corruption experienced, RFC 5925's TCP-AO, RFC 1072's echo
// options, RFC 6994's experiments, SCPS-TP's capabilities and selective negative acknowledgment, RFC 4782's Quick-Start), SACK blocks
// cut short, kinds no
// dissector owns, and padding after the end of the list that is not zeros.
// Its tshark output is the CLI golden cases *-tcp-options (node
// scripts/record-goldens.mjs --set cli). From the repository root:
//   node --import ./scripts/fuzz/register-ts.mjs packages/core/test/transport/make-tcp-options-capture.ts
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PcapWriter } from '@netdissect/core';
import { ethernet, ipv4, packets, tcp } from '../../../../test/support/frame-builders.js';

const out = join(dirname(fileURLToPath(import.meta.url)), 'captures', 'tcp-options.pcap');
const CLIENT = [10, 0, 0, 1];
const SERVER = [10, 0, 0, 2];
const NOP = 1;

const md5Digest = Array.from({ length: 16 }, (_, i) => 0xa0 + i);
const segments: Array<{ fromClient: boolean; flags: number; options: number[] }> = [
  // The handshake: CC.NEW on the SYN (RFC 1644's T/TCP), CC and CC.ECHO on the SYN-ACK.
  { fromClient: true, flags: 0x02, options: [2, 4, 0x05, 0xb4, NOP, NOP, 12, 6, 0, 0, 0x01, 0x00] },
  { fromClient: false, flags: 0x12, options: [2, 4, 0x05, 0xb4, 11, 6, 0, 0, 0x02, 0x00, 13, 6, 0, 0, 0x01, 0x00] },
  // CC on data segments, then CC and CC.ECHO with lengths other than six.
  { fromClient: true, flags: 0x10, options: [NOP, NOP, 11, 6, 0xff, 0xff, 0xff, 0xfe] },
  { fromClient: true, flags: 0x10, options: [11, 4, 0, 1, 13, 2] },
  // An MD5 signature (RFC 2385), and one two bytes short.
  { fromClient: false, flags: 0x10, options: [19, 18, ...md5Digest, NOP, NOP] },
  { fromClient: false, flags: 0x10, options: [19, 16, ...md5Digest.slice(0, 14)] },
  // User timeout (RFC 5482): minutes, then seconds, then a bad length.
  { fromClient: true, flags: 0x10, options: [28, 4, 0x80, 0x0a] },
  { fromClient: true, flags: 0x10, options: [28, 4, 0x01, 0x2c, NOP, NOP, 28, 3, 0x00] },
  // Kinds nobody owns here: 9 (partial order permitted, historic) and 200.
  { fromClient: false, flags: 0x10, options: [9, 2, 200, 6, 1, 2, 3, 4] },
  // SACK blocks cut short: a left edge without its right edge (length 6), and a block and a half (length 12).
  { fromClient: false, flags: 0x10, options: [NOP, NOP, 5, 6, 0, 0, 0x03, 0xe9] },
  { fromClient: false, flags: 0x10, options: [5, 12, 0, 0, 0x03, 0xe9, 0, 0, 0x03, 0xf0, 0, 0] },
  // SCPS-TP's record boundary and corruption experienced options, then a record boundary with a bad length.
  { fromClient: true, flags: 0x10, options: [22, 2, 23, 2] },
  { fromClient: true, flags: 0x10, options: [22, 3, 0, NOP] },
  // TCP-AO (RFC 5925): key IDs and a 12-byte MAC, a MAC of 16 bytes, then lengths 4 (no MAC) and 3 (too short).
  { fromClient: true, flags: 0x10, options: [29, 16, 7, 9, ...md5Digest.slice(0, 12)] },
  { fromClient: false, flags: 0x10, options: [NOP, NOP, 29, 20, 9, 7, ...md5Digest] },
  { fromClient: true, flags: 0x10, options: [29, 4, 1, 2, 29, 3, 5, NOP] },
  // RFC 1072's echo and echo reply (obsolete), then an echo reply of the wrong length.
  { fromClient: true, flags: 0x10, options: [6, 6, 0, 0, 0, 5, 7, 6, 0, 0, 0, 6] },
  { fromClient: false, flags: 0x10, options: [NOP, 7, 3, 0] },
  // RFC 6994's experimental options (kinds 253, 254): an unknown experiment identifier, the TCP Fast Open one
  // (0xf989) with a cookie, a bare identifier, and lengths too short for one.
  { fromClient: true, flags: 0x10, options: [253, 6, 0x12, 0x34, 0xab, 0xcd, 254, 6, 0xf9, 0x89, 1, 2] },
  { fromClient: false, flags: 0x10, options: [254, 4, 0xf9, 0x89, 253, 2, 254, 3, 0] },
  { fromClient: true, flags: 0x10, options: [253, 4, 0x00, 0xdd, 254, 8, 0x45, 0x4e, 1, 2, 3, 4] },
  // SCPS-TP's capabilities (kind 20): extended capabilities before the side's four-byte form are illegal; the four-byte
  // form (capabilities BETS, SNACK1, NLTS, connection 5; then none and connection 0); extended capabilities after it,
  // two binding spaces (two data bytes, then none); the other side's before its own; one cut inside its binding space.
  { fromClient: true, flags: 0x10, options: [20, 2, NOP, NOP] },
  { fromClient: true, flags: 0x10, options: [20, 4, 0xc8, 5] },
  { fromClient: true, flags: 0x10, options: [20, 8, 1, 0x10, 0xaa, 0xbb, 2, 0x00] },
  { fromClient: false, flags: 0x10, options: [20, 6, 3, 0x10, 1, 2, NOP, NOP] },
  { fromClient: false, flags: 0x10, options: [20, 4, 0, 0] },
  { fromClient: false, flags: 0x10, options: [20, 3, 9, NOP] },
  // RFC 4782's Quick-Start: 1.28 Mbit/s with a TTL difference of 64, the top rate, then a length other than 8.
  { fromClient: true, flags: 0x10, options: [27, 8, 0x05, 0x40, 0, 0, 0, 0] },
  { fromClient: false, flags: 0x10, options: [27, 8, 0xaf, 0xff, 0x12, 0x34, 0x56, 0x78, 27, 4, 0x03, 0x10] },
  // SCPS-TP's selective negative acknowledgment (kind 21): offset 2 and size 3 segments, then a length other than 6.
  { fromClient: false, flags: 0x10, options: [21, 6, 0, 2, 0, 3, NOP, NOP] },
  { fromClient: false, flags: 0x10, options: [21, 4, 0, 2] },
  // An MSS option, the end of the list, then padding that is not zeros.
  { fromClient: true, flags: 0x10, options: [2, 4, 0x05, 0xb4, 0, 0, 7, 0] },
];

const frames = segments.map((s, i) =>
  ethernet(
    0x0800,
    ipv4(
      { protocol: 6, src: s.fromClient ? CLIENT : SERVER, dst: s.fromClient ? SERVER : CLIENT, id: 0x200 + i },
      tcp({ sport: s.fromClient ? 41000 : 80, dport: s.fromClient ? 80 : 41000, seq: (s.fromClient ? 1000 : 5000) + (s.flags & 0x02 ? 0 : 1), ack: s.flags === 0x02 ? 0 : s.fromClient ? 5001 : 1001, flags: s.flags, options: s.options }),
    ),
  ),
);

const writer = await PcapWriter.open(out);
await writer.writeBatch(packets(frames, 1000));
await writer.close();
console.log(`wrote ${out}`);
