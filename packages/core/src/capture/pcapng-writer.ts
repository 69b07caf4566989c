/**
 * Writes RawPackets as a little-endian pcapng file: one Section Header Block
 * (shb_userappl "netdissect"), an Interface Description Block the first time
 * a link type (or input interface) shows up, with if_tsresol 9 so nanosecond
 * timestamps survive, and one Enhanced Packet Block per packet (with the
 * packet block options the reader keeps: comments, flags, drop count,
 * packet id, queue, as tshark writes them back).
 */
import type { RawPacket } from './raw-packet.js';
import { BufferedByteSink, openByteSink, type CaptureOutput } from './byte-sink.js';
import { CaptureWriteError } from './capture-write-error.js';
import { padTo4 } from './pcapng-padding.js';
import { MAX_PACKET_BYTES_STANDARD } from './linktypes.js';
import {
  BLOCK_TYPE_EPB,
  BLOCK_TYPE_IDB,
  BLOCK_TYPE_SHB,
  OPT_COMMENT,
  OPT_EPB_DROPCOUNT,
  OPT_EPB_FLAGS,
  OPT_EPB_PACKETID,
  OPT_EPB_QUEUE,
  OPT_IF_DESCRIPTION,
  OPT_IF_NAME,
  OPT_IF_TSOFFSET,
  OPT_IF_TSRESOL,
  OPT_SHB_USERAPPL,
} from './pcapng-reader.js';
import { PCAPNG_BYTE_ORDER_MAGIC } from './capture-format-sniffer.js';

export interface PcapngWriterOptions {
  /**
   * 'linktype' (default): one interface per distinct link type.
   * 'interface': one per distinct (input interfaceId, linktype) pair, so
   * packets of different input interfaces stay apart. Output interface ids
   * are assigned in order of first appearance either way.
   */
  interfaces?: 'linktype' | 'interface';
  /** shb_userappl (default "netdissect"). */
  userApplication?: string;
  /** opt_comment values for the section header. */
  sectionComments?: readonly string[];
  /** Snapshot length written in each IDB (default 262144). */
  snaplen?: number;
  /** Output buffer size (default 1 MiB). */
  bufferSize?: number;
}

const EPB_FIXED_BYTES = 28; // block header 8 + interface, ts high, ts low, caplen, len
const TWO_32 = 4294967296;
/** Seconds representable by a 64-bit count of nanoseconds (≈ year 2554). */
const MAX_NS_SECONDS = 18_446_744_073;

const utf8 = new TextEncoder();

interface OutputInterface {
  id: number;
  /** if_tsoffset written for this interface (0 when the timestamps fit as they are). */
  tsOffset: number;
}

export class PcapngWriter {
  private readonly byKey = new Map<number, OutputInterface>();
  private nextId = 0;
  private readonly perInterface: boolean;
  private readonly snaplen: number;
  private closed = false;
  // Scratch results of the timestamp encoding.
  private tsHigh = 0;
  private tsLow = 0;

  private constructor(
    private readonly out: BufferedByteSink,
    opts: PcapngWriterOptions,
  ) {
    this.perInterface = opts.interfaces === 'interface';
    this.snaplen = opts.snaplen ?? MAX_PACKET_BYTES_STANDARD;
  }

  /** Open a path ("-" = stdout) or wrap a writable stream, and write the section header. */
  static async open(output: CaptureOutput, opts: PcapngWriterOptions = {}): Promise<PcapngWriter> {
    const sink = await openByteSink(output);
    const writer = new PcapngWriter(new BufferedByteSink(sink, opts.bufferSize), opts);
    await writer.writeSectionHeader(opts.userApplication ?? 'netdissect', opts.sectionComments ?? []);
    return writer;
  }

  async write(packet: RawPacket): Promise<void> {
    // Custom-block records are not packets; they are not written.
    if (packet.custom) return;
    const options = packetOptions(packet);
    const pending = this.prepare(packet, options);
    if (pending !== undefined) await pending;
    this.encode(packet, options);
  }

  /** Append packets in order; cheaper than write() per packet. */
  async writeBatch(packets: readonly RawPacket[]): Promise<void> {
    for (let i = 0; i < packets.length; i++) {
      const packet = packets[i]!;
      if (packet.custom) continue;
      const options = packetOptions(packet);
      const pending = this.prepare(packet, options);
      if (pending !== undefined) await pending;
      this.encode(packet, options);
    }
  }

  /** Reserve room for the packet's EPB with its options (and a new IDB, which is then written). */
  private prepare(packet: RawPacket, options: readonly PcapngOption[]): Promise<void> | undefined {
    if (this.closed) throw new Error(`PcapngWriter for ${JSON.stringify(this.out.name)} is closed`);
    const epbBytes = EPB_FIXED_BYTES + padTo4(packet.bytes.length) + optionsBytesOf(options) + 4;
    if (this.byKey.has(this.keyOf(packet))) return this.out.reserve(epbBytes);
    return this.prepareSlow(packet, epbBytes);
  }

