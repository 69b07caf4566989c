// Writes captures/ipv6-jumbo-and-other-options.pcap: the IPv6 options
// make-ipv6-options-capture.ts leaves out, as tshark 4.0 decodes them. The
// Jumbo Payload option (RFC 2675) with the IPv6 header's payload length of 0
// it needs, without it, with a short value, with a fragment header; Path MTU
// (RFC 9268), RPL (RFC 6553), MPL (RFC 7731) with each seed ID length,
// SMF_DPD (RFC 6621) in both modes, CALIPSO (RFC 5570), PDM (RFC 8250),
// IOAM (RFC 9486) of each option type, the deprecated Endpoint
// Identification; lengths other than the option's; and a hop-by-hop header
// longer than 256 bytes, past which a short option is not filled up to its
// length (packet-ipv6.c keeps the option's start in 8 bits). Its tshark output
// is the CLI golden cases *-ipv6-jumbo-and-other-options (node
// scripts/record-goldens.mjs --set cli). From the repository root:
//   node --import ./scripts/fuzz/register-ts.mjs packages/core/test/network/make-ipv6-jumbo-and-other-options-capture.ts
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PcapWriter } from '@netdissect/core';
import { concat, ethernet, ipv6, latin1, packets } from '../../../../test/support/frame-builders.js';
import { udp6Datagram } from './checksummed-messages.js';
import { DESTINATION_OPTIONS, DST, HOP_BY_HOP, optionHeader, SRC, UDP } from './ipv6-option-headers.js';

const out = join(dirname(fileURLToPath(import.meta.url)), 'captures', 'ipv6-jumbo-and-other-options.pcap');

const datagram = udp6Datagram(SRC, DST, 40000, 9, latin1('discard me'));

/** UDP over IPv6 behind one option header of the given kind; `payloadLength` overrides the IPv6 header's. */
function withOptions(kind: number, options: number[], payloadLength?: number): Uint8Array {
  const frame = ethernet(0x86dd, ipv6({ src: SRC, dst: DST, nextHeader: kind }, concat(optionHeader(UDP, options), datagram)));
  if (payloadLength !== undefined) new DataView(frame.buffer, frame.byteOffset).setUint16(14 + 4, payloadLength);
  return frame;
}

