// Writes captures/io-stat-*.pcap: three DNS queries each, the last one at a
// time whose rounding for -z io,stat carries it into another magnitude
// (9.609766 s shown to whole seconds is 10; 99.7 s is 100; 9.96 s to a tenth
// is 10.0), where tshark 4.0 widens the columns but writes the times as
// wide as before. Their tshark output is the CLI golden cases
// z-io-stat-rounded-*. From the repository root:
//   node --import ./scripts/fuzz/register-ts.mjs packages/cli/test/stats/make-io-stat-captures.ts
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PcapWriter, type RawPacket } from '@netdissect/core';
import { ethernet, ipv4, packets, udp } from '../../../../test/support/frame-builders.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'captures');

/** A query for www.lab.example, type A. */
function dnsQuery(id: number): Uint8Array {
  const name = [3, ...Buffer.from('www'), 3, ...Buffer.from('lab'), 7, ...Buffer.from('example'), 0];
  return Uint8Array.from([id >> 8, id & 0xff, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, ...name, 0, 1, 0, 1]);
}

/** Frames at the given offsets in microseconds from the first. */
function at(offsetsUs: readonly number[]): RawPacket[] {
  const frames = offsetsUs.map((_, i) =>
    ethernet(0x0800, ipv4({ src: [10, 77, 0, 2], dst: [10, 77, 0, 1], protocol: 17 }, udp(40000 + i, 53, dnsQuery(0x1000 + i)))),
  );
  return packets(frames).map((p, i) => {
    const t = 1_700_000_000_000_000 + offsetsUs[i]!;
    return { ...p, tsSec: Math.floor(t / 1e6), tsNsec: (t % 1e6) * 1000 };
  });
}

const captures: Record<string, number[]> = {
  'io-stat-9.6s.pcap': [0, 3_200_000, 9_609_766],
  'io-stat-99.7s.pcap': [0, 50_000_000, 99_700_000],
  'io-stat-9.96s.pcap': [0, 4_000_000, 9_960_000],
};
for (const [name, offsets] of Object.entries(captures)) {
  const writer = await PcapWriter.open(join(dir, name));
  await writer.writeBatch(at(offsets));
  await writer.close();
}
