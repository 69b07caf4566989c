// pcapng features checked on small built files: timestamp resolutions and
// offsets (exact, compared with BigInt arithmetic), SPB/PB, options, sections.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { CaptureFileError } from '../../src/capture/capture-error.js';
import { TS_PRECISION_PER_PACKET } from '../../src/capture/capture-info.js';
import { tsPrecisionForUnits, unitsForTsresol } from '../../src/capture/pcapng-reader.js';
import { readAll } from './corpus.js';
import { PcapngBuilder } from './pcapng-builder.js';

const tmp = mkdtempSync(join(tmpdir(), 'netdissect-pcapng-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;
function tempFile(bytes: Uint8Array): string {
  const path = join(tmp, `f${n++}.pcapng`);
  writeFileSync(path, bytes);
  return path;
}

/** wiretap's conversion: the nanoseconds' product is a 64-bit one, which wraps beyond about 1.8e10 units a second (as tshark shows them). */
function reference(ts: bigint, units: bigint, offset: bigint): [number, number] {
  return [Number(ts / units + offset), Number((((ts % units) * 1_000_000_000n) % (1n << 64n)) / units)];
}

const resolutions: { tsresol: number | undefined; precision: number }[] = [
  { tsresol: undefined, precision: 6 }, // default: microseconds
  { tsresol: 0, precision: 0 }, // seconds
  { tsresol: 1, precision: 1 },
  { tsresol: 2, precision: 2 },
  { tsresol: 3, precision: 3 },
  { tsresol: 6, precision: 6 },
  { tsresol: 9, precision: 9 },
  { tsresol: 12, precision: 9 },
  { tsresol: 15, precision: 9 },
  { tsresol: 19, precision: 9 },
  { tsresol: 0x80 | 0, precision: 0 }, // 2^0
  { tsresol: 0x80 | 10, precision: 3 }, // 1024 units per second
  { tsresol: 0x80 | 20, precision: 6 },
  { tsresol: 0x80 | 30, precision: 9 },
  { tsresol: 0x80 | 36, precision: 9 },
  { tsresol: 0x80 | 40, precision: 9 },
  { tsresol: 0x80 | 63, precision: 9 },
];

const timestamps = [0n, 1n, 999_999n, 1_000_000n, 1_700_000_000_123_456n, 1_700_000_000_123_456_789n, (1n << 53n) - 1n, 1n << 53n, (1n << 63n) + 12345n, (1n << 64n) - 1n];
const offsets = [0n, 3600n, -86400n];

describe('pcapng timestamps', () => {
  it('if_tsresol gives wiretap units per second and precision', () => {
    expect(unitsForTsresol(6)).toBe(1_000_000n);
    expect(unitsForTsresol(0x80 | 10)).toBe(1024n);
    expect(unitsForTsresol(20)).toBe(0xffffffffffffffffn); // out of range, as wiretap
    expect(unitsForTsresol(0x80 | 64)).toBe(0xffffffffffffffffn);
    expect(tsPrecisionForUnits(1e9)).toBe(9);
    expect(tsPrecisionForUnits(999_999)).toBe(3);
    expect(tsPrecisionForUnits(99)).toBe(1);
  });

  for (const { tsresol, precision } of resolutions) {
    for (const offset of offsets) {
      it(`tsresol ${tsresol === undefined ? 'default' : `0x${tsresol.toString(16)}`}, offset ${offset}`, async () => {
        const options = [];
        if (tsresol !== undefined) options.push({ code: 9, value: Uint8Array.of(tsresol) });
        const b = new PcapngBuilder();
        if (offset !== 0n) options.push({ code: 14, value: b.u64(offset) });
        b.shb().idb(1, 0, options);
        for (const ts of timestamps) b.epb(0, ts, Uint8Array.of(1, 2, 3));
        const result = await readAll(tempFile(b.bytes()));
        expect(result.error).toBeUndefined();
        const units = tsresol === undefined ? 1_000_000n : unitsForTsresol(tsresol);
        expect(result.packets.map((p) => [p.tsSec, p.tsNsec])).toEqual(timestamps.map((ts) => reference(ts, units, offset)));
        expect(result.packets.every((p) => p.tsPrecision === precision)).toBe(true);
        expect(result.reader.info.interfaces[0]!.tsOffset).toBe(Number(offset));
        expect(result.reader.info.tsPrecision).toBe(precision);
      });
    }
  }

  it('interfaces with different resolutions make the file-level precision per-packet', async () => {
    const b = new PcapngBuilder()
      .shb()
      .idb(1, 0, [{ code: 9, value: Uint8Array.of(9) }])
      .idb(113, 0, [{ code: 9, value: Uint8Array.of(6) }])
      .epb(0, 1_000_000_000_123_456_789n, Uint8Array.of(1))
      .epb(1, 1_000_000_000_123_456n, Uint8Array.of(2));
    const result = await readAll(tempFile(b.bytes()));
    expect(result.reader.info.tsPrecision).toBe(TS_PRECISION_PER_PACKET);
    expect(result.packets.map((p) => [p.tsSec, p.tsNsec, p.tsPrecision, p.linktype, p.interfaceId])).toEqual([
      [1_000_000_000, 123_456_789, 9, 1, 0],
      [1_000_000_000, 123_456_000, 6, 113, 1],
    ]);
  });
});

describe('pcapng blocks', () => {
  const data = (len: number) => Uint8Array.from({ length: len }, (_, i) => i & 0xff);

  it('Simple Packet Blocks: caplen = min(original length, snaplen), no timestamp, interface 0', async () => {
    const b = new PcapngBuilder()
      .shb()
      .idb(1, 64, [{ code: 9, value: Uint8Array.of(9) }])
      .idb(0, 0)
      .spb(100, data(64)) // cut by the snaplen
      .spb(30, data(30)); // shorter than the snaplen
    const result = await readAll(tempFile(b.bytes()));
    expect(result.error).toBeUndefined();
    expect(result.packets.map((p) => [p.caplen, p.len, p.tsSec, p.tsNsec, p.interfaceId, p.linktype, p.tsPrecision])).toEqual([
      [64, 100, 0, 0, 0, 1, 9],
      [30, 30, 0, 0, 0, 1, 9],
    ]);
    expect(result.packets[0]!.bytes).toEqual(data(64));
  });

  it('a Simple Packet Block is as long as its data: too short for it, or holding more, the file is damaged there (as wiretap reads it)', async () => {
    const head = () => new PcapngBuilder().shb().idb(1, 64).spb(20, data(20));
    // 40 of the 50 bytes the block says the packet has, within the snaplen.
    const short = await readAll(tempFile(head().spb(50, data(40)).bytes()));
    expect(short.packets.map((p) => p.caplen)).toEqual([20]);
    expect(short.error).toBeInstanceOf(CaptureFileError);
    expect((short.error as CaptureFileError).detail).toBe('simple packet block total length 56 is too small for 50 bytes of packet data');
    // 24 bytes of data for a 20-byte packet: wiretap reads the trailer after the 20 and finds packet bytes there.
    const long = await readAll(tempFile(head().spb(20, data(24)).bytes()));
    expect(long.packets.map((p) => p.caplen)).toEqual([20]);
    expect(long.error).toBeInstanceOf(CaptureFileError);
    expect((long.error as CaptureFileError).detail).toMatch(/^block total lengths don't match \(first 40, second \d+\)$/);
  });

  it('obsolete Packet Blocks, with 16-bit interface ids and comments', async () => {
    const b = new PcapngBuilder()
      .shb()
      .idb(1, 0)
      .idb(101, 0)
      .pb(1, 5_000_001n, data(7), { len: 9, options: [{ code: 1, value: 'old block' }] });
    const result = await readAll(tempFile(b.bytes()));
    expect(result.error).toBeUndefined();
    expect(result.packets.map((p) => [p.interfaceId, p.linktype, p.caplen, p.len, p.tsSec, p.tsNsec, p.comments])).toEqual([[1, 101, 7, 9, 5, 1000, ['old block']]]);
  });

  it('keeps every opt_comment of a packet, skips other options, and reads SHB and IDB options', async () => {
    const b = new PcapngBuilder()
      .shb([
        { code: 1, value: 'first section comment' },
        { code: 2, value: 'hw' },
        { code: 3, value: 'os' },
        { code: 4, value: 'app' },
        { code: 1, value: 'second section comment' },
      ])
      .idb(1, 0, [
        { code: 2, value: 'eth0' },
        { code: 3, value: 'uplink' },
        { code: 13, value: Uint8Array.of(32) },
      ])
      .epb(0, 1n, data(5), {
        options: [
          { code: 2, value: Uint8Array.of(0, 0, 0, 0) }, // epb_flags
          { code: 1, value: 'one' },
          { code: 0x8001, value: 'local option' },
          { code: 1, value: 'two, with ünïcode' },
        ],
      })
      .epb(0, 2n, data(6));
    const result = await readAll(tempFile(b.bytes()));
    expect(result.error).toBeUndefined();
    expect(result.packets.map((p) => p.comments)).toEqual([['one', 'two, with ünïcode'], undefined]);
    const info = result.reader.info;
    expect(info.sectionComments).toEqual(['first section comment', 'second section comment']);
    expect(info.sections[0]).toMatchObject({ hardware: 'hw', os: 'os', userApplication: 'app' });
    expect(info.interfaces[0]).toMatchObject({ name: 'eth0', description: 'uplink', fcsLengthBytes: 4 });
  });

  it('skips NRB, ISB, DSB and unknown blocks by their length; custom blocks are records, as tshark numbers them', async () => {
    const b = new PcapngBuilder().shb().idb(1, 0);
    b.block(4, [Uint8Array.of(1, 0, 8, 0, 10, 0, 0, 1, 104, 111, 115, 116), new Uint8Array(4)]); // NRB: ipv4 record + end
    b.epb(0, 10n, data(3));
    b.block(5, [new Uint8Array(12)]); // ISB
    b.block(0x0a, [Uint8Array.of(0x4b, 0x53, 0x4c, 0x54, 4, 0, 0, 0, 1, 2, 3, 4)]); // DSB
    b.block(0x0bad, [Uint8Array.of(0, 0, 0x7e, 0x2b), data(9), new Uint8Array(3)]); // custom block
    b.block(0x40000bad, [new Uint8Array(8)]);
    b.block(0x12345678, [data(20)]); // unknown
    b.epb(0, 20n, data(4));
    const result = await readAll(tempFile(b.bytes()));
    expect(result.error).toBeUndefined();
    expect(result.packets.map((p) => [p.no, p.tsNsec, p.custom?.pen ?? null, p.custom?.copyAllowed ?? null, p.caplen])).toEqual([
      [1, 10_000, null, null, 3],
      // Custom blocks have no time of their own: they carry the packet's before them, as wiretap's reused record does.
      [2, 10_000, 0x2b7e0000, true, 12], // the PEN bytes 00 00 7e 2b, little-endian section
      [3, 10_000, 0, false, 4],
      [4, 20_000, null, null, 4],
    ]);
    expect(result.packets.filter((p) => p.hasTimestamp === false).map((p) => p.no)).toEqual([2, 3]);
  });

  it('sections of different byte order restart interface numbering; frame numbers run on', async () => {
    const b = new PcapngBuilder()
      .shb([{ code: 1, value: 'le' }], { littleEndian: true })
      .idb(1, 0)
      .idb(0, 0)
      .epb(1, 1n, data(4))
      .shb([{ code: 1, value: 'be' }], { littleEndian: false })
      .idb(228, 0, [{ code: 9, value: Uint8Array.of(9) }])
      .epb(0, 2n, data(5))
      .spb(5, data(5));
    const bytes = b.bytes();
    const result = await readAll(tempFile(bytes));
    expect(result.error).toBeUndefined();
    expect(result.packets.map((p) => [p.no, p.interfaceId, p.linktype, p.tsNsec, p.tsPrecision])).toEqual([
      [1, 1, 0, 1000, 6],
      [2, 0, 228, 2, 9],
      [3, 0, 228, 0, 9],
    ]);
    expect(result.reader.info.sections.map((s) => s.littleEndian)).toEqual([true, false]);
    expect(result.reader.info.sectionComments).toEqual(['le', 'be']);
    expect(result.reader.info.interfaces.map((i) => [i.section, i.id, i.linktype])).toEqual([
      [0, 0, 1],
      [0, 1, 0],
      [1, 0, 228],
    ]);
    // Same through a stream delivering a byte at a time.
    const streamed = await readAll(Readable.from([...bytes].map((x) => Buffer.of(x))), { chunkSize: 3 });
    expect(streamed.packets.map((p) => p.no)).toEqual([1, 2, 3]);
  });

  it('rounds block lengths that are not a multiple of 4, as wiretap does', async () => {
    const b = new PcapngBuilder().shb().idb(1, 0);
    // An EPB of 3 data bytes whose length fields leave out the padding byte.
    const good = new PcapngBuilder().shb().idb(1, 0).bytes().length;
    b.epb(0, 1n, data(3));
    const bytes = b.bytes();
    const dv = new DataView(bytes.buffer);
    dv.setUint32(good + 4, 32 + 3 - 1, true);
    dv.setUint32(bytes.length - 4, 32 + 3 - 1, true);
    const result = await readAll(tempFile(bytes));
    expect(result.error).toBeUndefined();
    expect(result.packets.map((p) => p.caplen)).toEqual([3]);
  });

  it('lists the interfaces declared before the first packet as soon as it is open', async () => {
    const b = new PcapngBuilder().shb().idb(1, 0).idb(113, 0).epb(0, 1n, data(4)).idb(276, 0).epb(2, 2n, data(4));
    const { CaptureReader } = await import('../../src/capture/capture-reader.js');
    const reader = await CaptureReader.open(tempFile(b.bytes()));
    expect(reader.info.interfaces.map((i) => i.linktype)).toEqual([1, 113]);
    const seen: number[] = [];
    for await (const p of reader.packets()) seen.push(p.linktype);
    expect(seen).toEqual([1, 276]);
    expect(reader.info.interfaces.map((i) => i.linktype)).toEqual([1, 113, 276]);
  });
});
