// Writes captures/ipsec-ah.pcap: IPsec's authentication header (RFC 4302)
// over IPv6 (in the IPv6 header's tree) and IPv4 (a protocol of its own), whole
// and protecting a UDP datagram, with no ICV, then cut at every field: by a
// payload or total length shorter than the header (malformed) and by the
// snapshot length (a short frame). tshark 4.0 shows the fields up to the cut and
// names the SPI in Info only once it has read it. Its tshark output is the CLI
// golden cases *-ipsec-ah (node scripts/record-goldens.mjs --set cli). From the
// repository root:
//   node --import ./scripts/fuzz/register-ts.mjs packages/core/test/network/make-ipsec-ah-capture.ts
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PcapWriter } from '@netdissect/core';
import { concat, ethernet, ipv4, ipv6, packets, udp } from '../../../../test/support/frame-builders.js';

const out = join(dirname(fileURLToPath(import.meta.url)), 'captures', 'ipsec-ah.pcap');

const HOST6 = [0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2];
const OSPF6_ROUTERS = [0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5];
const A = [10, 0, 0, 1];
const B = [10, 0, 0, 2];
const NO_NEXT_HEADER = 59;

/**
 * An AH header: `words` is the Payload Len field (the header's length in 32-bit words, minus 2); the ICV fills
 * the rest. With 0 words the sequence number still follows the 8 bytes the header says it has.
 */
function ah(next: number, words: number, spi: number, seq: number): Uint8Array {
  const h = new Uint8Array(Math.max(12, (words + 2) * 4));
  const dv = new DataView(h.buffer);
  h[0] = next;
  h[1] = words;
  dv.setUint32(4, spi);
  dv.setUint32(8, seq);
  for (let i = 12; i < h.length; i++) h[i] = i - 12;
  return h;
}

const header = ah(NO_NEXT_HEADER, 4, 0x2b4f4b0d, 7);
const ah6 = (payload: Uint8Array) => ethernet(0x86dd, ipv6({ src: HOST6, dst: OSPF6_ROUTERS, nextHeader: 51 }, payload));
const ah4 = (payload: Uint8Array) => ethernet(0x0800, ipv4({ src: A, dst: B, protocol: 51, id: 1 }, payload));

/** The frame with its IP payload or total length said to be `n` bytes after the IP header, the bytes past it dropped. */
function shortLength(frame: Uint8Array, ipHeaderLen: number, n: number): Uint8Array {
  const f = frame.slice(0, 14 + ipHeaderLen + n);
  const dv = new DataView(f.buffer);
  if (ipHeaderLen === 40) dv.setUint16(14 + 4, n);
  else dv.setUint16(14 + 2, 20 + n);
  return f;
}

const whole6 = ah6(header);
const whole4 = ah4(header);
const frames = [
  whole6,
  ah6(concat(ah(17, 4, 0x1000, 1), udp(40000, 40001, Uint8Array.of(1, 2, 3, 4)))),
  ah6(ah(NO_NEXT_HEADER, 1, 0x2000, 2)),
  // Payload Len 0: an 8-byte header, whose sequence number lies past it (read all the same, as the data that follows).
  ah6(ah(NO_NEXT_HEADER, 0, 0x3000, 3)),
  ...[1, 2, 3, 6, 8, 9, 11, 12, 13, 20].map((n) => shortLength(whole6, 40, n)),
  whole4,
  ah4(concat(ah(17, 4, 0x4000, 4), udp(40000, 40001, Uint8Array.of(5, 6, 7, 8)))),
  ...[1, 6, 9, 13].map((n) => shortLength(whole4, 20, n)),
];
// Then snapshot-length cuts of the whole IPv6 one, after 1, 2, 6, 9, 13 and 20 bytes of AH.
const cuts = [1, 2, 6, 9, 13, 20];

const records = packets([...frames, ...cuts.map(() => whole6)], 1000);
cuts.forEach((n, i) => {
  const r = records[frames.length + i]!;
  r.caplen = 14 + 40 + n;
  r.bytes = r.bytes.subarray(0, r.caplen);
});
const writer = await PcapWriter.open(out);
await writer.writeBatch(records);
await writer.close();
console.log(`wrote ${out}`);
