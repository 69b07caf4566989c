// tshark -2 reads a capture file twice. netdissect's second pass reads a file
// again too (keeping only where each frame lies) and copies frames only from
// a pipe or a stream: both must give the same frames, reassembled data and
// columns, and a file's second pass must not hold the file in memory.
import { createReadStream, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { CaptureFileError, CaptureReader, DissectionSession, dissectCapture, type CaptureInput } from '@netdissect/core';
import { afterAll, describe, expect, it } from 'vitest';
import '../../packages/cli/src/protocols.js';
import { corpusAvailable, corpusPath } from '../support/paths.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const tmp = mkdtempSync(join(tmpdir(), 'netdissect-two-pass-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The second pass of a two-pass run: each frame's number, columns and reassembled data. */
async function secondPass(input: CaptureInput): Promise<{ rows: string[]; error: unknown }> {
  const session = new DissectionSession();
  const reader = await CaptureReader.open(input);
  const rows: string[] = [];
  let error: unknown = null;
  try {
    await dissectCapture(reader, session, { tree: null, twoPass: true }, ({ pinfo }) => {
      const reassembled = pinfo.dataSources.map((ds) => `${ds.name}=${Buffer.from(ds.bytes).toString('base64')}`);
      rows.push([pinfo.num, pinfo.cols.protocol, pinfo.cols.info, ...reassembled].join('\t'));
    });
  } catch (err) {
    error = err;
  } finally {
    await reader.close();
  }
  return { rows, error };
}

/** A pcap of `count` Ethernet/IPv4/UDP frames of `size` bytes each (port 9, discard: shown as data). */
function udpCapture(path: string, count: number, size: number): void {
  const record = 16 + size;
  const out = Buffer.alloc(24 + count * record);
  out.writeUInt32LE(0xa1b2c3d4, 0);
  out.writeUInt16LE(2, 4);
  out.writeUInt16LE(4, 6);
  out.writeUInt32LE(262144, 16);
  out.writeUInt32LE(1, 20);
  for (let i = 0; i < count; i++) {
    const at = 24 + i * record;
    out.writeUInt32LE(1_700_000_000 + i, at);
    out.writeUInt32LE(size, at + 8);
    out.writeUInt32LE(size, at + 12);
    const f = at + 16;
    out.set([0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 6, 8, 0], f);
    out.set([0x45, 0, (size - 14) >> 8, (size - 14) & 255, 0, 0, 0x40, 0, 64, 17, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2], f + 14);
    out.set([0x30, 0x39, 0, 9, (size - 34) >> 8, (size - 34) & 255, 0, 0], f + 34);
    out.fill(i & 255, f + 42, f + size);
  }
  writeFileSync(path, out);
}

describe.skipIf(!corpusAvailable())('two passes over a file and over a stream', () => {
  it.each(['http/http-post-large.pcap', 'smtp/mail_sender_attachment.pcapng', 'tcp/206_example_c.pcap', 'imap/ndpi-imap.pcap'])(
    '%s: the file read again gives what the copies of a stream give',
    async (rel) => {
      const fromFile = await secondPass(corpusPath(rel));
      const fromStream = await secondPass(createReadStream(corpusPath(rel)));
      expect(fromFile.error).toBeNull();
      expect(fromStream.error).toBeNull();
      expect(fromFile.rows.some((r) => r.includes('Reassembled'))).toBe(true);
      expect(fromFile.rows).toEqual(fromStream.rows);
    },
  );
});

describe('two passes over a capture file', () => {
  it('keeps no copy of the frames between the passes', async () => {
    const path = join(tmp, 'large-frames.pcap');
    udpCapture(path, 6000, 8000);
    const session = new DissectionSession();
    const reader = await CaptureReader.open(path);
    gc();
    gc();
    const before = process.memoryUsage().arrayBuffers;
    let between = 0;
    let frames = 0;
    await dissectCapture(
      reader,
      session,
      {
        tree: null,
        twoPass: true,
        beforeSecondPass: () => {
          // V8 frees dead array buffers on a background sweeper; the second collection waits for the first's
          // sweep (on a loaded machine the count read right after one collection still held 47 MB of dead chunks).
          gc();
          gc();
          between = process.memoryUsage().arrayBuffers - before;
        },
      },
      () => {
        frames++;
      },
    );
    await reader.close();
    expect(frames).toBe(6000);
    // 48 MB of frames: copies would hold all of them. The reader's chunks are a few MB, more while reads
    // started ahead are in flight on a loaded machine (16 MB seen once), hence the margin.
    expect(between / 1048576).toBeLessThan(24);
  });

  it('builds columns on the second pass only, and leaves out the frames secondPassNeeds declines', async () => {
    const path = join(tmp, 'columns.pcap');
    udpCapture(path, 40, 100);
    const session = new DissectionSession();
    const reader = await CaptureReader.open(path);
    const firstPassInfo: string[] = [];
    const shown: string[] = [];
    await dissectCapture(
      reader,
      session,
      {
        tree: null,
        twoPass: true,
        secondPassNeeds: (pinfo) => {
          firstPassInfo.push(pinfo.cols.protocol + pinfo.cols.info);
          return pinfo.num % 3 === 0;
        },
      },
      ({ pinfo }) => {
        shown.push(`${pinfo.num} ${pinfo.cols.protocol}`);
      },
    );
    await reader.close();
    expect(firstPassInfo).toEqual(Array(40).fill(''));
    expect(shown).toEqual(Array.from({ length: 13 }, (_, i) => `${3 * (i + 1)} UDP`));
    expect(session.columns).toBe(true);
  });

  it('stops its second pass where a damaged file stopped the first, then reports the damage', async () => {
    const path = join(tmp, 'truncated.pcap');
    udpCapture(path, 500, 1200);
    truncateSync(path, 24 + 300 * (16 + 1200) + 700);
    const fromFile = await secondPass(path);
    const fromStream = await secondPass(createReadStream(path));
    expect(fromFile.rows).toHaveLength(300);
    expect(fromFile.rows).toEqual(fromStream.rows);
    expect(fromFile.error).toBeInstanceOf(CaptureFileError);
    expect(String(fromFile.error)).toBe(String(fromStream.error).replace('"(stream)"', JSON.stringify(path)));
  });
});
