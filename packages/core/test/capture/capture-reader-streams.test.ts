// Reading from streams and with tiny chunks must give exactly what reading
// the file by path gives: records straddling chunk boundaries are carried over.
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CaptureReader } from '../../src/capture/capture-reader.js';
import { CaptureFileError } from '../../src/capture/capture-error.js';
import { capturePath, expectSamePackets, loadExpected, readAll } from './corpus.js';

const captures = loadExpected().map((e) => e.capture);

function describeError(err: unknown) {
  return err instanceof CaptureFileError ? { kind: err.kind, offset: err.offset, detail: err.detail } : err;
}

afterEach(() => {
  vi.restoreAllMocks();
});

/** fs streams with 7-byte reads cost ~0.1 ms per read; big files get odd-sized 4099-byte reads instead. */
const TINY_READS_UP_TO = 100_000;

describe('CaptureReader from a Readable with a 7-byte highWaterMark', () => {
  for (const capture of captures) {
    const size = statSync(capturePath(capture)).size;
    const highWaterMark = size <= TINY_READS_UP_TO ? 7 : 4099;
    it(`${capture} (highWaterMark ${highWaterMark})`, async () => {
      const path = capturePath(capture);
      const byPath = await readAll(path);
      const byStream = await readAll(createReadStream(path, { highWaterMark }), { chunkSize: 64 });
      expect(byStream.packets.every((p) => p.dataOffset === -1)).toBe(true);
      expectSamePackets(byStream.packets, byPath.packets, { ignore: ['dataOffset'] });
      expect(describeError(byStream.error)).toEqual(describeError(byPath.error));
      expect(byStream.reader.info.name).toBe('(stream)');
      expect(byStream.reader.info.interfaces).toEqual(byPath.reader.info.interfaces);
      expect(byStream.reader.info.sectionComments).toEqual(byPath.reader.info.sectionComments);
    });
  }
});

describe('CaptureReader with small chunk sizes on a path', () => {
  const sample = [
    'formats/pcapngtg-be-test202.pcapng',
    'formats/pcapng-example.pcapng',
    'formats/nanosecs_big_endian.pcap',
    'http/http-post-large.pcap',
    'malformed/suri-smtp-to-comma.pcap',
    'pop3/ndpi-pop3.pcap',
  ];
  for (const capture of sample) {
    it(capture, async () => {
      const path = capturePath(capture);
      const reference = await readAll(path);
      // Each chunk is one fs read; keep the count of reads reasonable.
      const tiny = statSync(path).size <= 30_000 ? [1, 5, 17] : [];
      for (const chunkSize of [...tiny, 100, 1500, 65536]) {
        const small = await readAll(path, { chunkSize });
        expectSamePackets(small.packets, reference.packets, { label: `chunkSize ${chunkSize}` });
        expect(describeError(small.error), `chunkSize ${chunkSize}`).toEqual(describeError(reference.error));
      }
      // Recycled buffers give the same packets while each batch is consumed in turn.
      const recycled = await readAll(path, { chunkSize: 4096, recycleBuffers: true });
      expectSamePackets(recycled.packets, reference.packets, { label: 'recycled' });
    });
  }
});

describe('other stream inputs', () => {
  it('reads a Readable that delivers random-sized pieces', async () => {
    const path = capturePath('formats/pcapngtg-le-test102.pcapng');
    const data = readFileSync(path);
    let seed = 12345;
    const pieces: Buffer[] = [];
    for (let p = 0; p < data.length; ) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      const n = 1 + (seed % 97);
      pieces.push(data.subarray(p, p + n));
      p += n;
    }
    const fromPieces = await readAll(Readable.from(pieces, { objectMode: false }));
    const byPath = await readAll(path);
    expectSamePackets(fromPieces.packets, byPath.packets, { ignore: ['dataOffset'] });
    expect(fromPieces.error).toBeUndefined();
  });

  it('reads "-" from process.stdin', async () => {
    const path = capturePath('dns/dns_tcp.pcap');
    vi.spyOn(process, 'stdin', 'get').mockReturnValue(createReadStream(path, { highWaterMark: 100 }) as unknown as typeof process.stdin);
    const fromStdin = await readAll('-');
    const byPath = await readAll(path);
    expect(fromStdin.reader.info.name).toBe('-');
    expect(fromStdin.reader.info.path).toBeUndefined();
    expectSamePackets(fromStdin.packets, byPath.packets, { ignore: ['dataOffset'] });
  });

  it('reports a stream that fails midway as an io error after the packets before it', async () => {
    const data = readFileSync(capturePath('dns/dns_tcp.pcap'));
    async function* failing() {
      yield data.subarray(0, 500);
      throw new Error('connection reset');
    }
    const result = await readAll(Readable.from(failing()));
    expect(result.packets.length).toBeGreaterThan(0);
    expect(result.error).toBeInstanceOf(CaptureFileError);
    expect((result.error as CaptureFileError).kind).toBe('io');
    expect((result.error as CaptureFileError).message).toContain('connection reset');
  });

  it('rejects a stream with a text encoding', async () => {
    const stream = createReadStream(capturePath('dns/dns_tcp.pcap'), { encoding: 'latin1' });
    await expect(CaptureReader.open(stream)).rejects.toThrow(CaptureFileError);
    stream.destroy();
  });

  it('packets() yields the same as batches()', async () => {
    const path = capturePath('formats/pcapng-example.pcapng');
    const reader = await CaptureReader.open(path, { chunkSize: 1000 });
    const numbers: number[] = [];
    for await (const p of reader.packets()) numbers.push(p.no);
    const byPath = await readAll(path);
    expect(numbers).toEqual(byPath.packets.map((p) => p.no));
  });

  it('stops cleanly when the consumer breaks out early, and close() is idempotent', async () => {
    const reader = await CaptureReader.open(capturePath('tcp/206_example_c.pcap'), { chunkSize: 4096 });
    let n = 0;
    for await (const batch of reader.batches()) {
      n += batch.length;
      if (n > 10) break;
    }
    await reader.close();
    await reader.close();
    expect(n).toBeGreaterThan(10);
  });
});
