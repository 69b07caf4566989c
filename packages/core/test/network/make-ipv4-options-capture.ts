// Writes captures/ipv4-options.pcap: UDP datagrams whose IPv4 headers
// carry every option Wireshark dissects (security, source and record
// routes, time stamps, stream ID, MTU probe and reply, traceroute, router
// alert, selective directed broadcast, quick-start, CIPSO's tags) and the
// ways an option can be wrong (a pointer before or inside an address, a
// length past the header or too short, a fixed-size option of another
// size, unknown codes, four NOPs in a row). Real traffic only has record
// route and time stamps (ping -R and -T: test/lab-traffic's
// lab-ip-options.pcap); the rest are written here from RFC 791, 1063,
// 1108, 1393, 1770, 2113, 4782 and FIPS 188. Its tshark output is the CLI
// golden cases *-ipv4-options (node scripts/record-goldens.mjs --set cli).
// From the repository root:
//   node --import ./scripts/fuzz/register-ts.mjs packages/core/test/network/make-ipv4-options-capture.ts
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PcapWriter } from '@netdissect/core';
import { checksum, ethernet, packets, udp } from '../../../../test/support/frame-builders.js';

const out = join(dirname(fileURLToPath(import.meta.url)), 'captures', 'ipv4-options.pcap');
const SRC = [10, 0, 0, 1];
const DST = [10, 0, 0, 2];

/** IPv4 with `options` (padded with EOL to a multiple of four) over an empty UDP datagram. */
function datagram(options: readonly number[], ttl = 64): Uint8Array {
  const opts = [...options];
  while (opts.length % 4) opts.push(0);
  if (opts.length > 40) throw new Error(`options too long: ${opts.length}`);
  const payload = udp(12345, 5678, new Uint8Array(0));
  const hlen = 20 + opts.length;
  const total = hlen + payload.length;
  const h = [0x40 | (hlen / 4), 0, total >> 8, total & 0xff, 0, 1, 0, 0, ttl, 17, 0, 0, ...SRC, ...DST, ...opts];
  const sum = checksum(h);
  h[10] = sum >> 8;
  h[11] = sum & 0xff;
  return ethernet(0x0800, Uint8Array.from([...h, ...payload]));
}

const addr = (...a: number[]): number[] => a;
const u16 = (v: number): number[] => [v >> 8, v & 0xff];
const u32 = (v: number): number[] => [(v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];

const optionLists: number[][] = [
  // Security, RFC 791: level Secret, compartments, handling restrictions and TCC as text.
  [0x82, 11, ...u16(0xd788), ...u16(5), 0x41, 0x42, 0x43, 0x44, 0x45],
  // Security, RFC 1108: Top secret, GENSER and DOE with a second authority byte (FTI set on the first).
  [0x82, 5, 0x3d, 0x89, 0x02],
  // RFC 1108 whose last authority byte still says another follows, and one with bytes left over.
  [0x82, 4, 0xab, 0x81],
  [0x82, 6, 0x5a, 0x10, 0xee, 0xee],
  // Extended security: a format code and two bytes of information.
  [0x85, 5, 0x01, 0xbe, 0xef],
  // CIPSO: padding, a bitmap of categories, enumerated and ranged categories.
  [0x86, 28, ...u32(3), 0, 1, 7, 0, 9, 0xa0, 0x01, 0x80, 2, 8, 0, 4, ...u16(3), ...u16(700), 5, 6, 0, 2, ...u16(10)],
  // CIPSO: a ranged pair, permissive and free-form tags, then an unknown tag.
  [0x86, 30, ...u32(1), 5, 8, 0, 1, ...u16(20), ...u16(10), 6, 6, 0, 0, 1, 2, 7, 4, 0x61, 0x62, 9, 3, 0, 0, 0],
  // CIPSO: a bitmap tag too short to hold its sensitivity level.
  [0x86, 10, ...u32(1), 1, 2, 0, 0],
  // Loose source route in progress: one hop done, the next marked, the final destination.
  [0x83, 15, 8, ...addr(192, 0, 2, 1), ...addr(192, 0, 2, 2), ...addr(192, 0, 2, 3)],
  // Strict source route with its route used up (the pointer past the end).
  [0x89, 11, 12, ...addr(198, 51, 100, 1), ...addr(198, 51, 100, 2)],
  // Record route as ping -R sends it (nine slots, none used) and after two hops.
  [0x07, 39, 4, ...new Array(36).fill(0)],
  [0x07, 15, 12, ...addr(10, 1, 1, 1), ...addr(10, 2, 2, 2), ...addr(0, 0, 0, 0)],
  // Record route pointers: before the first address, inside one; a slot cut short.
  [0x07, 7, 3, 0, 0, 0, 0],
  [0x07, 7, 6, 0, 0, 0, 0],
  [0x07, 9, 4, 1, 2, 3, 4, 5, 6],
  // Time stamps: only stamps; stamps with addresses (one slot used); prespecified, full; a slot cut short.
  [0x44, 12, 9, 0x00, ...u32(36000000), ...u32(0)],
  [0x44, 20, 13, 0x01, ...addr(10, 0, 0, 1), ...u32(1000), ...addr(0, 0, 0, 0), ...u32(0)],
  [0x44, 12, 13, 0x33, ...addr(10, 0, 0, 2), ...u32(5)],
  [0x44, 10, 3, 0x01, ...addr(10, 0, 0, 1), 0, 0],
  [0x44, 8, 6, 0x00, ...u32(7)],
  [0x44, 8, 1, 0xf0, ...u32(7)],
  // Stream ID; the same with a length of 6 (the option is 4 bytes).
  [0x88, 4, ...u16(4242)],
  [0x88, 6, ...u16(4242), 0, 0],
  // MTU probe and reply, traceroute.
  [0x0b, 4, ...u16(1500)],
  [0x0c, 4, ...u16(576)],
  [0x52, 12, ...u16(77), ...u16(3), ...u16(0xffff), ...addr(203, 0, 113, 9)],
  // Router alert, reserved value.
  [0x94, 4, ...u16(2)],
  // Selective directed broadcast: two addresses and a byte of padding.
  [0x95, 11, ...addr(10, 0, 0, 255), ...addr(10, 0, 1, 255), 0xff],
  // Quick-start: a rate request (rate 5, QS TTL 60 against the header's 64), a report, another function.
  [0x19, 8, 0x05, 60, ...u32(0x12345679)],
  [0x19, 8, 0x83, 0, ...u32(0xfffffffc)],
  [0x19, 8, 0x40, 0, ...u32(0)],
  // Four NOPs in a row, then an unknown option.
  [1, 1, 1, 1, 0x9e, 4, 0, 0],
  // Lengths: too short, past the end of the header, the length byte missing.
  [0x82, 1, 0, 0],
  [0x88, 40, 0, 0],
  [1, 1, 1, 0x44],
  // EOL ends the options; what follows is not looked at.
  [0, 0x07, 99, 4],
];

const writer = await PcapWriter.open(out);
await writer.writeBatch(packets(optionLists.map((o) => datagram(o)), 1000));
await writer.close();
console.log(`wrote ${out}`);
