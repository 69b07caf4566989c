// Writes captures/ipv6-options.pcap: UDP over IPv6 behind option headers
// whose router alert option (RFC 2711) is right or wrong in each way tshark
// 4.0 tells apart: in a hop-by-hop header with each value, in a destination
// options header (where it does not belong), longer than its two bytes and
// shorter; options Wireshark decodes besides (tunnel encapsulation limit,
// TPF, ILNP nonce, line identification, IP_DFF, home address, experimental,
// Quick-Start, also of other lengths); a Pad1 the payload ends after;
// and a first fragment the capture cut short, which tshark shows as
// data rather than dissecting what follows. Its tshark output is the CLI
// golden cases *-ipv6-router-alert (node scripts/record-goldens.mjs --set cli).
// From the repository root:
//   node --import ./scripts/fuzz/register-ts.mjs packages/core/test/network/make-ipv6-options-capture.ts
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PcapWriter } from '@netdissect/core';
import { concat, ethernet, ipv6, latin1, packets } from '../../../../test/support/frame-builders.js';
import { udp6Datagram } from './checksummed-messages.js';
import { DESTINATION_OPTIONS, DST, HOP_BY_HOP, optionHeader, SRC, UDP } from './ipv6-option-headers.js';

const out = join(dirname(fileURLToPath(import.meta.url)), 'captures', 'ipv6-options.pcap');

/** UDP over IPv6 behind one option header of the given kind. */
function withOptions(kind: number, options: number[]): Uint8Array {
  const datagram = udp6Datagram(SRC, DST, 40000, 9, latin1('discard me'));
  return ethernet(0x86dd, ipv6({ src: SRC, dst: DST, nextHeader: kind }, concat(optionHeader(UDP, options), datagram)));
}

const routerAlert = (value: number): number[] => [5, 2, value >> 8, value & 0xff];

const frames = [
  // Hop-by-hop router alerts for MLD, RSVP, and a value with no name.
  withOptions(HOP_BY_HOP, routerAlert(0)),
  withOptions(HOP_BY_HOP, routerAlert(1)),
  withOptions(HOP_BY_HOP, routerAlert(51)),
  // A router alert among destination options: a warning on its type.
  withOptions(DESTINATION_OPTIONS, routerAlert(1)),
  // Four bytes long: the value, then two bytes of unknown data; no bytes long: the value is read from the padding after it.
  withOptions(HOP_BY_HOP, [5, 4, 0, 2, 0xde, 0xad]),
  withOptions(HOP_BY_HOP, [5, 0]),
  // Other options Wireshark decodes: tunnel encapsulation limit, TPF information, an ILNP nonce, a line identification,
  // IP_DFF's flags and sequence number; a home address among destination options; an experimental type and one
  // without a registration (0x11).
  withOptions(HOP_BY_HOP, [4, 1, 4, 0x41, 4, 0, 0, 0x12, 0x34]),
  withOptions(HOP_BY_HOP, [0x8b, 6, 1, 2, 3, 4, 5, 6, 0x8c, 6, 5, 0x6c, 0x69, 0x6e, 0x65, 0x31, 0xee, 3, 0x60, 0x01, 0x02]),
  withOptions(DESTINATION_OPTIONS, [0xc9, 16, 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x42]),
  withOptions(DESTINATION_OPTIONS, [0x1e, 2, 0xab, 0xcd, 0x11, 2, 0, 0]),
  // IP_DFF among destination options and a home address among hop-by-hop ones (each belongs to the other header).
  withOptions(DESTINATION_OPTIONS, [0xee, 3, 0x40, 0, 1]),
  withOptions(HOP_BY_HOP, [0xc9, 16, 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x42]),
  // Lengths other than the option's: tunnel encapsulation limit 2, TPF 2, home address 8, IP_DFF 2, a line ID longer than its option.
  withOptions(DESTINATION_OPTIONS, [4, 2, 4, 4, 0x41, 2, 0, 0]),
  withOptions(DESTINATION_OPTIONS, [0xc9, 8, 1, 2, 3, 4, 5, 6, 7, 8]),
  withOptions(HOP_BY_HOP, [0xee, 2, 0x40, 0]),
  withOptions(DESTINATION_OPTIONS, [0x8c, 3, 9, 0x6c, 0x69]),
  // Line IDs shorter than their option: what follows the ID is unknown data (one byte, then three after an empty ID).
  withOptions(DESTINATION_OPTIONS, [0x8c, 6, 4, 0x6c, 0x69, 0x6e, 0x65, 0x31]),
  withOptions(DESTINATION_OPTIONS, [0x8c, 4, 0, 0x31, 0x32, 0x33]),
  // Quick-Start (RFC 4782) in hop-by-hop options: a rate request (QS TTL 60, nonce) and a rate report.
  withOptions(HOP_BY_HOP, [0x26, 6, 0x05, 60, 0x12, 0x34, 0x56, 0x7b]),
  withOptions(HOP_BY_HOP, [0x26, 6, 0x83, 0, 0xab, 0xcd, 0xef, 0x00]),
  // Quick-Start of other lengths, decoded all the same: a request 9 bytes long, a report 4 bytes long (its nonce read
  // past the option), a function with no fields of its own.
  withOptions(HOP_BY_HOP, [0x26, 9, 0x05, 60, 0x12, 0x34, 0x56, 0x7b, 1, 2, 3]),
  withOptions(HOP_BY_HOP, [0x26, 4, 0x83, 0, 0xab, 0xcd, 0xef, 0x00]),
  withOptions(HOP_BY_HOP, [0x26, 2, 0x45, 0]),
  // A hop-by-hop header whose payload length ends it after a Pad1: reading that option's length byte fails.
  ethernet(0x86dd, ipv6({ src: SRC, dst: DST, nextHeader: HOP_BY_HOP }, Uint8Array.from([UDP, 0, 0]))),
  // The first of two fragments, cut by the capture after 30 bytes of its UDP datagram.
  ethernet(0x86dd, ipv6({ src: SRC, dst: DST, nextHeader: UDP, fragment: { offset: 0, more: true, id: 7 } }, udp6Datagram(SRC, DST, 40000, 9, latin1('x'.repeat(200))).subarray(0, 48))),
];

const writer = await PcapWriter.open(out);
const records = packets(frames, 1000);
// The fragment's header says 56 bytes of payload (its fragment header and 48 bytes of UDP): on the wire it had
// the rest of them, the capture kept 30 bytes of the datagram.
const cut = records[records.length - 1]!;
cut.caplen = 14 + 40 + 8 + 30;
cut.bytes = cut.bytes.subarray(0, cut.caplen);
await writer.writeBatch(records);
await writer.close();
console.log(`wrote ${out}`);
