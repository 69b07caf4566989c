// Differential test: the npm `pcap-parser` package (an independent reader of
// microsecond classic pcap) and netdissect's CaptureReader must agree, packet
// for packet, on every microsecond classic pcap in ../shared/captures.
//
// Compared: every file whose magic is a1b2c3d4 in either byte order (sniffed,
// not guessed from the name). Skipped: pcapng and nanosecond pcap (pcap-parser
// reads neither). malformed/suri-smtp-to-comma.pcap is compared up to the
// damaged record: pcap-parser silently stops there (it waits for a 3.9 GB
// packet that never comes), netdissect delivers the same 18 packets and then
// reports the damage.
import { createRequire } from 'node:module';
import type { EventEmitter } from 'node:events';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CaptureFileError, CaptureReader, sniffCaptureFormat } from '../packages/core/src/capture/index.js';

interface PcapParserPacket {
  header: { timestampSeconds: number; timestampMicroseconds: number; capturedLength: number; originalLength: number };
  data: Buffer;
}
interface PcapParserGlobalHeader {
  majorVersion: number;
  minorVersion: number;
  snapshotLength: number;
  linkLayerType: number;
}
const pcapParser = createRequire(import.meta.url)('pcap-parser') as { parse(input: string): EventEmitter };

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const capturesDir = resolve(repoRoot, '../shared/captures');

function* walk(dir: string): Generator<string> {
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) yield* walk(full);
    else if (/\.(pcap|pcapng)$/.test(name)) yield full;
  }
}

const all = [...walk(capturesDir)].map((f) => relative(capturesDir, f).split('\\').join('/'));
const compared = all.filter((rel) => {
  const sniffed = sniffCaptureFormat(readFileSync(join(capturesDir, rel)).subarray(0, 12));
  return sniffed?.format === 'pcap' && !sniffed.nanosecond;
});

function parseWithPcapParser(path: string): Promise<{ header: PcapParserGlobalHeader | undefined; packets: PcapParserPacket[] }> {
  return new Promise((resolvePromise, reject) => {
    const parser = pcapParser.parse(path);
    let header: PcapParserGlobalHeader | undefined;
    const packets: PcapParserPacket[] = [];
    parser.on('globalHeader', (h: PcapParserGlobalHeader) => (header = h));
    parser.on('packet', (p: PcapParserPacket) => packets.push(p));
    parser.on('error', reject);
    parser.on('end', () => resolvePromise({ header, packets }));
  });
}

describe('pcap-parser and CaptureReader agree on microsecond pcap files', () => {
  it('compares a meaningful set of files', () => {
    // 58 of the 81 corpus files are microsecond classic pcap (21 are pcapng, 2 nanosecond pcap).
    expect(compared.length).toBeGreaterThanOrEqual(58);
    expect(compared).toContain('formats/bigendian.pcap');
    expect(compared).not.toContain('pop3/ndpi-pop3.pcap'); // really pcapng
    expect(compared).not.toContain('formats/nanosecs_big_endian.pcap');
  });

  for (const rel of compared) {
    it(rel, async () => {
      const path = join(capturesDir, rel);
      const theirs = await parseWithPcapParser(path);
      const reader = await CaptureReader.open(path);
      const ours: { tsSec: number; tsNsec: number; caplen: number; len: number; bytes: Buffer }[] = [];
      let error: unknown;
      try {
        for await (const batch of reader.batches()) {
          for (const p of batch) ours.push({ tsSec: p.tsSec, tsNsec: p.tsNsec, caplen: p.caplen, len: p.len, bytes: Buffer.from(p.bytes) });
        }
      } catch (err) {
        error = err;
      }
      if (rel === 'malformed/suri-smtp-to-comma.pcap') {
        expect(error).toBeInstanceOf(CaptureFileError);
        expect(ours.length).toBe(18);
      } else {
        expect(error).toBeUndefined();
      }

      expect(theirs.header).toBeDefined();
      expect(reader.info.versionMajor).toBe(theirs.header!.majorVersion);
      expect(reader.info.versionMinor).toBe(theirs.header!.minorVersion);
      expect(reader.info.snaplen).toBe(theirs.header!.snapshotLength);
      expect(reader.info.linktype).toBe(theirs.header!.linkLayerType);

      expect(ours.length).toBe(theirs.packets.length);
      const mismatches: string[] = [];
      theirs.packets.forEach((t, i) => {
        const o = ours[i]!;
        const h = t.header;
        if (o.tsSec !== h.timestampSeconds || o.tsNsec !== h.timestampMicroseconds * 1000 || o.caplen !== h.capturedLength || o.len !== h.originalLength) {
          mismatches.push(`packet ${i + 1}: header ours ${JSON.stringify([o.tsSec, o.tsNsec, o.caplen, o.len])} theirs ${JSON.stringify(h)}`);
        }
        if (!o.bytes.equals(t.data)) mismatches.push(`packet ${i + 1}: bytes differ`);
      });
      expect(mismatches).toEqual([]);
    });
  }
});
