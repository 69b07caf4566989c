import { formatSecondsPrecision, PagedColumn, timeDelta, type PacketInfo, type RawPacket } from '@netdissect/core';
import { AddressTable } from './address-table.js';
import { LayerStacks } from './layer-stacks.js';
import { StringTable } from './string-table.js';
import { TextArena } from './text-arena.js';

/** The packet-list columns of one frame, as plain (unescaped) text. */
export interface FrameRow {
  no: number;
  time: string;
  source: string;
  destination: string;
  protocol: string;
  length: number;
  info: string;
}

/** How a frame's record was stored; shared by many frames, so interned. */
interface RecordShape {
  linktype: number;
  interfaceId: number;
  tsPrecision: number;
  hasTimestamp: boolean;
}

/** The rare per-record extras (pcapng comments, flags, drop counts, packet ids, custom blocks), kept sparse. */
const RECORD_EXTRA_KEYS = ['comments', 'interfaceQueue', 'packFlags', 'fcsLen', 'dropCount', 'packetId', 'custom'] as const;
type RecordExtras = Pick<RawPacket, (typeof RECORD_EXTRA_KEYS)[number]>;

function hasRecordExtras(raw: RawPacket): boolean {
  for (const key of RECORD_EXTRA_KEYS) if (raw[key] !== undefined) return true;
  return false;
}

/** Copy the extras `from` has onto `to`. */
function copyRecordExtras(from: RecordExtras, to: RecordExtras): void {
  for (const key of RECORD_EXTRA_KEYS) if (from[key] !== undefined) (to as Record<string, unknown>)[key] = from[key];
}

/**
 * The compact per-frame index the first pass builds (DESIGN.md, "Two
 * speeds"): where each frame is in the file, its timestamps, its summary
 * columns, its TCP/UDP stream and its protocol layers (which let a filter
 * pass leave frames out) — about 55 bytes per frame in paged columns
 * (plus the Info text for a live capture, see the constructor), no
 * objects per frame. Frame numbers are 1-based and contiguous.
 */
export class FrameIndex {
  count = 0;
  private readonly dataOffset = new PagedColumn((n) => new Float64Array(n));
  private readonly caplen = new PagedColumn((n) => new Uint32Array(n));
  private readonly wireLen = new PagedColumn((n) => new Uint32Array(n));
  private readonly tsSec = new PagedColumn((n) => new Float64Array(n));
  private readonly tsNsec = new PagedColumn((n) => new Uint32Array(n));
  private readonly shape = new PagedColumn((n) => new Uint16Array(n));
  private readonly src = new PagedColumn((n) => new Uint32Array(n));
  private readonly dst = new PagedColumn((n) => new Uint32Array(n));
  private readonly proto = new PagedColumn((n) => new Uint32Array(n));
  private readonly infoAt = new PagedColumn((n) => new Float64Array(n));
  private readonly infoLen = new PagedColumn((n) => new Uint16Array(n));
  private readonly tcpStreams = new PagedColumn((n) => new Int32Array(n), -1);
  private readonly udpStreams = new PagedColumn((n) => new Int32Array(n), -1);
  /** The first pass's layers (frame.protocols) as an id in `stacks`; 0 when not known. */
  private readonly stack = new PagedColumn((n) => new Uint32Array(n));
  private readonly stacks = new LayerStacks();
  private readonly addresses = new AddressTable();
  private readonly protocols = new StringTable();
  private readonly info = new TextArena();
  private readonly shapes: RecordShape[] = [];
  private readonly shapeIds = new Map<string, number>();
  private readonly extras = new Map<number, RecordExtras>();
  private readonly lengthOut = new Uint32Array(1);
  /** The Time column's reference: the first frame's timestamp. */
  private refSec = 0;
  private refNsec = 0;

  /**
   * @param infoOf Where a frame's Info text comes from when it is not kept
   *   here: for a capture file, a revisit of the frame when its row is
   *   drawn (as Wireshark fills its packet list), which saves the ~80
   *   bytes a frame the text would take. Without it (a live capture,
   *   whose bytes may be gone later) the first pass's text is kept.
   */
  constructor(private readonly infoOf: ((no: number) => string) | null = null) {}

