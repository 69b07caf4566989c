// Writes captures/pcap-variant-*.pcap: the pcap variants with longer record
// headers, and files that make wiretap's guess among them choose one:
//   ss990417   standard magic, 24-byte headers (ifindex, protocol, packet type)
//   nokia      standard magic, 20-byte headers (4 bytes Nokia IPSO adds)
//   ss991029   magic a1b2cd34, 24-byte headers
//   ss990915   magic a1b2cd34, 28-byte headers (two CPU numbers more)
//   third-record   a Nokia file of two records that also reads as standard
//              pcap for two records, the third of which (inside the second
//              Nokia record's data) has a fraction of a second past 10^6: the
//              guess reads three records, so it is taken for Nokia.
// Its tshark output is the CLI golden cases *-pcap-variant-* (node
// scripts/record-goldens.mjs --set cli). The bytes are written by hand: the
// capture writers write standard pcap only. From the repository root:
//   node --import ./scripts/fuzz/register-ts.mjs packages/core/test/capture/make-pcap-variant-captures.ts
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ethernet, ipv4, latin1, udp } from '../../../../test/support/frame-builders.js';
import { pcapFileHeader } from './pcapng-builder.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'captures');
const STANDARD_MAGIC = 0xa1b2c3d4;
const MODIFIED_MAGIC = 0xa1b2cd34;

// A DNS query for example.com, type A, from a different port each time.
const query = (id: number): Uint8Array => Uint8Array.of(id >> 8, id & 0xff, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 7, ...latin1('example'), 3, ...latin1('com'), 0, 0, 1, 0, 1);
const frame = (i: number): Uint8Array =>
  ethernet(0x0800, ipv4({ src: [192, 0, 2, 1], dst: [192, 0, 2, 53], protocol: 17, id: i + 1 }, udp(40000 + i, 53, query(0x1000 + i))));

/** A record: the 16 standard bytes, then `extra` (the variant's added fields), then the data. */
function record(i: number, data: Uint8Array, extra: Uint8Array): Buffer {
  const r = Buffer.alloc(16);
  r.writeUInt32LE(1_700_000_000 + i, 0);
  r.writeUInt32LE(250_000 * i, 4);
  r.writeUInt32LE(data.length, 8);
  r.writeUInt32LE(data.length, 12);
  return Buffer.concat([r, extra, data]);
}

// ifindex 2, protocol 0x0800 (big-endian as the kernel gives it), packet type 0 (to us), padding; ss990915 adds two CPU numbers and padding.
const modifiedFields = Uint8Array.of(2, 0, 0, 0, 0x08, 0x00, 0, 0);
const variants: Record<string, { magic: number; extra: Uint8Array }> = {
  ss990417: { magic: STANDARD_MAGIC, extra: modifiedFields },
  nokia: { magic: STANDARD_MAGIC, extra: Uint8Array.of(0, 0, 0, 0) },
  ss991029: { magic: MODIFIED_MAGIC, extra: modifiedFields },
  ss990915: { magic: MODIFIED_MAGIC, extra: Uint8Array.of(...modifiedFields, 0, 1, 0, 0) },
};
for (const [name, v] of Object.entries(variants)) {
  const records = [0, 1, 2, 3].map((i) => record(i, frame(i), v.extra));
  writeFileSync(join(dir, `pcap-variant-${name}.pcap`), Buffer.concat([pcapFileHeader(v.magic), ...records]));
}

// Read as standard pcap, record 2's header is the last 4 bytes of record 1's
// data and the first 12 of Nokia record 2's header: its fraction is Nokia's
// seconds, its lengths Nokia's fraction and captured length.
{
  const first = Buffer.from(frame(0));
  const second = Buffer.from(frame(1));
  const r1 = Buffer.alloc(20);
  r1.writeUInt32LE(1_700_000_000, 0);
  r1.writeUInt32LE(0, 4);
  r1.writeUInt32LE(first.length, 8);
  r1.writeUInt32LE(first.length, 12);
  const r2 = Buffer.alloc(20);
  r2.writeUInt32LE(1000, 0); // standard record 2's fraction: plausible
  r2.writeUInt32LE(30, 4); // standard record 2's captured length
  r2.writeUInt32LE(second.length, 8);
  r2.writeUInt32LE(second.length, 12);
  // Standard record 3 starts 30 bytes after standard record 2's header, 22 bytes into Nokia record 2's data: a fraction of 2,000,000 there.
  second.writeUInt32LE(2_000_000, 22 + 4);
  writeFileSync(join(dir, 'pcap-variant-third-record.pcap'), Buffer.concat([pcapFileHeader(STANDARD_MAGIC), r1, first, r2, second]));
}
console.log(`wrote ${dir}/pcap-variant-*.pcap`);
