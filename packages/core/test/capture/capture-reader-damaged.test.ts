// Damaged, truncated, empty and foreign inputs: every complete packet first,
// then one CaptureFileError with the byte offset of the problem; nothing
// hangs and nothing allocates what a broken length field claims.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CaptureReader } from '../../src/capture/capture-reader.js';
import { CaptureFileError } from '../../src/capture/capture-error.js';
import { capturePath, expectSamePackets, readAll } from './corpus.js';
import { PcapngBuilder, pcapFile } from './pcapng-builder.js';

const tmp = mkdtempSync(join(tmpdir(), 'netdissect-capture-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let fileCounter = 0;
function tempFile(bytes: Uint8Array, name = 'cut.pcap'): string {
  const dir = join(tmp, String(fileCounter++));
  mkdirSync(dir);
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

function asCaptureError(err: unknown): CaptureFileError {
  expect(err).toBeInstanceOf(CaptureFileError);
  return err as CaptureFileError;
}

/** Record/block layout of a capture, computed independently of the reader. */
interface Record {
  start: number;
  end: number;
  packet: boolean;
  /** Bytes before the packet data (record header / fixed block part). */
  header: number;
}

function layout(data: Uint8Array): Record[] {
  const dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const records: Record[] = [];
  if (dv.getUint32(0) === 0x0a0d0d0a) {
    let le = true;
    for (let o = 0; o < data.length; ) {
      if (dv.getUint32(o) === 0x0a0d0d0a) le = dv.getUint32(o + 8, true) === 0x1a2b3c4d;
      const type = dv.getUint32(o, le);
      const len = dv.getUint32(o + 4, le);
      // Packet blocks, and custom blocks (0x0bad, 0x40000bad), which are delivered as records too.
      const packet = type === 2 || type === 3 || type === 6 || type === 0x0bad || type === 0x40000bad;
      records.push({ start: o, end: o + len, packet, header: type === 3 ? 12 : packet ? 28 : 8 });
      o += len;
    }
  } else {
    const le = dv.getUint32(0, true) === 0xa1b2c3d4 || dv.getUint32(0, true) === 0xa1b23c4d;
    records.push({ start: 0, end: 24, packet: false, header: 24 });
    for (let o = 24; o < data.length; ) {
      const incl = dv.getUint32(o + 8, le);
      records.push({ start: o, end: o + 16 + incl, packet: true, header: 16 });
      o += 16 + incl;
    }
  }
  return records;
}

describe('truncated copies of real captures', () => {
  const sources = [
    'dns/dns_tcp.pcap', // pcap, µs, little-endian
    'formats/nanosecs_big_endian.pcap', // pcap, ns, big-endian
    'formats/pcapngtg-be-test202.pcapng', // pcapng, 3 sections of mixed byte order, SPB, custom blocks
    'formats/pcapngtg-le-test102.pcapng', // pcapng with every block type
    'dns/csanders-dns_tcp.pcapng', // pcapng from dumpcap
  ];
  for (const source of sources) {
    it(`${source}: cut inside record headers, packet data and blocks`, async () => {
      const data = readFileSync(capturePath(source));
      const full = await readAll(capturePath(source));
      expect(full.error).toBeUndefined();
      const records = layout(data);
      expect(records.at(-1)!.end).toBe(data.length);

      const cuts = new Set<number>([0, 1, 3, 4, 11, 12, 23]);
      for (const r of records) {
        for (const d of [1, 4, 7, 8, 15, r.header, r.header + 1]) if (r.start + d < r.end) cuts.add(r.start + d);
        cuts.add(r.end - 1);
        cuts.add(r.end);
      }
      let checked = 0;
      const guessedOtherwise: string[] = [];
      for (const cut of [...cuts].sort((a, b) => a - b)) {
        if (cut > data.length) continue;
        const path = tempFile(data.subarray(0, cut), source.endsWith('.pcapng') ? 'cut.pcapng' : 'cut.pcap');
        const firstEnd = records[0]!.end;
        if (cut < firstEnd) {
          // Shorter than the file header / first section header: open() refuses it.
          const err = await CaptureReader.open(path).then(
            () => undefined,
            (e: unknown) => e,
          );
          const ce = asCaptureError(err);
          expect(ce.kind, `cut at ${cut}`).toBe('too-short');
          continue;
        }
        const result = await readAll(path);
        if (result.reader.info.pcapVariant !== undefined && result.reader.info.pcapVariant !== 'pcap') {
          // Cut where a longer record header would end the file cleanly, the guess takes the file for that variant, as tshark 4.0 does.
          guessedOtherwise.push(`${cut}:${result.reader.info.pcapVariant}`);
          continue;
        }
        const complete = records.filter((r) => r.packet && r.end <= cut).length;
        expectSamePackets(result.packets, full.packets.slice(0, complete), { label: `cut at ${cut}` });
        const broken = records.find((r) => r.start < cut && cut < r.end);
        if (broken === undefined) {
          expect(result.error, `cut at ${cut} is on a record boundary`).toBeUndefined();
        } else {
          const ce = asCaptureError(result.error);
          expect(ce.kind, `cut at ${cut}`).toBe('truncated');
          expect(ce.offset, `cut at ${cut}`).toBe(broken.start);
          expect(ce.file).toBe(path);
          expect(ce.message).toContain(`${JSON.stringify(path)} is cut short in the middle of a packet at byte offset ${broken.start}`);
          expect(ce.message).not.toContain('\n');
        }
        checked++;
      }
      expect(checked).toBeGreaterThan(10);
      // tshark 4.0 (capinfos -t) reads dns_tcp.pcap cut after 118 bytes as "Nokia tcpdump - pcap" and after 122 as
      // "RedHat 6.1 tcpdump - pcap": record 1 with a 20- or 24-byte header ends there, while the standard record 2 is cut.
      expect(guessedOtherwise).toEqual(source === 'dns/dns_tcp.pcap' ? ['118:nokia', '122:ss990417'] : []);
    });
  }
});

describe('damaged captures from the corpus', () => {
  it('malformed/suri-smtp-to-comma.pcap: 18 packets, then a corrupt record, without allocating its claim', async () => {
    const path = capturePath('malformed/suri-smtp-to-comma.pcap');
    const before = process.memoryUsage().arrayBuffers;
    const result = await readAll(path);
    const grown = process.memoryUsage().arrayBuffers - before;
    expect(result.packets.length).toBe(18);
    const ce = asCaptureError(result.error);
    expect(ce.kind).toBe('corrupt');
    const last = result.packets[17]!;
    expect(ce.offset).toBe(last.dataOffset + last.caplen);
    expect(ce.message).toBe(
      `${JSON.stringify(path)} appears to be damaged or corrupt at byte offset ${ce.offset}: record claims a 3925868813-byte packet, bigger than the maximum of 262144`,
    );
    expect(grown).toBeLessThan(64 * 1024 * 1024);
  });

  it('malformed/empty.pcap and malformed/empty.pcapng: no packets, no error', async () => {
    for (const name of ['malformed/empty.pcap', 'malformed/empty.pcapng']) {
      const result = await readAll(capturePath(name));
      expect(result.packets).toEqual([]);
      expect(result.error).toBeUndefined();
    }
    const ng = await readAll(capturePath('malformed/empty.pcapng'));
    expect(ng.reader.info.format).toBe('pcapng');
    expect(ng.reader.info.interfaces.map((i) => i.linktype)).toEqual([1]);
  });
});

describe('inputs that are not (whole) capture files', () => {
  async function openError(bytes: Uint8Array, name = 'x.pcap'): Promise<CaptureFileError> {
    const path = tempFile(bytes, name);
    const err = await CaptureReader.open(path).then(
      () => undefined,
      (e: unknown) => e,
    );
    return asCaptureError(err);
  }

  it('an empty file', async () => {
    const ce = await openError(new Uint8Array(0));
    expect(ce.kind).toBe('too-short');
    expect(ce.message).toMatch(/is too short to be a capture file: it is empty$/);
  });

  it('a file shorter than the pcap file header', async () => {
    const header = readFileSync(capturePath('malformed/empty.pcap'));
    for (const n of [1, 3, 4, 12, 20, 23]) {
      const ce = await openError(header.subarray(0, n));
      expect(ce.kind, `${n} bytes`).toBe('too-short');
    }
  });

  it('a file with an unknown magic number, whatever its name', async () => {
    const ce = await openError(new TextEncoder().encode('GET / HTTP/1.1\r\nHost: example\r\n\r\n'), 'looks-like.pcap');
    expect(ce.kind).toBe('unknown-format');
    expect(ce.offset).toBe(0);
    expect(ce.message).toContain('unknown magic number 0x47455420');
  });

  it('pcap versions before 2.0 are refused as unsupported', async () => {
    expect((await openError(pcapFile({ version: [1, 0] }, []))).kind).toBe('unsupported');
  });

  it('a pcap link type wiretap has no encapsulation for is refused before any record, as tshark refuses it', async () => {
    const record = [{ sec: 1, frac: 0, data: new Uint8Array(20) }];
    for (const linktype of [65535, 296, 4]) {
      const ce = await openError(pcapFile({ linktype }, record));
      expect(ce.kind).toBe('unsupported');
      expect(ce.offset).toBe(20);
      expect(ce.detail).toBe(`pcap network type ${linktype} unknown or unsupported`);
    }
    // Types it maps, though netdissect dissects neither: Xerox 3MB Ethernet (2) and the last in its table, 295.
    for (const linktype of [2, 295]) {
      const read = await readAll(tempFile(pcapFile({ linktype }, record)));
      expect(read.error).toBeUndefined();
      expect(read.packets.map((p) => p.linktype)).toEqual([linktype]);
    }
  });

  it('packet block options wiretap checks the size of: a wrong size makes the file bad at that block, after the packets before it', async () => {
    const data = new Uint8Array(60);
    for (const [code, size, what, wrong] of [[2, 4, 'flags', 2], [4, 8, 'drop count', 4], [5, 8, 'packet id', 4], [6, 4, 'queue', 8]] as const) {
      const b = new PcapngBuilder().shb().idb(1, 65535);
      b.epb(0, 1000n, data, { options: [{ code, value: new Uint8Array(size) }] });
      const at = b.bytes().length;
      const file = b.epb(0, 2000n, data, { options: [{ code, value: new Uint8Array(wrong) }] }).bytes();
      const read = await readAll(tempFile(file, 'options.pcapng'));
      expect(read.packets).toHaveLength(1);
      const ce = asCaptureError(read.error);
      expect(ce.kind).toBe('corrupt');
      expect(ce.offset).toBe(at);
      expect(ce.detail).toBe(`packet block ${what} option length ${wrong} is not ${size}`);
    }
  });

  it('a pcapng with an unsupported section version', async () => {
    const ce = await openError(new PcapngBuilder().shb([], { version: [2, 0] }).bytes(), 'x.pcapng');
    expect(ce.kind).toBe('unsupported');
    expect(ce.detail).toContain('version 2.0');
  });

  it('a missing file and a directory', async () => {
    const missing = await CaptureReader.open(join(tmp, 'nope.pcap')).catch((e: unknown) => e);
    expect(asCaptureError(missing).kind).toBe('io');
    expect(asCaptureError(missing).message).toContain('ENOENT');
    const dir = await CaptureReader.open(tmp).catch((e: unknown) => e);
    expect(asCaptureError(dir).kind).toBe('io');
  });
});

describe('damaged pcap records', () => {
  const data = (n: number) => new Uint8Array(n).fill(0xab);

  it('a record of exactly the maximum size is fine; one byte more is corrupt', async () => {
    const ok = await readAll(tempFile(pcapFile({}, [{ sec: 1, frac: 2, data: data(262144) }])));
    expect(ok.error).toBeUndefined();
    expect(ok.packets.map((p) => p.caplen)).toEqual([262144]);

    // Three good records first: with the bad one among the first three, wiretap's guess reads the file as another variant.
    const good = [1, 2, 3].map((frac) => ({ sec: 1, frac, data: data(60) }));
    const bytes = pcapFile({}, [...good, { sec: 1, frac: 4, data: data(10), incl: 262145 }]);
    const bad = await readAll(tempFile(bytes));
    expect(bad.packets.length).toBe(3);
    const ce = asCaptureError(bad.error);
    expect(ce.kind).toBe('corrupt');
    expect(ce.offset).toBe(24 + 3 * (16 + 60));
  });

  it('maxPacketBytes lowers the limit', async () => {
    const path = capturePath('dns/dns_udp.pcap');
    const result = await readAll(path, { maxPacketBytes: 100 });
    expect(result.packets.length).toBe(1); // the first frame is 98 bytes, the second 266
    expect(asCaptureError(result.error).detail).toBe('record claims a 266-byte packet, bigger than the maximum of 100');
  });

  it('USB link types get the larger wiretap limit', async () => {
    const bytes = pcapFile({ linktype: 220 }, [{ sec: 1, frac: 0, data: data(300000) }]);
    const result = await readAll(tempFile(bytes));
    expect(result.error).toBeUndefined();
    expect(result.packets[0]!.caplen).toBe(300000);
  });

  it('masks the FCS-length bits off the link type and reports the FCS length', async () => {
    // FCS-length-present bit + 2 * 16 bits of FCS, Ethernet.
    const bytes = pcapFile({ linktype: 0x24000001 }, [{ sec: 5, frac: 6, data: data(64) }]);
    const result = await readAll(tempFile(bytes));
    expect(result.packets[0]!.linktype).toBe(1);
    expect(result.reader.info.linktype).toBe(1);
    expect(result.reader.info.interfaces[0]!.fcsLengthBytes).toBe(4);
    // Reserved bits set: wiretap refuses the file.
    const reserved = pcapFile({ linktype: 0x00010001 }, []);
    const err = await CaptureReader.open(tempFile(reserved)).catch((e: unknown) => e);
    expect(asCaptureError(err).kind).toBe('unsupported');
  });

  it('pcap 2.2 files have caplen and len the other way round', async () => {
    const bytes = pcapFile({ version: [2, 2] }, [{ sec: 1, frac: 0, data: data(40), incl: 100, len: 40 }]);
    // incl/len are swapped in the header: incl field holds len (100), len field holds caplen (40).
    const result = await readAll(tempFile(bytes));
    expect(result.error).toBeUndefined();
    expect(result.packets.map((p) => [p.caplen, p.len])).toEqual([[40, 100]]);
  });
});

describe('damaged pcapng blocks', () => {
  const payload = (n: number, fill = 0x5a) => new Uint8Array(n).fill(fill);
  const base = () => new PcapngBuilder().shb().idb(1, 0).epb(0, 1000n, payload(60));

  async function readBytes(bytes: Uint8Array) {
    return readAll(tempFile(bytes, 'x.pcapng'));
  }

  it('a block length beyond the maximum block size', async () => {
    const good = base().bytes();
    const bytes = base().block(6, [payload(40)], { first: 0xfffffff0 }).bytes();
    const result = await readBytes(bytes);
    expect(result.packets.length).toBe(1);
    const ce = asCaptureError(result.error);
    expect(ce.kind).toBe('corrupt');
    expect(ce.offset).toBe(good.length);
  });

  it('block lengths that do not match, or are too small to make progress', async () => {
    const good = base().bytes();
    for (const lengths of [{ second: 999 }, { first: 0, second: 0 }, { first: 4 }, { first: 8 }]) {
      const result = await readBytes(base().block(0x1234, [payload(8)], lengths).bytes());
      expect(result.packets.length, JSON.stringify(lengths)).toBe(1);
      const ce = asCaptureError(result.error);
      expect(ce.kind, JSON.stringify(lengths)).toBe('corrupt');
      expect(ce.offset).toBe(good.length);
    }
  });

  it('an unknown block claiming 100 MB in a small file is a truncation, read without allocating 100 MB', async () => {
    const good = base().bytes();
    const bytes = base().block(0x1234, [payload(100)], { first: 100_000_000 }).bytes();
    const before = process.memoryUsage().arrayBuffers;
    const result = await readBytes(bytes);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(32 * 1024 * 1024);
    expect(result.packets.length).toBe(1);
    const ce = asCaptureError(result.error);
    expect(ce.kind).toBe('truncated');
    expect(ce.offset).toBe(good.length);
  });

  it('an EPB claiming more packet data than its block holds, or more than the maximum', async () => {
    const tooBig = await readBytes(base().epb(0, 1n, payload(20), { caplen: 300000 }).bytes());
    expect(tooBig.packets.length).toBe(1);
    expect(asCaptureError(tooBig.error).detail).toContain('too small for 300000 bytes');

    const big = payload(262148);
    const overMax = await readBytes(base().epb(0, 1n, big).bytes());
    expect(asCaptureError(overMax.error).detail).toBe('block claims a 262148-byte packet, bigger than the maximum of 262144');
  });

  it('a packet on an interface its section does not have, and an SPB before any IDB', async () => {
    const noIface = await readBytes(base().epb(3, 1n, payload(10)).bytes());
    expect(noIface.packets.length).toBe(1);
    expect(asCaptureError(noIface.error).detail).toContain('interface 3');

    const early = await readBytes(new PcapngBuilder().shb().spb(10, payload(10)).bytes());
    expect(early.packets.length).toBe(0);
    expect(asCaptureError(early.error).kind).toBe('corrupt');
  });

  it('a later section header with a bad byte-order magic', async () => {
    const path = capturePath('formats/pcapngtg-be-test202.pcapng');
    const data = new Uint8Array(readFileSync(path));
    const full = await readAll(path);
    // The second SHB starts at 928 (see the layout); damage its byte-order magic.
    const second = layout(data).filter((r) => new DataView(data.buffer).getUint32(r.start) === 0x0a0d0d0a)[1]!;
    expect(second.start).toBe(928);
    data.set([0xde, 0xad, 0xbe, 0xef], second.start + 8);
    const result = await readBytes(data);
    const before = full.packets.filter((p) => p.dataOffset < second.start);
    expectSamePackets(result.packets, before);
    const ce = asCaptureError(result.error);
    expect(ce.kind).toBe('corrupt');
    expect(ce.offset).toBe(928);
    expect(ce.detail).toContain('byte-order magic 0xefbeadde');
  });

  it('an option running past the end of its block', async () => {
    const b = base();
    // EPB (36 bytes) whose only option header claims 200 bytes of value.
    const bytes = b.block(6, [payload(24, 0)]).bytes();
    const dv = new DataView(bytes.buffer);
    const start = bytes.length - 36;
    dv.setUint32(start + 8, 0, true); // interface 0
    dv.setUint32(start + 20, 0, true); // caplen 0
    dv.setUint16(start + 28, 1, true); // opt_comment
    dv.setUint16(start + 30, 200, true);
    const result = await readBytes(bytes);
    expect(result.packets.length).toBe(1);
    expect(asCaptureError(result.error).detail).toContain('runs past the end');
  });
});

describe('random damage never hangs and only ever throws CaptureFileError', () => {
  for (const source of ['dns/dns_tcp.pcap', 'formats/pcapngtg-le-test102.pcapng', 'formats/pcapngtg-be-test202.pcapng']) {
    it(source, async () => {
      const original = readFileSync(capturePath(source));
      let seed = 0x2545f491;
      const next = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0);
      for (let round = 0; round < 150; round++) {
        const data = new Uint8Array(original);
        for (let k = 0; k < 1 + (round % 4); k++) data[next() % Math.min(data.length, 400)] = next() & 0xff;
        const path = tempFile(data, 'fuzz.bin');
        try {
          const result = await readAll(path, { chunkSize: 64 + (round % 5) * 100 });
          if (result.error !== undefined) expect(result.error).toBeInstanceOf(CaptureFileError);
        } catch (err) {
          expect(err).toBeInstanceOf(CaptureFileError);
        }
      }
    });
  }
});
