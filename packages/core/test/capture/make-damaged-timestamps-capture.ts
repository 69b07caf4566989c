// Writes captures/timestamp-fractions-usec.pcap and -nsec.pcap: the same ARP
// request seven times, a second apart, whose record headers give fractions of
// a second a damaged file may hold: in range, 2^31, values whose microseconds
// times 1000 wrap in wiretap's 32-bit arithmetic, 2^32 - 1 (-1 as a signed
// int), more than a second, and the largest valid one. tshark shows them as
// wiretap reads them (a signed 32-bit count of nanoseconds) with an expert
// note on the frame; its output is the CLI golden cases *-timestamp-fractions
// (node scripts/record-goldens.mjs --set cli). The bytes are written by hand:
// a capture writer would refuse such times. From the repository root:
//   node --import ./scripts/fuzz/register-ts.mjs packages/core/test/capture/make-damaged-timestamps-capture.ts
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pcapFileHeader } from './pcapng-builder.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'captures');
const arpRequest = Buffer.from('ffffffffffff020000000002080600010800060400010200000000020a0000010000000000000a000002', 'hex');

function capture(magic: number, fractions: readonly number[]): Buffer {
  const header = pcapFileHeader(magic);
  const records = fractions.map((frac, i) => {
    const r = Buffer.alloc(16);
    r.writeUInt32LE(1_700_000_000 + i, 0);
    r.writeUInt32LE(frac, 4);
    r.writeUInt32LE(arpRequest.length, 8);
    r.writeUInt32LE(arpRequest.length, 12);
    return Buffer.concat([r, arpRequest]);
  });
  return Buffer.concat([header, ...records]);
}

const PCAP_USEC = 0xa1b2c3d4;
const PCAP_NSEC = 0xa1b23c4d;
writeFileSync(join(dir, 'timestamp-fractions-usec.pcap'), capture(PCAP_USEC, [5, 0x80000000, 3174374232, 0xffffffff, 1_500_000, 999_999, 2_200_000]));
writeFileSync(join(dir, 'timestamp-fractions-nsec.pcap'), capture(PCAP_NSEC, [5, 0x80000000, 3174374232, 0xffffffff, 1_500_000_000, 999_999_999, 2_200_000_000]));
console.log(`wrote ${dir}/timestamp-fractions-{usec,nsec}.pcap`);
