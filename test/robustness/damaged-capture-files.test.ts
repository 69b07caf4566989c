import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeCapture, type CaptureFormat } from '../fuzz/harness/capture-encoding.js';
import { removeCaptureFiles, writeCapture } from './support/capture-file.js';
import { packets } from '../support/frame-builders.js';
import { dnsPlainQuery } from './support/hostile-captures.js';
import { peakMemoryGrowthMb } from './support/memory-peak.js';
import { netdissect } from './support/terminal-cli.js';

afterAll(removeCaptureFiles);

/**
 * A damaged capture file: every complete packet first, then one line
 * naming the file and the byte offset of the damage, exit status 1; a
 * record announcing a 4 GB packet allocates nothing of the sort.
 */
const GOOD_FRAMES = 3;

/** Three good frames, then a fourth record whose header `damage` changes; returns the file and the fourth record's offset. */
async function damagedFile(name: string, format: CaptureFormat, damage: (bytes: Uint8Array, dv: DataView, record: number) => Uint8Array): Promise<{ path: string; record: number }> {
  const bytes = await encodeCapture(packets(Array.from({ length: GOOD_FRAMES + 1 }, dnsPlainQuery)), format);
  const recordLength = format === 'pcap' ? 16 + dnsPlainQuery().length : 32 + Math.ceil(dnsPlainQuery().length / 4) * 4;
  const record = bytes.length - recordLength;
  const path = await writeCapture(name, []);
  writeFileSync(path, damage(bytes, new DataView(bytes.buffer, bytes.byteOffset), record));
  return { path, record };
}

const CASES: [string, CaptureFormat, (b: Uint8Array, dv: DataView, r: number) => Uint8Array][] = [
  ['pcap record claiming a 4 GB packet', 'pcap', (b, dv, r) => (dv.setUint32(r + 8, 0xfffffff0, true), b)],
  ['pcap cut inside a record header', 'pcap', (b, _dv, r) => b.subarray(0, r + 7)],
  ['pcapng block claiming 4 GB', 'pcapng', (b, dv, r) => (dv.setUint32(r + 4, 0xfffffff0, true), b)],
  ['pcapng block length not a multiple of 4', 'pcapng', (b, dv, r) => (dv.setUint32(r + 4, 33, true), b)],
  ['pcapng block shorter than a block header', 'pcapng', (b, dv, r) => (dv.setUint32(r + 4, 8, true), b)],
  ['pcapng cut inside a block', 'pcapng', (b, _dv, r) => b.subarray(0, r + 20)],
];

describe.each(CASES)('%s', (name, format, damage) => {
  it('shows the complete packets, then one line with the file name and byte offset, status 1', async () => {
    const { path, record } = await damagedFile(`${name.replaceAll(' ', '-')}.${format}`, format, damage);
    const { mb, result: out } = await peakMemoryGrowthMb(() => netdissect(['-r', path], { tty: true }));
    expect(out.stdout.split('\n').filter(Boolean)).toHaveLength(GOOD_FRAMES);
    const errors = out.stderr.split('\n').filter(Boolean);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(path);
    expect(errors[0]).toContain(`byte offset ${record}`);
    expect(out.status).toBe(1);
    expect(mb).toBeLessThan(64);
  });
});
