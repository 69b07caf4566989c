// Writes captures/ipv6-routing-headers.pcap: UDP over IPv6 behind routing
// headers of each kind tshark 4.0 tells apart: the deprecated source route
// (type 0), Mobile IPv6's type 2, segment routing (type 4, RFC 8754) with
// segments left and done, types it does not decode (Nimrod, an
// experiment), and damaged ones (a segment list longer than its header, a
// header cut after its length, headers the snapshot length cut). Its tshark output is the CLI golden cases
// *-ipv6-routing-headers (node scripts/record-goldens.mjs --set cli). From
// the repository root:
//   node --import ./scripts/fuzz/register-ts.mjs packages/core/test/network/make-ipv6-routing-capture.ts
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PcapWriter } from '@netdissect/core';
import { ethernet, latin1, packets } from '../../../../test/support/frame-builders.js';
import { udp6Datagram } from './checksummed-messages.js';

const out = join(dirname(fileURLToPath(import.meta.url)), 'captures', 'ipv6-routing-headers.pcap');

const host = (last: number): number[] => [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, last];
const SRC = host(2);
const DST = host(1);

/** IPv6 to `dst` with a routing header (type, segments left, type-specific bytes after the first 4), then UDP checksummed for `finalDst`. */
function routed(dst: number[], type: number, segleft: number, specific: number[], finalDst: number[]): Uint8Array {
  const rh = [17, (4 + specific.length) / 8 - 1, type, segleft, ...specific];
  const payload = Uint8Array.from([...rh, ...udp6Datagram(SRC, finalDst, 40000, 9, latin1('discard me'))]);
  const h = new Uint8Array(40);
  h[0] = 0x60;
  h[4] = payload.length >> 8;
  h[5] = payload.length & 0xff;
  h[6] = 43;
  h[7] = 64;
  h.set(SRC, 8);
  h.set(dst, 24);
  const ip = new Uint8Array(40 + payload.length);
  ip.set(h);
  ip.set(payload, 40);
  return ethernet(0x86dd, ip);
}

/** The frame with its IPv6 payload length set to `n` (the bytes stay: they become an Ethernet trailer). */
function truncatedPayloadLength(frame: Uint8Array, n: number): Uint8Array {
  const f = frame.slice();
  f[14 + 4] = n >> 8;
  f[14 + 5] = n & 0xff;
  return f;
}

const frames = [
  // Type 0 through two hops, one left: the packet is finally for the last address.
  routed(host(0x10), 0, 1, [0, 0, 0, 0, ...host(0x11), ...DST], DST),
  // Type 2 (Mobile IPv6 home address).
  routed(host(0x20), 2, 1, [0, 0, 0, 0, ...host(0x21)], host(0x21)),
  // Segment routing: two segments, one left, the final one first; then the same with none left.
  routed(host(0xaa), 4, 1, [1, 0, 0, 0, ...DST, ...host(0xaa)], DST),
  routed(DST, 4, 0, [1, 0, 0x12, 0x34, ...DST, ...host(0xaa)], DST),
  // Types tshark does not decode: Nimrod, and an experiment with data.
  routed(DST, 1, 0, [0, 0, 0, 0], DST),
  routed(DST, 253, 1, [0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7], DST),
  // Damaged: a segment list whose Last Entry (5) counts more addresses than the header holds; a payload length of 2,
  // which cuts the routing header after its length byte.
  routed(host(0xaa), 4, 1, [5, 0, 0, 0, ...DST, ...host(0xaa)], DST),
  truncatedPayloadLength(routed(host(0xaa), 4, 1, [1, 0, 0, 0, ...DST, ...host(0xaa)], DST), 2),
];

// Cut by the snapshot length: a segment routing header inside its first address (its fields show, then the frame
// fails), one with 8 bytes of TLVs cut after its addresses (they show too), and a source route inside its address.
const cuts: [Uint8Array, number][] = [
  [routed(host(0xaa), 4, 1, [1, 0, 0, 0, ...DST, ...host(0xaa)], DST), 14 + 40 + 8 + 5],
  [routed(host(0xaa), 4, 1, [1, 0, 0, 0, ...DST, ...host(0xaa), 1, 6, 0, 0, 0, 0, 0, 0], DST), 14 + 40 + 8 + 32 + 3],
  [routed(host(0x10), 0, 1, [0, 0, 0, 0, ...DST], DST), 14 + 40 + 8 + 5],
];
const records = packets([...frames, ...cuts.map(([f]) => f)], 1000);
cuts.forEach(([, caplen], i) => {
  const r = records[frames.length + i]!;
  r.caplen = caplen;
  r.bytes = r.bytes.subarray(0, caplen);
});

const writer = await PcapWriter.open(out);
await writer.writeBatch(records);
await writer.close();
console.log(`wrote ${out}`);