  private async prepareSlow(packet: RawPacket, epbBytes: number): Promise<void> {
    const key = this.keyOf(packet);
    if (!this.byKey.has(key)) await this.writeInterface(key, packet);
    await this.out.reserve(epbBytes);
  }

  private keyOf(packet: RawPacket): number {
    // linktype is 16 bits in an IDB; interface ids are 32 bits.
    return this.perInterface ? packet.interfaceId * 65536 + packet.linktype : packet.linktype;
  }

  private encode(packet: RawPacket, options: readonly PcapngOption[]): void {
    const iface = this.byKey.get(this.keyOf(packet))!;
    this.encodeTimestamp(packet, iface);
    const caplen = packet.bytes.length;
    const optBytes = optionsBytesOf(options);
    const total = EPB_FIXED_BYTES + padTo4(caplen) + optBytes + 4;
    const b = this.out.buf;
    let p = this.out.pos;
    p = putU32le(b, p, BLOCK_TYPE_EPB);
    p = putU32le(b, p, total);
    p = putU32le(b, p, iface.id);
    p = putU32le(b, p, this.tsHigh);
    p = putU32le(b, p, this.tsLow);
    p = putU32le(b, p, caplen);
    p = putU32le(b, p, packet.len);
    b.set(packet.bytes, p);
    p += caplen;
    for (let i = caplen; i % 4 !== 0; i++) b[p++] = 0;
    p = putOptions(b, p, options);
    p = putU32le(b, p, total);
    this.out.pos = p;
  }

  /** (tsSec, tsNsec) -> 64-bit nanosecond count relative to the interface's if_tsoffset. */
  private encodeTimestamp(packet: RawPacket, iface: OutputInterface): void {
    const sec = packet.tsSec - iface.tsOffset;
    const nsec = packet.tsNsec;
    if (sec >= 0 && sec <= MAX_NS_SECONDS && Number.isInteger(sec) && nsec >= 0 && nsec < 1e9 && Number.isInteger(nsec)) {
      // sec * 1e9 + nsec can exceed 2^53; split sec in 16-bit halves to stay exact.
      const secLow = sec % 65536;
      const a = ((sec - secLow) / 65536) * 1e9; // < 2^49
      const aLow = a % 65536;
      const x = aLow * 65536 + secLow * 1e9 + nsec; // < 2^47
      const xLow = x % TWO_32;
      const high = (a - aLow) / 65536 + (x - xLow) / TWO_32;
      if (high < TWO_32) {
        this.tsHigh = high;
        this.tsLow = xLow;
        return;
      }
    }
    if (!Number.isInteger(sec) || !Number.isInteger(nsec)) {
      throw new CaptureWriteError(this.out.name, packet.no, `timestamp ${packet.tsSec}.${packet.tsNsec} is not a whole number of nanoseconds`);
    }
    const total = BigInt(sec) * 1_000_000_000n + BigInt(nsec);
    if (total < 0n || total > 0xffffffffffffffffn) {
      throw new CaptureWriteError(this.out.name, packet.no, `timestamp ${packet.tsSec}.${packet.tsNsec} is out of the range of its interface`);
    }
    this.tsHigh = Number(total >> 32n);
    this.tsLow = Number(total & 0xffffffffn);
  }

  private async writeSectionHeader(userApplication: string, comments: readonly string[]): Promise<void> {
    const options = [
      ...comments.map((c) => ({ code: OPT_COMMENT, value: utf8.encode(c) })),
      { code: OPT_SHB_USERAPPL, value: utf8.encode(userApplication) },
    ];
    const optBytes = optionsBytesOf(options);
    const total = 28 + optBytes;
    await this.out.reserve(total);
    const b = this.out.buf;
    let p = this.out.pos;
    p = putU32le(b, p, BLOCK_TYPE_SHB);
    p = putU32le(b, p, total);
    p = putU32le(b, p, PCAPNG_BYTE_ORDER_MAGIC);
    b[p++] = 1; // version 1.0
    b[p++] = 0;
    b[p++] = 0;
    b[p++] = 0;
    p = putU32le(b, p, 0xffffffff); // section length: unknown
    p = putU32le(b, p, 0xffffffff);
    p = putOptions(b, p, options);
    p = putU32le(b, p, total);
    this.out.pos = p;
  }