  /**
   * Record frame `raw.no` (must be count + 1) after its first-pass
   * dissection, with its tcp.stream / udp.stream (-1 for none).
   * `layersKnown`: pinfo.layers names every protocol a later pass over
   * the frame can call, and its revisit changes nothing other frames show
   * (see PacketInfo.revisitRegardlessOfLayers), else they are not kept.
   */
  add(raw: RawPacket, pinfo: PacketInfo, tcpStream: number, udpStream: number, layersKnown: boolean): void {
    if (raw.no !== this.count + 1) throw new Error(`frame ${raw.no} arrived out of order (expected ${this.count + 1})`);
    const i = this.count;
    const hasTimestamp = raw.hasTimestamp !== false;
    if (i === 0 && hasTimestamp) {
      this.refSec = raw.tsSec;
      this.refNsec = raw.tsNsec;
    }
    this.dataOffset.set(i, raw.dataOffset);
    this.caplen.set(i, raw.caplen);
    this.wireLen.set(i, raw.len);
    this.tsSec.set(i, raw.tsSec);
    this.tsNsec.set(i, raw.tsNsec);
    this.shape.set(i, this.shapeOf(raw.linktype, raw.interfaceId, raw.tsPrecision, hasTimestamp));
    this.src.set(i, this.addresses.intern(pinfo.src));
    this.dst.set(i, this.addresses.intern(pinfo.dst));
    this.proto.set(i, this.protocols.intern(pinfo.cols.protocol));
    if (this.infoOf === null) {
      this.infoAt.set(i, this.info.add(pinfo.cols.info, this.lengthOut));
      this.infoLen.set(i, this.lengthOut[0]!);
    }
    this.tcpStreams.set(i, tcpStream);
    this.udpStreams.set(i, udpStream);
    if (layersKnown) this.stack.set(i, this.stacks.intern(pinfo.layers));
    if (hasRecordExtras(raw)) {
      const extras: RecordExtras = {};
      copyRecordExtras(raw, extras);
      this.extras.set(raw.no, extras);
    }
    this.count++;
  }

  tcpStream(no: number): number {
    return no >= 1 && no <= this.count ? this.tcpStreams.get(no - 1) : -1;
  }

  udpStream(no: number): number {
    return no >= 1 && no <= this.count ? this.udpStreams.get(no - 1) : -1;
  }

  /**
   * The layers the first pass saw in frame `no` as an id (equal ids, equal
   * layers), or 0 when they are not known; `layersOf` gives them back.
   */
  layersId(no: number): number {
    return no >= 1 && no <= this.count ? this.stack.get(no - 1) : 0;
  }

  /** The layers of a `layersId`, in dissection order. */
  layersOf(id: number): readonly string[] {
    return this.stacks.layers(id);
  }

  /** Frames of one stream, in order (`kind` picks the TCP or the UDP numbering). */
  framesOfStream(kind: 'tcp' | 'udp', stream: number): number[] {
    const a = kind === 'tcp' ? this.tcpStreams : this.udpStreams;
    return a.indexesOf(stream, this.count).map((i) => i + 1);
  }

  row(no: number): FrameRow {
    const i = no - 1;
    const s = this.shapes[this.shape.get(i)]!;
    let time = '';
    if (s.hasTimestamp) {
      const [sec, nsec] = timeDelta(this.tsSec.get(i), this.tsNsec.get(i), this.refSec, this.refNsec);
      time = formatSecondsPrecision(sec, nsec, s.tsPrecision >= 0 && s.tsPrecision <= 9 ? s.tsPrecision : 9);
    }
    return {
      no,
      time,
      source: this.addresses.get(this.src.get(i)),
      destination: this.addresses.get(this.dst.get(i)),
      protocol: this.protocols.get(this.proto.get(i)),
      length: this.wireLen.get(i),
      info: this.infoOf ? this.infoOf(no) : this.info.get(this.infoAt.get(i), this.infoLen.get(i)),
    };
  }

  /** Where the frame's bytes are in its file (-1 when not from a seekable file) and how many. */
  location(no: number): { dataOffset: number; caplen: number } {
    return { dataOffset: this.dataOffset.get(no - 1), caplen: this.caplen.get(no - 1) };
  }

  /** The RawPacket of frame `no` again, around bytes read back from the file or a store. */
  rawPacket(no: number, bytes: Uint8Array): RawPacket {
    const i = no - 1;
    const s = this.shapes[this.shape.get(i)]!;
    const raw: RawPacket = {
      no,
      tsSec: this.tsSec.get(i),
      tsNsec: this.tsNsec.get(i),
      tsPrecision: s.tsPrecision,
      caplen: this.caplen.get(i),
      len: this.wireLen.get(i),
      linktype: s.linktype,
      interfaceId: s.interfaceId,
      bytes,
      dataOffset: this.dataOffset.get(i),
    };
    if (!s.hasTimestamp) raw.hasTimestamp = false;
    const x = this.extras.get(no);
    if (x !== undefined) copyRecordExtras(x, raw);
    return raw;
  }

  private shapeOf(linktype: number, interfaceId: number, tsPrecision: number, hasTimestamp: boolean): number {
    const key = `${linktype}/${interfaceId}/${tsPrecision}/${hasTimestamp ? 1 : 0}`;
    let id = this.shapeIds.get(key);
    if (id === undefined) {
      id = this.shapes.length;
      this.shapes.push({ linktype, interfaceId, tsPrecision, hasTimestamp });
      this.shapeIds.set(key, id);
    }
    return id;
  }
}
