/**
 * Writes RawPackets as a classic little-endian pcap file: nanosecond magic
 * (a1b23c4d) when the packets carry sub-microsecond precision, microsecond
 * magic (a1b2c3d4) otherwise; one link type per file.
 */
import type { RawPacket } from './raw-packet.js';
import { BufferedByteSink, openByteSink, type CaptureOutput } from './byte-sink.js';
import { CaptureWriteError } from './capture-write-error.js';
import { PCAP_MAGIC_NSEC, PCAP_MAGIC_USEC } from './capture-format-sniffer.js';
import { LINKTYPE_ETHERNET, MAX_PACKET_BYTES_STANDARD, linktypeName } from './linktypes.js';
import { PCAP_FILE_HEADER_BYTES, PCAP_RECORD_HEADER_BYTES } from './pcap-reader.js';

export interface PcapWriterOptions {
  /**
   * Timestamp resolution of the file. Default: decided by the first packet
   * written — nanoseconds when its tsPrecision is above 6 or its tsNsec is not
   * a whole microsecond. (Pass it explicitly, e.g. from CaptureInfo.tsPrecision,
   * when later packets may be finer than the first; in a microsecond file
   * finer timestamps are truncated to the microsecond.)
   */
  nanosecond?: boolean;
  /** Link type of the file. Default: that of the first packet (Ethernet for an empty file). */
  linktype?: number;
  /** Snapshot length written in the header (default 262144). */
  snaplen?: number;
  /** Output buffer size (default 1 MiB). */
  bufferSize?: number;
}

export class PcapWriter {
  private headerWritten = false;
  private nanosecond: boolean | undefined;
  private linktype: number | undefined;
  private readonly snaplen: number;
  private closed = false;

  private constructor(
    private readonly out: BufferedByteSink,
    opts: PcapWriterOptions,
  ) {
    this.nanosecond = opts.nanosecond;
    this.linktype = opts.linktype;
    this.snaplen = opts.snaplen ?? MAX_PACKET_BYTES_STANDARD;
  }

  /** Open a path ("-" = stdout) or wrap a writable stream. */
  static async open(output: CaptureOutput, opts: PcapWriterOptions = {}): Promise<PcapWriter> {
    const sink = await openByteSink(output);
    return new PcapWriter(new BufferedByteSink(sink, opts.bufferSize), opts);
  }

  /** Append one packet. */
  async write(packet: RawPacket): Promise<void> {
    // Custom-block records are not packets; they are not written.
    if (packet.custom) return;
    const pending = this.out.reserve(PCAP_RECORD_HEADER_BYTES + packet.bytes.length + (this.headerWritten ? 0 : PCAP_FILE_HEADER_BYTES));
    if (pending !== undefined) await pending;
    this.encode(packet);
  }

  /** Append packets in order; cheaper than write() per packet. */
  async writeBatch(packets: readonly RawPacket[]): Promise<void> {
    for (let i = 0; i < packets.length; i++) {
      const packet = packets[i]!;
      if (packet.custom) continue;
      const pending = this.out.reserve(PCAP_RECORD_HEADER_BYTES + packet.bytes.length + (this.headerWritten ? 0 : PCAP_FILE_HEADER_BYTES));
      if (pending !== undefined) await pending;
      this.encode(packet);
    }
  }

  private encode(packet: RawPacket): void {
    if (this.closed) throw new Error(`PcapWriter for ${JSON.stringify(this.out.name)} is closed`);
    if (!this.headerWritten) {
      this.linktype ??= packet.linktype;
      this.nanosecond ??= packet.tsPrecision > 6 || packet.tsNsec % 1000 !== 0;
      this.writeHeader();
    }
    if (packet.linktype !== this.linktype) {
      throw new CaptureWriteError(
        this.out.name,
        packet.no,
        `a pcap file holds one link type; this file is ${linktypeName(this.linktype!)} but the packet is ${linktypeName(packet.linktype)} (write pcapng instead)`,
      );
    }
    const sec = packet.tsSec;
    if (!(sec >= 0 && sec <= 0xffffffff && Number.isInteger(sec))) {
      throw new CaptureWriteError(this.out.name, packet.no, `timestamp ${sec} s does not fit the 32-bit seconds field of pcap`);
    }
    const frac = this.nanosecond ? packet.tsNsec : Math.floor(packet.tsNsec / 1000);
    const caplen = packet.bytes.length;
    const b = this.out.buf;
    let p = this.out.pos;
    p = putU32le(b, p, sec);
    p = putU32le(b, p, frac);
    p = putU32le(b, p, caplen);
    p = putU32le(b, p, packet.len);
    b.set(packet.bytes, p);
    this.out.pos = p + caplen;
  }

  private writeHeader(): void {
    const b = this.out.buf;
    let p = this.out.pos;
    p = putU32le(b, p, this.nanosecond ? PCAP_MAGIC_NSEC : PCAP_MAGIC_USEC);
    b[p++] = 2; // version 2.4
    b[p++] = 0;
    b[p++] = 4;
    b[p++] = 0;
    p = putU32le(b, p, 0); // thiszone
    p = putU32le(b, p, 0); // sigfigs
    p = putU32le(b, p, this.snaplen);
    p = putU32le(b, p, this.linktype ?? LINKTYPE_ETHERNET);
    this.out.pos = p;
    this.headerWritten = true;
  }

  /** Flush buffered records to the output. */
  async flush(): Promise<void> {
    await this.out.flush();
  }

  /** Write the header if no packet came, flush, and close the output. */
  async close(): Promise<void> {
    if (this.closed) return;
    if (!this.headerWritten) {
      const pending = this.out.reserve(PCAP_FILE_HEADER_BYTES);
      if (pending !== undefined) await pending;
      this.nanosecond ??= false;
      this.writeHeader();
    }
    this.closed = true;
    await this.out.close();
  }
}

function putU32le(b: Uint8Array, p: number, v: number): number {
  b[p] = v & 0xff;
  b[p + 1] = (v >>> 8) & 0xff;
  b[p + 2] = (v >>> 16) & 0xff;
  b[p + 3] = (v >>> 24) & 0xff;
  return p + 4;
}
