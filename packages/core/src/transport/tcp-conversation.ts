import type { Conversation } from '../dissection/conversation-table.js';
import type { FragmentHead } from '../reassembly/fragment-head.js';
import { UnackedSegments } from './unacked-segments.js';
import { OutOfOrderQueue } from './out-of-order-queue.js';
import { StreamClock } from './stream-timestamps.js';
import type { TcpAckedHistory } from './tcp-acked-history.js';

/** TCP_A_* analysis flags. */
export const TA = {
  RETRANSMISSION: 0x0001,
  LOST_PACKET: 0x0002,
  ACK_LOST_PACKET: 0x0004,
  KEEP_ALIVE: 0x0008,
  DUPLICATE_ACK: 0x0010,
  ZERO_WINDOW: 0x0020,
  ZERO_WINDOW_PROBE: 0x0040,
  ZERO_WINDOW_PROBE_ACK: 0x0080,
  KEEP_ALIVE_ACK: 0x0100,
  OUT_OF_ORDER: 0x0200,
  FAST_RETRANSMISSION: 0x0400,
  WINDOW_UPDATE: 0x0800,
  WINDOW_FULL: 0x1000,
  REUSED_PORTS: 0x2000,
  SPURIOUS_RETRANSMISSION: 0x4000,
  OLD_DATA: 0x8000,
} as const;

export const TH = { FIN: 0x001, SYN: 0x002, RST: 0x004, PUSH: 0x008, ACK: 0x010, URG: 0x020, ECE: 0x040, CWR: 0x080, AE: 0x100, RES: 0xe00, MASK: 0xfff } as const;

export const StaticFlag = { BASE_SEQ_SET: 0x01, SAW_SYN: 0x03, SAW_SYNACK: 0x05 } as const;

export const MspFlag = { REASSEMBLE_ENTIRE_SEGMENT: 1, GOT_ALL_SEGMENTS: 2, MISSING_FIRST_SEGMENT: 4, /** A reassembly cap stopped this PDU. */ OVER_LIMIT: 0x100 } as const;

export const Completeness = { SYNSENT: 0x01, SYNACK: 0x02, ACK: 0x04, DATA: 0x08, FIN: 0x10, RST: 0x20 } as const;

export const FLOW_REASSEMBLE_UNTIL_FIN = 0x0001;

/** What the analysis concluded about one segment (struct tcp_acked), looked up by (frame, seq, ack). */
export class TcpAcked {
  /** Another result for the same frame with a different (seq, ack): a frame carrying two headers of one connection. */
  next: TcpAcked | null = null;
  constructor(
    readonly seq: number,
    readonly ack: number,
  ) {}
  frameAcked = 0;
  rttSec = 0;
  rttNsec = 0;
  flags = 0;
  dupackNum = 0;
  dupackFrame = 0;
  bytesInFlight = 0;
  pushBytesSent = 0;
  rtoSec = 0;
  rtoNsec = 0;
  rtoFrame = 0;
  newDataSeq = 0;
}

/** A higher-level PDU spanning segments (struct tcp_multisegment_pdu). */
export class MultisegmentPdu {
  firstFrameWithSeq: number;
  lastFrame: number;
  lastFrameSec: number;
  lastFrameNsec: number;
  flags = 0;
  /** The reassembly this PDU's segments go into. */
  head: FragmentHead | null = null;
  constructor(
    public seq: number,
    public nxtpdu: number,
    public firstFrame: number,
    sec: number,
    nsec: number,
    /** The direction whose stream this PDU is part of. */
    readonly flow: TcpFlow,
  ) {
    this.firstFrameWithSeq = firstFrame;
    this.lastFrame = firstFrame;
    this.lastFrameSec = sec;
    this.lastFrameNsec = nsec;
  }
}

/**
 * PDUs by starting sequence number with wmem_tree_*32 semantics: exact
 * lookup, "greatest key <= k" lookup in plain unsigned order, insert
 * replaces an equal key.
 */
export class MspTree {
  private readonly keys: number[] = [];
  private values: Map<number, MultisegmentPdu> | null = null;

  private index(k: number): number {
    let lo = 0, hi = this.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.keys[mid]! <= k) lo = mid + 1;
      else hi = mid;
    }
    return lo; // first index with key > k
  }

  insert(k: number, msp: MultisegmentPdu): void {
    k >>>= 0;
    const values = (this.values ??= new Map());
    if (!values.has(k)) this.keys.splice(this.index(k), 0, k);
    values.set(k, msp);
  }

  lookup(k: number): MultisegmentPdu | undefined {
    return this.values?.get(k >>> 0);
  }

  lookupLe(k: number): MultisegmentPdu | undefined {
    if (!this.values) return undefined;
    const i = this.index(k >>> 0) - 1;
    return i >= 0 ? this.values.get(this.keys[i]!) : undefined;
  }

  get size(): number {
    return this.keys.length;
  }

  /** Forget PDUs that end before `seq` (streaming mode keeps only what can still be looked up). */
  pruneBefore(keep: (msp: MultisegmentPdu) => boolean): void {
    const values = this.values;
    if (!values) return;
    for (let i = 0; i < this.keys.length; ) {
      const k = this.keys[i]!;
      if (!keep(values.get(k)!)) {
        values.delete(k);
        this.keys.splice(i, 1);
      } else i++;
    }
  }
}

