// Writes captures/ipsec-esp.pcap: IPsec ESP (RFC 4303) over IPv4 and IPv6
// with encrypted payloads tshark cannot open: the SPI and sequence number,
// and tshark's sequence analysis per SPI across the capture (numbers
// missing, a number lower than expected, the wrap after 2^32 - 1, another
// SPI in between, an AH-protected ESP packet, numbers repeated), then
// headers cut after the SPI by the IP length and by the snapshot length.
// Its tshark output is the CLI golden cases *-ipsec-esp
// (node scripts/record-goldens.mjs --set cli).
// From the repository root:
//   node --import ./scripts/fuzz/register-ts.mjs packages/core/test/network/make-ipsec-esp-capture.ts
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PcapWriter } from '@netdissect/core';
import { concat, ethernet, ipv4, ipv6, packets } from '../../../../test/support/frame-builders.js';

const out = join(dirname(fileURLToPath(import.meta.url)), 'captures', 'ipsec-esp.pcap');

const A = [10, 0, 0, 1];
const B = [10, 0, 0, 2];
const A6 = [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];
const B6 = [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2];
const ESP = 50;
const AH = 51;

/** An ESP header and `n` bytes standing for the encrypted payload, padding and ICV. */
function esp(spi: number, seq: number, n = 24): Uint8Array {
  const b = new Uint8Array(8 + n);
  const dv = new DataView(b.buffer);
  dv.setUint32(0, spi);
  dv.setUint32(4, seq);
  for (let i = 8; i < b.length; i++) b[i] = (i * 37) & 0xff;
  return b;
}

const esp4 = (payload: Uint8Array) => ethernet(0x0800, ipv4({ src: A, dst: B, protocol: ESP, id: 1 }, payload));
const esp6 = (payload: Uint8Array) => ethernet(0x86dd, ipv6({ src: A6, dst: B6, nextHeader: ESP }, payload));

/** An AH header (no ICV) in front of an ESP packet, over IPv4. */
function ahThenEsp(spi: number, seq: number): Uint8Array {
  const ah = new Uint8Array(12);
  const dv = new DataView(ah.buffer);
  ah[0] = ESP;
  ah[1] = 1;
  dv.setUint32(4, 0xa0a0);
  dv.setUint32(8, 1);
  return ethernet(0x0800, ipv4({ src: A, dst: B, protocol: AH, id: 2 }, concat(ah, esp(spi, seq))));
}

const frames = [
  esp4(esp(0x1000, 1)),
  esp4(esp(0x1000, 2)),
  // Two numbers missing, then one lower than expected, then one missing again, then in order.
  esp4(esp(0x1000, 5)),
  esp6(esp(0x2000, 7)),
  esp4(esp(0x1000, 4)),
  esp4(esp(0x1000, 6, 0)),
  esp4(esp(0x1000, 7, 3)),
  // The same SPI over IPv6: tshark's analysis goes by SPI only.
  esp6(esp(0x1000, 8)),
  // The wrap: 2^32 - 1, then 0 (expected), then 2 (one missing).
  esp6(esp(0x3000, 0xffffffff)),
  esp6(esp(0x3000, 0)),
  esp6(esp(0x3000, 2)),
  ahThenEsp(0x4000, 9),
  ahThenEsp(0x4000, 11),
  // A number sent twice is "repeated", also 2^32 - 1 twice (whose label still counts 2^32 - 1 missing).
  esp4(esp(0x5000, 10)),
  esp4(esp(0x5000, 10)),
  esp6(esp(0x6000, 0xffffffff)),
  esp6(esp(0x6000, 0xffffffff)),
  // Cut by the IP length after the SPI (malformed) and in the SPI.
  esp4(Uint8Array.of(0, 0, 0x50, 0, 0, 0)),
  esp4(Uint8Array.of(0, 0, 0x60)),
];
// Then the snapshot length cuts one after its SPI.
const records = packets([...frames, esp4(esp(0x1000, 9))], 1000);
const cut = records[records.length - 1]!;
cut.caplen = 14 + 20 + 6;
cut.bytes = cut.bytes.subarray(0, cut.caplen);
const writer = await PcapWriter.open(out);
await writer.writeBatch(records);
await writer.close();
console.log(`wrote ${out}`);