  private async writeInterface(key: number, packet: RawPacket): Promise<void> {
    // Timestamps from 1970 to 2554 fit as nanoseconds; for anything else
    // (odd files, negative times) shift the interface with if_tsoffset.
    const sec = packet.tsSec;
    const tsOffset = sec >= 0 && sec <= MAX_NS_SECONDS - TWO_32 ? 0 : Math.floor(sec) - TWO_32;
    const iface: OutputInterface = { id: this.nextId++, tsOffset };
    const options: PcapngOption[] = [];
    // Keep the interface's name and description, as dumpcap writes them.
    if (packet.iface?.name !== undefined) options.push({ code: OPT_IF_NAME, value: utf8.encode(packet.iface.name) });
    if (packet.iface?.description !== undefined) options.push({ code: OPT_IF_DESCRIPTION, value: utf8.encode(packet.iface.description) });
    options.push({ code: OPT_IF_TSRESOL, value: Uint8Array.of(9) });
    if (tsOffset !== 0) {
      options.push({ code: OPT_IF_TSOFFSET, value: u64le(tsOffset) });
    }
    const total = 20 + optionsBytesOf(options);
    await this.out.reserve(total);
    const b = this.out.buf;
    let p = this.out.pos;
    p = putU32le(b, p, BLOCK_TYPE_IDB);
    p = putU32le(b, p, total);
    b[p++] = packet.linktype & 0xff;
    b[p++] = (packet.linktype >>> 8) & 0xff;
    b[p++] = 0; // reserved
    b[p++] = 0;
    p = putU32le(b, p, this.snaplen);
    p = putOptions(b, p, options);
    p = putU32le(b, p, total);
    this.out.pos = p;
    this.byKey.set(key, iface);
  }

  async flush(): Promise<void> {
    await this.out.flush();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.out.close();
  }
}


interface PcapngOption {
  code: number;
  value: Uint8Array;
}

const NO_OPTIONS: readonly PcapngOption[] = [];

function hasPacketOptions(packet: RawPacket): boolean {
  return (
    (packet.comments !== undefined && packet.comments.length > 0) ||
    packet.packFlags !== undefined ||
    packet.dropCount !== undefined ||
    packet.packetId !== undefined ||
    packet.interfaceQueue !== undefined
  );
}

/** The packet's options as an Enhanced Packet Block holds them (a Packet Block's drop count becomes epb_dropcount, as wiretap writes it). */
function packetOptions(packet: RawPacket): readonly PcapngOption[] {
  if (!hasPacketOptions(packet)) return NO_OPTIONS;
  const options: PcapngOption[] = [];
  for (const c of packet.comments ?? []) options.push({ code: OPT_COMMENT, value: utf8.encode(c) });
  if (packet.packFlags !== undefined) options.push({ code: OPT_EPB_FLAGS, value: u32le(packet.packFlags) });
  if (packet.dropCount !== undefined) options.push({ code: OPT_EPB_DROPCOUNT, value: u64le(packet.dropCount) });
  if (packet.packetId !== undefined) options.push({ code: OPT_EPB_PACKETID, value: u64le(packet.packetId) });
  if (packet.interfaceQueue !== undefined) options.push({ code: OPT_EPB_QUEUE, value: u32le(packet.interfaceQueue) });
  return options;
}

function u32le(v: number): Uint8Array {
  const value = new Uint8Array(4);
  putU32le(value, 0, v);
  return value;
}

function u64le(v: number | bigint): Uint8Array {
  const n = BigInt.asUintN(64, BigInt(v));
  const value = new Uint8Array(8);
  putU32le(value, 0, Number(n & 0xffffffffn));
  putU32le(value, 4, Number(n >> 32n));
  return value;
}

/** Bytes of an option area holding these options plus opt_endofopt (0 when none). */
function optionsBytesOf(options: readonly { value: Uint8Array }[]): number {
  if (options.length === 0) return 0;
  let n = 4; // opt_endofopt
  for (const o of options) {
    if (o.value.length > 0xffff) throw new RangeError(`a pcapng option holds at most 65535 bytes (got ${o.value.length})`);
    n += 4 + padTo4(o.value.length);
  }
  return n;
}

function putOptions(b: Uint8Array, p: number, options: readonly PcapngOption[]): number {
  if (options.length === 0) return p;
  for (const o of options) {
    b[p++] = o.code & 0xff;
    b[p++] = o.code >>> 8;
    b[p++] = o.value.length & 0xff;
    b[p++] = o.value.length >>> 8;
    b.set(o.value, p);
    p += o.value.length;
    for (let i = o.value.length; i % 4 !== 0; i++) b[p++] = 0;
  }
  b[p++] = 0; // opt_endofopt
  b[p++] = 0;
  b[p++] = 0;
  b[p++] = 0;
  return p;
}

function putU32le(b: Uint8Array, p: number, v: number): number {
  b[p] = v & 0xff;
  b[p + 1] = (v >>> 8) & 0xff;
  b[p + 2] = (v >>> 16) & 0xff;
  b[p + 3] = (v >>> 24) & 0xff;
  return p + 4;
}
