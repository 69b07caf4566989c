import { wireLength, type RawPacket } from '../capture/raw-packet.js';
import { FieldNode, TreeContext } from '../fields/field-node.js';
import { ConversationTable } from './conversation-table.js';
import { DataSource, sizedSourceName } from './data-source.js';
import type { Dissector } from './dissector.js';
import { DissectorRegistry } from './dissector-registry.js';
import { PacketInfo } from './packet-info.js';
import { Tvb } from './tvb.js';
import { FrameTimeHistory } from './frame-time-history.js';
import { defaultLimits, type Limits } from './limits.js';
import type { FrameBytesReader } from '../reassembly/fragment-head.js';

/** The registry core layers and protocol packages register into on import. */
export const defaultRegistry = new DissectorRegistry();

/** The root dissector of every frame; set by the frame module when core loads. */
let frameDissector: Dissector | null = null;
export function setFrameDissector(d: Dissector): void {
  frameDissector = d;
}

export interface SessionOptions {
  registry?: DissectorRegistry;
  limits?: Partial<Limits>;
  /** Preferences by Wireshark name ("tcp.analyze_sequence_numbers" ...); see prefs in each dissector. */
  prefs?: Record<string, string | number | boolean>;
  /**
   * Build the Protocol and Info columns (default true). Off when nobody
   * reads them (-T fields without _ws.col.*): no per-frame Info text.
   */
  columns?: boolean;
  /**
   * Protocols to skip: called, they take their data without dissecting it.
   * Only for protocols nothing of which is read (no field, column, tap or
   * expert item): see unreadProtocols; or that no frame shown can hold,
   * when only frames holding some fields are shown: see
   * protocolsOutsideShownFrames.
   */
  skip?: ReadonlySet<string>;
  /**
   * A skipped protocol still runs in a frame where one of these already has
   * a layer: with `skip` from protocolsOutsideShownFrames, what a shown
   * frame hands on as a last act (a tunnel's first bytes) is dissected.
   */
  skipUnlessAfter?: ReadonlySet<string>;
}

/** Timestamps a frame is measured against. */
export interface FrameTimes {
  /** First frame of the capture (frame.time_relative). */
  refSec: number;
  refNsec: number;
  /** Previous captured frame (frame.time_delta). */
  prevSec: number;
  prevNsec: number;
  /** Previous displayed frame (frame.time_delta_displayed). */
  prevDisplayedSec: number;
  prevDisplayedNsec: number;
}

/**
 * The state of one dissection of one capture: conversations, per-protocol
 * state, the per-frame notes later passes read back, and the time
 * references. Frames must be given in order on the first pass; any frame
 * may be dissected again afterwards (visited) to build its full tree.
 */
export class DissectionSession {
  readonly registry: DissectorRegistry;
  readonly conversations: ConversationTable;
  readonly limits: Limits;
  readonly prefs: Map<string, string | number | boolean>;
  private readonly frameData = new Map<string, Map<number, unknown>>();
  /**
   * With one pass (no keepHistory) only the frame being dissected has notes:
   * one slot per key, stamped with its frame, overwritten instead of a map
   * per key made and cleared per frame.
   */
  private readonly streamNotes = new Map<string, { frame: number; value: unknown }>();
  /** The frame the first pass is on (streaming notes belong to it). */
  private streamFrame = 0;
  private readonly protoState = new Map<string, unknown>();
  private refSec = NaN;
  private refNsec = 0;
  private prevSec = NaN;
  private prevNsec = 0;
  private tracksDisplayed = false;
  private prevDisplayedSec = NaN;
  private prevDisplayedNsec = 0;
  /** Per-frame previous-frame timestamps kept for revisits (index = frame number). */
  private readonly prevTimes = new FrameTimeHistory();
  /**
   * Keep what later passes need (per-frame notes, frame times). Must be set
   * before the first frame if any frame will be dissected again with
   * `visited` (two passes, a details pane); off, one pass streams in bounded
   * memory.
   */
  keepHistory = false;
  /**
   * Reads an earlier frame's captured bytes again (a capture file can).
   * With keepHistory, the reassembled bytes of finished TCP PDUs are then
   * dropped after the first pass and rebuilt from their segments' frames
   * when the completing frame is dissected again.
   */
  frameBytes: FrameBytesReader | null = null;
  /**
   * On a revisit, stop after the transport layer: TCP and UDP report their
   * payload (the follow taps) but hand it on to no protocol. Following a
   * stream needs nothing more, and upper layers can cost several times as
   * much (HTTP bodies rebuilt and decompressed). Ignored on a first pass.
   */
  transportOnly = false;
  private readonly frameEnd: Array<() => void> = [];
  /** Run `fn` once the frame being dissected is done (dropping buffers only that frame needed). */
  afterFrame(fn: () => void): void {
    this.frameEnd.push(fn);
  }
  /** Tap listeners by tap name ("tcp.follow", "http", ...). */
  readonly taps = new Map<string, Array<(pinfo: PacketInfo, data: unknown) => void>>();
  /** Last frame number dissected on the first pass. */
  lastFrame = 0;
  /** Whether frames get their Protocol and Info columns (SessionOptions.columns; off during a two-pass run's first pass). */
  columns: boolean;
  /** SessionOptions.skip, null when empty. */
  readonly skip: ReadonlySet<string> | null;
  /** SessionOptions.skipUnlessAfter, null when empty. */
  readonly skipUnlessAfter: ReadonlySet<string> | null;