/** One direction of a TCP connection (tcp_flow_t with its analysis info). */
export class TcpFlow {
  baseSeq = 0;
  /** This side sent an SCPS capabilities option (its extended capabilities are legal from then on). */
  scpsCapable = false;
  staticFlags = 0;
  /** -1 unknown, -2 no scaling, else the shift. */
  winScale = -1;
  window = 0xffffffff;
  isFirstAck = false;
  closingInitiator = false;
  /** Frame of the FIN that ended a reassemble-until-FIN stream. */
  fin = 0;
  flags = 0;
  // Sequence analysis (tcp_analyze_seq_flow_info_t).
  /** Unacked segments, oldest first (Wireshark keeps them newest first). */
  readonly segments = new UnackedSegments();
  nextseq = 0;
  nextseqframe = 0;
  nextseqSec = 0;
  nextseqNsec = 0;
  maxseqtobeacked = 0;
  lastack = 0;
  lastackSec = 0;
  lastackNsec = 0;
  lastnondupack = 0;
  dupacknum = 0;
  numSackRanges = 0;
  private sackL: number[] | null = null;
  private sackR: number[] | null = null;
  lastsegmentflags = 0;
  validBif = 1;
  pushBytesSent = 0;
  pushSetLast = false;
  // Reassembly.
  private mspTree: MspTree | null = null;
  maxnextseq = 0;
  private oooQueue: OutOfOrderQueue | null = null;
  /** Bytes buffered in this direction (for the per-flow cap). */
  bufferedBytes = 0;
  /**
   * Completed PDUs of this direction whose reassembled bytes are still held
   * (a session that can read frames again drops them once finished). Kept
   * per flow: only the flow's own frames can finish them.
   */
  heldPdus: MultisegmentPdu[] | null = null;

  // Created on first use: a port scan leaves 100,000s of flows that never need them.
  /** SACK left edges of the last segment, 1-based as in Wireshark. */
  get sackLeft(): number[] {
    return (this.sackL ??= []);
  }

  get sackRight(): number[] {
    return (this.sackR ??= []);
  }

  /** Multisegment PDUs by starting (relative) sequence number. */
  get msps(): MspTree {
    return (this.mspTree ??= new MspTree());
  }

  /** The PDU tree if one was ever needed (does not create it). */
  get mspsIfAny(): MspTree | null {
    return this.mspTree;
  }

  /** Out-of-order segments waiting for a gap to fill, sorted by (seq, frame). */
  get ooo(): OutOfOrderQueue {
    return (this.oooQueue ??= new OutOfOrderQueue());
  }

  get hasOoo(): boolean {
    return this.oooQueue !== null && this.oooQueue.length > 0;
  }
}

/** Both directions of a TCP connection plus what is shared (struct tcp_analysis). */
export class TcpAnalysis extends StreamClock {
  readonly flow1 = new TcpFlow();
  readonly flow2 = new TcpFlow();
  fwd: TcpFlow;
  rev: TcpFlow;
  serverPort = 0;
  mruSynSec = 0;
  mruSynNsec = 0;
  firstRttSec = 0;
  firstRttNsec = 0;
  completeness = 0;
  /**
   * Analysis results of the frame being dissected, told apart by (seq, ack).
   * Only one frame is dissected at a time and endFrame/forgetFrames empty
   * this after it, so one slot replaces a map per connection.
   */
  private ackedFrame = 0;
  private ackedFirst: TcpAcked | null = null;
  /** Where finished frames' results are kept for revisits (a session keeping history), else they are forgotten. */
  history: TcpAckedHistory | null = null;
  /** The current frame's analysis result, if any (tcpd->ta). */
  ta: TcpAcked | null = null;
  hadAccEcnSetupSyn = false;
  hadAccEcnSetupSynAck = false;
  tfoSynData = false;

  constructor(
    readonly stream: number,
    sec: number,
    nsec: number,
    /** The conversation holding this analysis, so the payload dispatch need not look it up again. */
    readonly conversation: Conversation,
  ) {
    super();
    this.fwd = this.flow1;
    this.rev = this.flow2;
    // The stream's times start at the frame that creates it, whether or not that frame gets as far as the clock.
    this.started = true;
    this.firstSec = sec;
    this.firstNsec = nsec;
    this.prevSec = sec;
    this.prevNsec = nsec;
  }

  /** tcp_analyze_get_acked_struct */
  getAcked(frame: number, seq: number, ack: number, create: boolean): void {
    const first = this.ackedFrame === frame ? this.ackedFirst : null;
    let ta = first;
    while (ta !== null && (ta.seq !== seq || ta.ack !== ack)) ta = ta.next;
    if (ta === null && this.history) {
      ta = this.history.load(frame, seq, ack);
      if (ta) this.pushAcked(frame, first, ta);
    }
    if (ta === null && create) {
      ta = new TcpAcked(seq, ack);
      this.pushAcked(frame, first, ta);
    }
    this.ta = ta;
  }

  private pushAcked(frame: number, first: TcpAcked | null, ta: TcpAcked): void {
    ta.next = first;
    this.ackedFrame = frame;
    this.ackedFirst = ta;
  }

  /** Forget per-frame results (streaming mode: no frame is dissected twice). */
  forgetFrames(): void {
    this.ackedFirst = null;
  }

  /** After a frame: on its first pass its results go to the history; either way the slot empties. */
  endFrame(firstPass: boolean): void {
    if (this.ackedFirst === null || this.history === null) return;
    if (firstPass) for (let ta: TcpAcked | null = this.ackedFirst; ta; ta = ta.next) this.history.save(this.ackedFrame, ta);
    this.ackedFirst = null;
  }
}
