/**
 * The public way to read a capture: open a path, "-" (stdin) or a readable
 * stream, detect the format by its magic number, then iterate packets in
 * batches. Truncated or damaged files deliver every complete packet first and
 * then throw one CaptureFileError naming the file and the byte offset.
 */
import type { RawPacket } from './raw-packet.js';
import type { CaptureInfo, CaptureInterface } from './capture-info.js';
import { TS_PRECISION_UNKNOWN } from './capture-info.js';
import { openByteSource, type ByteSource, type CaptureInput } from './byte-source.js';
import { ChunkWindow, DEFAULT_CHUNK_SIZE } from './chunk-window.js';
import { CaptureFileError } from './capture-error.js';
import { SNIFF_BYTES, describeMagic, sniffCaptureFormat } from './capture-format-sniffer.js';
import { PCAP_FILE_HEADER_BYTES, PcapRecordParser, parsePcapFileHeader } from './pcap-reader.js';
import { guessPcapVariant, PCAP_RECORD_HEADER_LENGTH } from './pcap-variants.js';
import { PcapngBlockParser } from './pcapng-reader.js';
import { maxPacketBytesForLinktype } from './linktypes.js';

export type { CaptureInput } from './byte-source.js';

export interface CaptureReaderOptions {
  /** Size of the chunks read from the input (default 1 MiB, see DEFAULT_CHUNK_SIZE). */
  chunkSize?: number;
  /**
   * Largest captured length a record may claim before the file counts as
   * damaged. Default: wiretap's per-link-type maximum (262144 for most).
   */
  maxPacketBytes?: number;
  /**
   * Reuse chunk buffers instead of allocating a fresh one per chunk. Faster,
   * but packet bytes are then overwritten two batches later, so this is only
   * for consumers that honour the "valid until the next batch" rule strictly.
   * Default false: views stay valid as long as they are referenced.
   */
  recycleBuffers?: boolean;
}

/** Common shape of the two record parsers. */
interface RecordParser {
  failure: CaptureFileError | undefined;
  parse(w: ChunkWindow, out: RawPacket[]): number;
}

export class CaptureReader {
  /** Format, name and what is known about interfaces and sections so far. */
  readonly info: CaptureInfo;

  private readonly source: ByteSource;
  private readonly window: ChunkWindow;
  private readonly parser: RecordParser;
  /** A problem found while opening that belongs after the (zero) packets before it. */
  private deferred: CaptureFileError | undefined;
  private started = false;
  private closed = false;
  /** What it was opened with, for reopen(). */
  private openOptions: CaptureReaderOptions = {};

  private constructor(source: ByteSource, window: ChunkWindow, info: CaptureInfo, parser: RecordParser, deferred: CaptureFileError | undefined) {
    this.source = source;
    this.window = window;
    this.info = info;
    this.parser = parser;
    this.deferred = deferred;
  }

  /**
   * Open a capture. Rejects with a CaptureFileError when the input cannot be
   * read, is not a pcap/pcapng file, or is shorter than its file header.
   */
  static async open(input: CaptureInput, opts: CaptureReaderOptions = {}): Promise<CaptureReader> {
    const source = await openByteSource(input);
    try {
      const reader = await CaptureReader.start(source, opts);
      reader.openOptions = opts;
      return reader;
    } catch (err) {
      await source.close();
      throw err;
    }
  }