  constructor(opts: SessionOptions = {}) {
    this.registry = opts.registry ?? defaultRegistry;
    this.limits = { ...defaultLimits, ...opts.limits };
    this.conversations = new ConversationTable(this.limits.maxOpenFlows, () => this.keepHistory);
    this.prefs = new Map(Object.entries(opts.prefs ?? {}));
    this.columns = opts.columns ?? true;
    this.skip = opts.skip && opts.skip.size > 0 ? opts.skip : null;
    this.skipUnlessAfter = opts.skipUnlessAfter && opts.skipUnlessAfter.size > 0 ? opts.skipUnlessAfter : null;
  }

  /** Listen on a tap; returns a function that stops listening. */
  addTap(tap: string, listener: (pinfo: PacketInfo, data: unknown) => void): () => void {
    let l = this.taps.get(tap);
    if (!l) this.taps.set(tap, (l = []));
    l.push(listener);
    return () => {
      const i = l!.indexOf(listener);
      if (i >= 0) l!.splice(i, 1);
      if (l!.length === 0) this.taps.delete(tap);
    };
  }

  pref<T extends string | number | boolean>(name: string, fallback: T): T {
    const v = this.prefs.get(name);
    return (v === undefined ? fallback : v) as T;
  }

  /** Session-scoped state of a protocol, created on first use. */
  state<T>(key: string, init: () => T): T {
    let s = this.protoState.get(key) as T | undefined;
    if (s === undefined) {
      s = init();
      this.protoState.set(key, s);
    }
    return s;
  }

  setFrameData(key: string, frame: number, value: unknown): void {
    if (!this.keepHistory) {
      const note = this.streamNotes.get(key);
      if (note === undefined) this.streamNotes.set(key, { frame, value });
      else {
        note.frame = frame;
        note.value = value;
      }
      return;
    }
    let m = this.frameData.get(key);
    if (!m) this.frameData.set(key, (m = new Map()));
    m.set(frame, value);
  }

  getFrameData<T>(key: string, frame: number): T | undefined {
    if (!this.keepHistory) {
      const note = this.streamNotes.get(key);
      return (note !== undefined && note.frame === frame && frame === this.streamFrame ? note.value : undefined) as T | undefined;
    }
    return this.frameData.get(key)?.get(frame) as T | undefined;
  }

  /** The Time column's reference (the first frame), once a frame was seen. */
  get reference(): { sec: number; nsec: number } | null {
    return Number.isNaN(this.refSec) ? null : { sec: this.refSec, nsec: this.refNsec };
  }

  /** What times() last returned, filled again by each call (one per frame, read at once). */
  private readonly frameTimes: FrameTimes = { refSec: 0, refNsec: 0, prevSec: 0, prevNsec: 0, prevDisplayedSec: 0, prevDisplayedNsec: 0 };

