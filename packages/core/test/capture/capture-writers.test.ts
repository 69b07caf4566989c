// Round trips: what the pcap and pcapng writers write reads back as the same
// packets (timestamps to the nanosecond, lengths, bytes, link types, comments).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { CaptureReader } from '../../src/capture/capture-reader.js';
import { PcapWriter } from '../../src/capture/pcap-writer.js';
import { PcapngWriter } from '../../src/capture/pcapng-writer.js';
import { CaptureWriteError } from '../../src/capture/capture-write-error.js';
import type { RawPacket } from '../../src/capture/raw-packet.js';
import { capturePath, expectSamePackets, loadExpected, readAll } from './corpus.js';

const tmp = mkdtempSync(join(tmpdir(), 'netdissect-writers-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;
const tempPath = (ext: string) => join(tmp, `out${n++}.${ext}`);

const readable = loadExpected()
  .filter((e) => e.error === null)
  .map((e) => e.capture);

/** Copy the input to a writer batch by batch, the way `-w` will. */
async function copy(input: string, writer: { writeBatch(p: readonly RawPacket[]): Promise<void>; close(): Promise<void> }) {
  const reader = await CaptureReader.open(input);
  for await (const batch of reader.batches()) await writer.writeBatch(batch);
  await writer.close();
  return reader.info;
}

describe('pcapng writer round trip over the corpus', () => {
  for (const capture of readable) {
    it(capture, async () => {
      const read = await readAll(capturePath(capture));
      // Custom-block records are not written; a Simple Packet Block comes back with timestamp 0.
      const original = { ...read, packets: read.packets.filter((p) => !p.custom).map((p, i) => ({ ...p, no: i + 1, hasTimestamp: undefined })) };
      const out = tempPath('pcapng');
      await copy(capturePath(capture), await PcapngWriter.open(out));
      const back = await readAll(out);
      expect(back.error).toBeUndefined();
      expect(back.reader.info.format).toBe('pcapng');
      expect(back.reader.info.sections[0]!.userApplication).toBe('netdissect');
      // One IDB per link type, nanosecond resolution: every packet reads back at precision 9.
      const linktypes = [...new Set(original.packets.map((p) => p.linktype))];
      expect(back.reader.info.interfaces.map((i) => i.linktype)).toEqual(linktypes);
      expect(back.packets.every((p) => p.tsPrecision === 9)).toBe(true);
      expect(back.packets.map((p) => p.interfaceId)).toEqual(original.packets.map((p) => linktypes.indexOf(p.linktype)));
      expectSamePackets(back.packets, original.packets, { ignore: ['dataOffset', 'tsPrecision', 'interfaceId'] });
    });
  }

  it("keeps input interfaces apart with interfaces: 'interface'", async () => {
    const path = capturePath('formats/many_interfaces-1.pcapng');
    const original = await readAll(path);
    const out = tempPath('pcapng');
    await copy(path, await PcapngWriter.open(out, { interfaces: 'interface', sectionComments: ['copied'] }));
    const back = await readAll(out);
    const firstSeen = [...new Set(original.packets.map((p) => p.interfaceId))];
    expect(firstSeen).toEqual([0, 10]);
    expect(back.packets.map((p) => p.interfaceId)).toEqual(original.packets.map((p) => firstSeen.indexOf(p.interfaceId)));
    expect(back.reader.info.sectionComments).toEqual(['copied']);
    expectSamePackets(back.packets, original.packets, { ignore: ['dataOffset', 'tsPrecision', 'interfaceId'] });
  });

  it('keeps the packet block options: flags, drop count, packet id, queue', async () => {
    // Both byte orders, an obsolete Packet Block's drops field, 64-bit ids and counts.
    const path = join(import.meta.dirname, 'captures', 'packet-block-options.pcapng');
    const original = await readAll(path);
    expect(original.error).toBeUndefined();
    const out = tempPath('pcapng');
    await copy(path, await PcapngWriter.open(out));
    const back = await readAll(out);
    expect(back.error).toBeUndefined();
    const withOptions = original.packets.filter((p) => p.packFlags !== undefined || p.dropCount !== undefined || p.packetId !== undefined || p.interfaceQueue !== undefined);
    expect(withOptions.length).toBeGreaterThan(20);
    expectSamePackets(back.packets, original.packets, { ignore: ['dataOffset', 'tsPrecision', 'interfaceId'] });
  });

  it('timestamps outside 1970..2554 survive through if_tsoffset', async () => {
    const mk = (no: number, tsSec: number, tsNsec: number): RawPacket => ({
      no,
      tsSec,
      tsNsec,
      tsPrecision: 9,
      caplen: 1,
      len: 1,
      linktype: no === 3 ? 101 : 1,
      interfaceId: 0,
      bytes: Uint8Array.of(no),
      dataOffset: -1,
    });
    const packets = [mk(1, -1_000_000, 999_999_999), mk(2, -999_000, 5), mk(3, 18_446_744_073_204, 126_329_000), mk(4, 1_700_000_000, 1)];
    const out = tempPath('pcapng');
    const w = await PcapngWriter.open(out);
    await w.writeBatch(packets);
    await w.close();
    const back = await readAll(out);
    expect(back.packets.map((p) => [p.tsSec, p.tsNsec])).toEqual(packets.map((p) => [p.tsSec, p.tsNsec]));
  });
});

describe('pcap writer round trip', () => {
  // Classic pcap holds one link type and 32-bit seconds.
  const candidates = readable.filter((c) => !['formats/pcapng-example.pcapng', 'formats/many_interfaces-1.pcapng'].includes(c) && !c.includes('pcapngtg'));

  for (const capture of candidates) {
    it(capture, async () => {
      const original = await readAll(capturePath(capture));
      const info = original.reader.info;
      const nanosecond = info.tsPrecision !== 6;
      const out = tempPath('pcap');
      await copy(capturePath(capture), await PcapWriter.open(out, { nanosecond }));
      const back = await readAll(out);
      expect(back.error).toBeUndefined();
      expect(back.reader.info.format).toBe('pcap');
      expect(back.reader.info.tsPrecision).toBe(nanosecond ? 9 : 6);
      expectSamePackets(back.packets, original.packets, { ignore: ['dataOffset', 'tsPrecision', 'comments', 'interfaceId'] });
      if (original.packets.length > 0) expect(back.reader.info.linktype).toBe(original.packets[0]!.linktype);
    });
  }

  it('chooses the nanosecond magic from the first packet when not told', async () => {
    for (const [capture, magic] of [
      ['formats/nanosecs_big_endian.pcap', 0xa1b23c4d],
      ['formats/bigendian.pcap', 0xa1b2c3d4],
      ['formats/pcapng-multi-interface.pcapng', 0xa1b23c4d],
      ['dns/dns_axfr.pcapng', 0xa1b2c3d4],
    ] as const) {
      const out = tempPath('pcap');
      await copy(capturePath(capture), await PcapWriter.open(out));
      expect(readFileSync(out).readUInt32LE(0), capture).toBe(magic);
      const original = await readAll(capturePath(capture));
      const back = await readAll(out);
      expectSamePackets(back.packets, original.packets, { ignore: ['dataOffset', 'tsPrecision', 'interfaceId', 'comments'] });
    }
  });

  it('refuses a second link type with a CaptureWriteError', async () => {
    const out = tempPath('pcap');
    const writer = await PcapWriter.open(out);
    const err = await copy(capturePath('formats/pcapng-example.pcapng'), writer).catch((e: unknown) => e);
    await writer.close();
    expect(err).toBeInstanceOf(CaptureWriteError);
    expect((err as CaptureWriteError).frame).toBe(60);
    expect((err as Error).message).toContain('Linux cooked capture v1 (SLL) (113)');
  });

  it('writes a valid empty file', async () => {
    const out = tempPath('pcap');
    const w = await PcapWriter.open(out, { linktype: 113 });
    await w.close();
    const back = await readAll(out);
    expect(back.packets).toEqual([]);
    expect(back.error).toBeUndefined();
    expect(back.reader.info.linktype).toBe(113);
  });
});

describe('writers on streams and with small buffers', () => {
  async function collect(stream: PassThrough): Promise<Buffer> {
    const parts: Buffer[] = [];
    for await (const part of stream) parts.push(part as Buffer);
    return Buffer.concat(parts);
  }

  for (const kind of ['pcap', 'pcapng'] as const) {
    it(`${kind} to a Writable, one packet at a time, 100-byte buffer`, async () => {
      const path = capturePath('http/get.pcap');
      const original = await readAll(path);
      const stream = new PassThrough({ highWaterMark: 16 });
      const collected = collect(stream);
      const writer = kind === 'pcap' ? await PcapWriter.open(stream, { bufferSize: 100 }) : await PcapngWriter.open(stream, { bufferSize: 100 });
      const reader = await CaptureReader.open(path);
      for await (const p of reader.packets()) await writer.write(p);
      await writer.close();
      const bytes = await collected;
      const back = await readAll(PassThrough.from([bytes]) as unknown as NodeJS.ReadableStream);
      expectSamePackets(back.packets, original.packets, { ignore: ['dataOffset', 'tsPrecision', 'interfaceId'] });
    });
  }
});