  private static async start(source: ByteSource, opts: CaptureReaderOptions): Promise<CaptureReader> {
    const chunkSize = opts.chunkSize ?? DEFAULT_CHUNK_SIZE;
    if (!(chunkSize >= 1)) throw new RangeError(`chunkSize must be at least 1 (got ${chunkSize})`);
    const maxPacketBytes = opts.maxPacketBytes;
    if (maxPacketBytes !== undefined && !(maxPacketBytes >= 0)) throw new RangeError(`maxPacketBytes must be >= 0 (got ${maxPacketBytes})`);
    const w = new ChunkWindow(source, chunkSize, opts.recycleBuffers ?? false);
    const name = source.name;

    await w.ensure(SNIFF_BYTES);
    const head = w.buf.subarray(w.pos, w.end);
    if (head.length === 0) throw new CaptureFileError('too-short', name, 0, 'it is empty');
    const sniffed = sniffCaptureFormat(head);
    if (sniffed === undefined) {
      // No capture format fits in fewer bytes than it takes to recognise one.
      if (head.length < SNIFF_BYTES) throw new CaptureFileError('too-short', name, 0, `it has only ${head.length} bytes`);
      throw new CaptureFileError('unknown-format', name, 0, `unknown magic number ${describeMagic(head)}`);
    }

    if (sniffed.format === 'pcap') {
      if (!(await w.ensure(PCAP_FILE_HEADER_BYTES))) {
        throw new CaptureFileError('too-short', name, 0, `it has ${w.available} bytes, but a pcap file header needs ${PCAP_FILE_HEADER_BYTES}`);
      }
      const header = parsePcapFileHeader(w.buf.subarray(w.pos, w.pos + PCAP_FILE_HEADER_BYTES), name);
      w.pos += PCAP_FILE_HEADER_BYTES;
      const tsPrecision = header.nanosecond ? 9 : 6;
      const iface: CaptureInterface = {
        section: 0,
        index: 0,
        id: 0,
        linktype: header.linktype,
        snaplen: header.snaplen,
        unitsPerSecond: header.nanosecond ? 1e9 : 1e6,
        tsPrecision,
        tsOffset: 0,
      };
      if (header.fcsLengthBytes !== undefined) iface.fcsLengthBytes = header.fcsLengthBytes;
      const info: CaptureInfo = {
        format: 'pcap',
        name,
        path: source.path,
        littleEndian: header.littleEndian,
        versionMajor: header.versionMajor,
        versionMinor: header.versionMinor,
        tsPrecision,
        snaplen: header.snaplen,
        linktype: header.linktype,
        interfaces: [iface],
        sections: [],
        sectionComments: [],
      };
      const variant = await guessPcapVariant(w, header, source.seekable, maxPacketBytesForLinktype(header.linktype));
      if (variant === null) throw new CaptureFileError('unsupported', name, 0, 'a pcap file with the modified magic number 0xa1b2cd34 cannot be read from a pipe (its record format is guessed by reading the first records twice)');
      info.pcapVariant = variant;
      const parser = new PcapRecordParser(header, name, maxPacketBytes, source.seekable, PCAP_RECORD_HEADER_LENGTH[variant]);
      return new CaptureReader(source, w, info, parser, undefined);
    }

    // pcapng: read the first SHB and the blocks up to the first packet, so
    // info lists the interfaces declared up front.
    const info: CaptureInfo = {
      format: 'pcapng',
      name,
      path: source.path,
      littleEndian: sniffed.littleEndian,
      versionMajor: 0,
      versionMinor: 0,
      tsPrecision: TS_PRECISION_UNKNOWN,
      snaplen: undefined,
      linktype: undefined,
      interfaces: [],
      sections: [],
      sectionComments: [],
    };
    const parser = new PcapngBlockParser(info, name, maxPacketBytes, source.seekable);
    const none: RawPacket[] = [];
    let deferred: CaptureFileError | undefined;
    for (;;) {
      const need = parser.parse(w, none, true);
      if (need === -1) {
        // A broken first section header means this is no readable pcapng at all.
        if (info.sections.length === 0) throw parser.failure!;
        deferred = parser.failure;
        break;
      }
      if (need === 0) break;
      if (!(await w.ensure(need))) {
        if (info.sections.length === 0) {
          throw new CaptureFileError('too-short', name, 0, `it ends inside the first section header block (${w.available} bytes)`);
        }
        break; // end of input: batches() reports a clean end or a truncation
      }
    }
    const first = info.sections[0]!;
    info.versionMajor = first.versionMajor;
    info.versionMinor = first.versionMinor;
    return new CaptureReader(source, w, info, parser, deferred);
  }

  /**
   * Packets in batches, each batch everything complete in one chunk. The
   * packets' `bytes` are views into the chunk: valid until the next batch is
   * requested (copy what you keep). Throws a CaptureFileError after the last
   * good packet when the file is cut short or damaged. Can be iterated once.
   */
  async *batches(): AsyncGenerator<RawPacket[], void, undefined> {
    if (this.started) throw new Error('CaptureReader.batches() can only be iterated once');
    this.started = true;
    const w = this.window;
    const parser = this.parser;
    try {
      if (this.deferred !== undefined) throw this.deferred;
      for (;;) {
        if (this.closed) return;
        const batch: RawPacket[] = [];
        const need = parser.parse(w, batch);
        // Read the next chunk while the consumer works on this batch.
        if (need > 0) w.prefetch(need);
        if (batch.length > 0) yield batch;
        if (need < 0) throw parser.failure!;
        if (this.closed) return;
        if (!(await w.ensure(need))) {
          if (w.available === 0) return;
          throw new CaptureFileError('truncated', this.info.name, w.offset, describeShortfall(w.available, need));
        }
      }
    } finally {
      await this.close();
    }
  }

  /** Packets one at a time (same lifetime rule for `bytes` as batches()). */
  async *packets(): AsyncGenerator<RawPacket, void, undefined> {
    for await (const batch of this.batches()) {
      for (let i = 0; i < batch.length; i++) yield batch[i]!;
    }
  }

  /**
   * The same capture from its start, opened with the same options, when it
   * came from a path (a second pass reads the file again); else null.
   */
  async reopen(): Promise<CaptureReader | null> {
    return this.info.path === undefined ? null : CaptureReader.open(this.info.path, this.openOptions);
  }

  /** Release the input. Safe to call more than once; ends any iteration. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.window.release();
    await this.source.close();
  }
}

function describeShortfall(have: number, need: number): string {
  return `the record needs ${need} bytes, only ${have} remain`;
}