  /** Time references for `raw`, updating them on the first pass; valid until the next call. */
  times(raw: RawPacket, visited: boolean): FrameTimes {
    // A record without a timestamp counts as time zero, as in Wireshark.
    const sec = raw.hasTimestamp === false ? 0 : raw.tsSec;
    const nsec = raw.hasTimestamp === false ? 0 : raw.tsNsec;
    if (Number.isNaN(this.refSec)) {
      this.refSec = sec;
      this.refNsec = nsec;
    }
    let prevSec: number, prevNsec: number;
    if (visited) {
      const p = this.prevTimes.get(raw.no);
      [prevSec, prevNsec] = p ?? [sec, nsec];
    } else {
      if (Number.isNaN(this.prevSec)) {
        prevSec = sec;
        prevNsec = nsec;
      } else {
        prevSec = this.prevSec;
        prevNsec = this.prevNsec;
      }
      if (this.keepHistory) this.prevTimes.set(raw.no, prevSec, prevNsec);
      // A custom block is a record, not a packet: the next packet still measures from the one
      // before it (tshark's behaviour, except for a custom block that opens the file).
      if (!raw.custom || raw.no === 1) {
        this.prevSec = sec;
        this.prevNsec = nsec;
      }
    }
    let prevDisplayedSec = prevSec;
    let prevDisplayedNsec = prevNsec;
    if (this.tracksDisplayed) {
      prevDisplayedSec = Number.isNaN(this.prevDisplayedSec) ? sec : this.prevDisplayedSec;
      prevDisplayedNsec = Number.isNaN(this.prevDisplayedSec) ? nsec : this.prevDisplayedNsec;
    }
    const t = this.frameTimes;
    t.refSec = this.refSec;
    t.refNsec = this.refNsec;
    t.prevSec = prevSec;
    t.prevNsec = prevNsec;
    t.prevDisplayedSec = prevDisplayedSec;
    t.prevDisplayedNsec = prevDisplayedNsec;
    return t;
  }

  /**
   * With a display filter, frame.time_delta_displayed measures from the last
   * frame that passed it: the caller reports each shown frame. Without a
   * call to this, every frame counts as displayed.
   */
  markDisplayed(raw: RawPacket): void {
    this.tracksDisplayed = true;
    if (raw.hasTimestamp === false) return;
    this.prevDisplayedSec = raw.tsSec;
    this.prevDisplayedNsec = raw.tsNsec;
  }

  /** Start measuring frame.time_delta_displayed from shown frames only (see markDisplayed). */
  trackDisplayedFrames(): void {
    this.tracksDisplayed = true;
  }

  /**
   * Dissect one frame. `tree` is a TreeContext when a tree is wanted (full
   * or pruned to some fields), or null for columns and state only.
   * Never throws for anything in the packet.
   */
  dissect(raw: RawPacket, tree: TreeContext | null, visited = false): DissectedFrame {
    if (!frameDissector) throw new Error('@netdissect/core: frame dissector not loaded');
    if (visited && !this.keepHistory) throw new Error('DissectionSession: set keepHistory = true before the first pass to dissect frames again (visited)');
    // Per-frame notes exist for later passes; with one pass only the current frame's matter.
    if (!this.keepHistory && !visited) this.streamFrame = raw.no;
    const pinfo = new PacketInfo(this, raw, visited);
    const root = tree ? FieldNode.root(tree) : null;
    const ds = new DataSource(frameSourceName(raw.caplen), raw.bytes);
    // tvb_fix_reported_length: a frame cannot be shorter on the wire than what was captured of it.
    const tvb = new Tvb(ds, 0, raw.caplen, Math.max(wireLength(raw.len), raw.caplen));
    frameDissector.dissect(tvb, pinfo, root);
    if (this.frameEnd.length) {
      for (const fn of this.frameEnd) fn();
      this.frameEnd.length = 0;
    }
    if (!visited && raw.no > this.lastFrame) this.lastFrame = raw.no;
    return { pinfo, tree: root, frameSource: ds };
  }
}

/** "Frame (74 bytes)" per captured length, built once each: every frame needs one. */
const FRAME_SOURCE_NAMES: Array<string | undefined> = [];
function frameSourceName(caplen: number): string {
  if (caplen > 0xffff) return sizedSourceName('Frame', caplen);
  return (FRAME_SOURCE_NAMES[caplen] ??= sizedSourceName('Frame', caplen));
}

export interface DissectedFrame {
  readonly pinfo: PacketInfo;
  /** The root of the tree (its children are the protocol nodes), or null. */
  readonly tree: FieldNode | null;
  readonly frameSource: DataSource;
}
