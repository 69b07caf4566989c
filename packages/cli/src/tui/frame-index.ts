import { formatSecondsPrecision, timeDelta, type PacketInfo, type RawPacket } from '@netdissect/core';
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

/** The rare per-record extras (pcapng comments, custom blocks), kept sparse. */
type RecordExtras = Pick<RawPacket, 'comments' | 'custom'>;

type Growable = Float64Array | Uint32Array | Int32Array | Uint16Array;

function grown<T extends Growable>(a: T, capacity: number): T {
  const b = new (a.constructor as new (n: number) => T)(capacity);
  b.set(a);
  return b;
}

/**
 * The compact per-frame index the first pass builds (DESIGN.md, "Two
 * speeds"): where each frame is in the file, its timestamps, its summary
 * columns and its TCP/UDP stream — about 60 bytes per frame plus the Info
 * text, no objects per frame. Frame numbers are 1-based and contiguous.
 */
export class FrameIndex {
  count = 0;
  private capacity = 0;
  private dataOffset = new Float64Array(0);
  private caplen = new Uint32Array(0);
  private wireLen = new Uint32Array(0);
  private tsSec = new Float64Array(0);
  private tsNsec = new Uint32Array(0);
  private shape = new Uint16Array(0);
  private src = new Uint32Array(0);
  private dst = new Uint32Array(0);
  private proto = new Uint32Array(0);
  private infoAt = new Float64Array(0);
  private infoLen = new Uint16Array(0);
  private tcpStreams = new Int32Array(0);
  private udpStreams = new Int32Array(0);
  private readonly addresses = new StringTable();
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
   * Record frame `raw.no` (must be count + 1) after its first-pass
   * dissection, with its tcp.stream / udp.stream (-1 for none).
   */
  add(raw: RawPacket, pinfo: PacketInfo, tcpStream: number, udpStream: number): void {
    if (raw.no !== this.count + 1) throw new Error(`frame ${raw.no} arrived out of order (expected ${this.count + 1})`);
    if (this.count === this.capacity) this.grow();
    const i = this.count;
    const hasTimestamp = raw.hasTimestamp !== false;
    if (i === 0 && hasTimestamp) {
      this.refSec = raw.tsSec;
      this.refNsec = raw.tsNsec;
    }
    this.dataOffset[i] = raw.dataOffset;
    this.caplen[i] = raw.caplen;
    this.wireLen[i] = raw.len;
    this.tsSec[i] = raw.tsSec;
    this.tsNsec[i] = raw.tsNsec;
    this.shape[i] = this.shapeOf(raw.linktype, raw.interfaceId, raw.tsPrecision, hasTimestamp);
    this.src[i] = this.addresses.intern(pinfo.src.toString());
    this.dst[i] = this.addresses.intern(pinfo.dst.toString());
    this.proto[i] = this.protocols.intern(pinfo.cols.protocol);
    this.infoAt[i] = this.info.add(pinfo.cols.info, this.lengthOut);
    this.infoLen[i] = this.lengthOut[0]!;
    this.tcpStreams[i] = tcpStream;
    this.udpStreams[i] = udpStream;
    if (raw.comments !== undefined || raw.custom !== undefined) this.extras.set(raw.no, { comments: raw.comments, custom: raw.custom });
    this.count++;
  }

  tcpStream(no: number): number {
    return this.tcpStreams[no - 1] ?? -1;
  }

  udpStream(no: number): number {
    return this.udpStreams[no - 1] ?? -1;
  }

  /** Frames of one stream, in order (`kind` picks the TCP or the UDP numbering). */
  framesOfStream(kind: 'tcp' | 'udp', stream: number): number[] {
    const a = kind === 'tcp' ? this.tcpStreams : this.udpStreams;
    const out: number[] = [];
    for (let i = 0; i < this.count; i++) if (a[i] === stream) out.push(i + 1);
    return out;
  }

  row(no: number): FrameRow {
    const i = no - 1;
    const s = this.shapes[this.shape[i]!]!;
    let time = '';
    if (s.hasTimestamp) {
      const [sec, nsec] = timeDelta(this.tsSec[i]!, this.tsNsec[i]!, this.refSec, this.refNsec);
      time = formatSecondsPrecision(sec, nsec, s.tsPrecision >= 0 && s.tsPrecision <= 9 ? s.tsPrecision : 9);
    }
    return {
      no,
      time,
      source: this.addresses.get(this.src[i]!),
      destination: this.addresses.get(this.dst[i]!),
      protocol: this.protocols.get(this.proto[i]!),
      length: this.wireLen[i]!,
      info: this.info.get(this.infoAt[i]!, this.infoLen[i]!),
    };
  }

  /** Where the frame's bytes are in its file (-1 when not from a seekable file) and how many. */
  location(no: number): { dataOffset: number; caplen: number } {
    return { dataOffset: this.dataOffset[no - 1]!, caplen: this.caplen[no - 1]! };
  }

  /** The RawPacket of frame `no` again, around bytes read back from the file or a store. */
  rawPacket(no: number, bytes: Uint8Array): RawPacket {
    const i = no - 1;
    const s = this.shapes[this.shape[i]!]!;
    const raw: RawPacket = {
      no,
      tsSec: this.tsSec[i]!,
      tsNsec: this.tsNsec[i]!,
      tsPrecision: s.tsPrecision,
      caplen: this.caplen[i]!,
      len: this.wireLen[i]!,
      linktype: s.linktype,
      interfaceId: s.interfaceId,
      bytes,
      dataOffset: this.dataOffset[i]!,
    };
    if (!s.hasTimestamp) raw.hasTimestamp = false;
    const x = this.extras.get(no);
    if (x?.comments !== undefined) raw.comments = x.comments;
    if (x?.custom !== undefined) raw.custom = x.custom;
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

  private grow(): void {
    const c = Math.max(1024, this.capacity * 2);
    this.dataOffset = grown(this.dataOffset, c);
    this.caplen = grown(this.caplen, c);
    this.wireLen = grown(this.wireLen, c);
    this.tsSec = grown(this.tsSec, c);
    this.tsNsec = grown(this.tsNsec, c);
    this.shape = grown(this.shape, c);
    this.src = grown(this.src, c);
    this.dst = grown(this.dst, c);
    this.proto = grown(this.proto, c);
    this.infoAt = grown(this.infoAt, c);
    this.infoLen = grown(this.infoLen, c);
    this.tcpStreams = grown(this.tcpStreams, c);
    this.udpStreams = grown(this.udpStreams, c);
    this.capacity = c;
  }
}