const u32 = (n: number): number[] => [n >>> 24, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
const jumbo = (length: number): number[] => [0xc2, 4, ...u32(length)];
const seq = (n: number, from = 1): number[] => Array.from({ length: n }, (_, i) => (from + i) & 0xff);

const frames = [
  // Jumbo Payload: with the payload length 0 it needs (a jumbogram longer than the frame), without it (a
  // payload length of 0 and no jumbo option), beside a payload length, with a value under 65536, 2 bytes long.
  withOptions(HOP_BY_HOP, jumbo(70000), 0),
  withOptions(HOP_BY_HOP, [5, 2, 0, 0], 0),
  withOptions(HOP_BY_HOP, jumbo(70000)),
  withOptions(HOP_BY_HOP, jumbo(1000), 0),
  withOptions(HOP_BY_HOP, [0xc2, 2, 0, 1]),
  withOptions(HOP_BY_HOP, jumbo(1000)),
  // A jumbogram with a fragment header.
  (() => {
    const frag = Uint8Array.of(UDP, 0, 0, 0, 0, 0, 0, 9);
    const f = ethernet(0x86dd, ipv6({ src: SRC, dst: DST, nextHeader: HOP_BY_HOP }, concat(optionHeader(44, jumbo(70000)), frag, datagram)));
    new DataView(f.buffer, f.byteOffset).setUint16(14 + 4, 0);
    return f;
  })(),
  // Path MTU: 1500 reported, 1280 returned with the R flag; 2 bytes long.
  withOptions(HOP_BY_HOP, [0x30, 4, 0x05, 0xdc, 0x05, 0x01]),
  withOptions(HOP_BY_HOP, [0x30, 2, 0x05, 0xdc]),
  // RPL: down, rank error and forwarding error, instance 30, rank 256 (and a sub-TLV byte); 2 bytes long.
  withOptions(HOP_BY_HOP, [0x63, 5, 0xe1, 30, 1, 0, 0x77]),
  withOptions(HOP_BY_HOP, [0x63, 2, 0x80, 1]),
  // MPL with each seed ID length: the source address (none), 2, 8 and 16 bytes.
  withOptions(HOP_BY_HOP, [0x6d, 2, 0x30, 7]),
  withOptions(HOP_BY_HOP, [0x6d, 4, 0x40, 8, 0xab, 0xcd]),
  withOptions(HOP_BY_HOP, [0x6d, 10, 0x80, 9, ...seq(8)]),
  withOptions(HOP_BY_HOP, [0x6d, 18, 0xcf, 10, ...seq(16)]),
  // SMF_DPD: a hash assist value (H-DPD); an identifier with a 4-byte IPv4 tagger ID and one with none (I-DPD).
  withOptions(HOP_BY_HOP, [0x08, 5, 0x81, 2, 3, 4, 5]),
  withOptions(HOP_BY_HOP, [0x08, 7, 0x23, 192, 0, 2, 1, 0x12, 0x34]),
  withOptions(HOP_BY_HOP, [0x08, 3, 0x00, 0x56, 0x78]),
  // CALIPSO: domain 3, one word of compartments, level 2, a checksum; 6 bytes long (no bitmap, too short).
  withOptions(HOP_BY_HOP, [0x07, 12, ...u32(3), 1, 2, 0xbe, 0xef, 0xf0, 0, 0, 1]),
  withOptions(HOP_BY_HOP, [0x07, 6, ...u32(3), 0, 2]),
  // PDM among destination options, 10 bytes; 12 bytes (two of unknown data); among hop-by-hop options.
  withOptions(DESTINATION_OPTIONS, [0x0f, 10, 1, 2, 0, 100, 0, 99, 0x12, 0x34, 0x56, 0x78]),
  withOptions(DESTINATION_OPTIONS, [0x0f, 12, 1, 2, 0, 100, 0, 99, 0x12, 0x34, 0x56, 0x78, 0xaa, 0xbb]),
  withOptions(HOP_BY_HOP, [0x0f, 10, 1, 2, 0, 100, 0, 99, 0x12, 0x34, 0x56, 0x78]),
  // IOAM: proof of transit, edge to edge and an unknown option type (each only named), 1 byte long.
  withOptions(HOP_BY_HOP, [0x31, 6, 0, 2, 1, 2, 3, 4]),
  withOptions(HOP_BY_HOP, [0x31, 4, 0, 3, 9, 9]),
  withOptions(HOP_BY_HOP, [0x31, 2, 7, 0x50]),
  withOptions(HOP_BY_HOP, [0x31, 1, 0]),
  // IOAM traces: namespace 1, 4 bytes free, two nodes of hop limit and node ID, ingress and egress IDs (short); a node
  // length the trace type does not fill; an opaque state snapshot after each node; a node length of 0; the wide fields.
  withOptions(HOP_BY_HOP, [0x31, 30, 0, 0, 0, 1, 0x10, 0x01, 0xc0, 0, 0, 0, 0, 0, 0, 0, 63, 0, 0, 1, 0, 1, 0, 2, 62, 0, 0, 2, 0, 3, 0, 4]),
  withOptions(HOP_BY_HOP, [0x31, 18, 0, 1, 0, 1, 0x08, 0x00, 0xc0, 0, 0, 0, 63, 0, 0, 1, 0, 1, 0, 2]),
  withOptions(HOP_BY_HOP, [0x31, 22, 0, 1, 0, 1, 0x08, 0x00, 0x80, 0, 0x02, 0, 63, 0, 0, 1, 1, 0, 0, 9, 0xde, 0xad, 0xbe, 0xef]),
  withOptions(HOP_BY_HOP, [0x31, 10, 0, 0, 0, 1, 0x04, 0x00, 0x80, 0, 0, 0]),
  withOptions(HOP_BY_HOP, [0x31, 38, 0, 0, 0, 1, 0x38, 0x00, 0x00, 0xf0, 0, 0, 60, ...seq(7), ...seq(8, 0x10), ...seq(8, 0x20), ...seq(4, 0x30)]),
  // Endpoint Identification (deprecated).
  withOptions(DESTINATION_OPTIONS, [0x8a, 2, 0xab, 0xcd]),
  // A hop-by-hop header of 272 bytes: PadN to byte 258, then a 14-byte PDM (10 read, no unknown data after
  // it: the next option starts at its 13th byte) and PadN after it.
  withOptions(HOP_BY_HOP, [1, 254, ...new Array<number>(254).fill(0), 0x0f, 14, 1, 2, 0, 100, 0, 99, 0x12, 0x34, 0x56, 0x78, 1, 2, 0, 0]),
];

const writer = await PcapWriter.open(out);
await writer.writeBatch(packets(frames, 1000));
await writer.close();
console.log(`wrote ${out}`);
