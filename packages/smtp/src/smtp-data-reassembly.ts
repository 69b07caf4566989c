import { FragmentHead, frameSliceOffset, reassembledBytes, showFragmentTree, type FieldNode, type PacketInfo, type Tvb } from '@netdissect/core';
import { smtpDataFragmentFields as ff, smtpExpert } from './smtp-fields.js';

/**
 * A message put together from the DATA/BDAT segments of one conversation:
 * its pieces at consecutive offsets of a FragmentHead, which also lets the
 * bytes go between frames and puts them back from the frames for a revisit.
 */
export interface ReassembledMessage {
  /** The pieces, or null for a lone last fragment (handed on as it is, no reassembly done). */
  readonly head: FragmentHead | null;
  readonly reassembledIn: number;
}

interface Pending {
  /** The pieces so far, one after the other: the next goes at `head.pendingBytes`. */
  head: FragmentHead;
  /** Over a reassembly limit: its bytes were let go; the rest of the message is not kept either. */
  overLimit: boolean;
}

/** The limits a message is held under: its own size, and all unfinished messages of the session together. */
export interface MessageLimits {
  readonly perMessage: number;
  readonly total: number;
}

/**
 * Sequential reassembly of message bodies with Wireshark's
 * fragment_add_seq_next / fragment_end_seq_next semantics: each client
 * segment is the next fragment, the message completes at the end of
 * DATA (or the last BDAT chunk), and later passes find the completed
 * message from any frame that contributed to it.
 */
export class SmtpDataReassembly {
  private readonly pending = new Map<string, Pending>();
  private readonly done = new Map<string, ReassembledMessage>();
  /** Bytes held by unfinished messages (a DATA that never ends holds them until the limits let it go). */
  private held = 0;
  /** Messages given up for the limits; 'perMessage' or 'total' says which limit the last one hit. */
  dropped = 0;
  lastLimit: keyof MessageLimits = 'perMessage';

  constructor(private readonly limits: MessageLimits) {}

  private complete(pinfo: PacketInfo, key: string, id: number, p: Pending | undefined, endFrame: boolean): ReassembledMessage | null {
    this.pending.delete(key);
    if (p) this.held -= p.head.pendingBytes;
    if (!p || p.overLimit) return null;
    const frames = p.head.pieces().map((f) => f.frame);
    const head = p.head.count > 0 ? p.head : null;
    if (head) {
      head.endSequence(pinfo.num);
      // A message completed by a BDAT chunk is never shown, so not every completion reaches reassembledBytes.
      const session = pinfo.session;
      if (session.frameBytes && session.keepHistory) session.afterFrame(() => head.releaseRebuildable());
    }
    const msg: ReassembledMessage = { head, reassembledIn: pinfo.num };
    this.remember(pinfo, msg, id, frames, endFrame);
    return msg;
  }

  /** Keep a completed message for later passes (only when the session keeps per-frame history). */
  private remember(pinfo: PacketInfo, msg: ReassembledMessage, id: number, frames: number[], withCurrent: boolean): void {
    if (!pinfo.session.keepHistory) return;
    for (const f of frames) this.done.set(`${f}|${id}`, msg);
    if (withCurrent || frames.length === 0) this.done.set(`${pinfo.num}|${id}`, msg);
  }

  /** First pass: add the next fragment; the message when `moreFrags` is false (it completes here). */
  add(pinfo: PacketInfo, key: string, id: number, bytes: Uint8Array, moreFrags: boolean): ReassembledMessage | null {
    if (pinfo.visited) return this.lookup(pinfo.num, id);
    let p = this.pending.get(key);
    if (!p) {
      // A lone last fragment is its own message and needs no buffer (no reassembly was done).
      if (!moreFrags) {
        const lone: ReassembledMessage = { head: null, reassembledIn: pinfo.num };
        this.remember(pinfo, lone, id, [], true);
        return lone;
      }
      this.pending.set(key, (p = { head: new FragmentHead(), overLimit: false }));
    }
    if (!p.overLimit) {
      const collected = p.head.pendingBytes;
      const overMessage = collected + bytes.length > this.limits.perMessage;
      if (overMessage || this.held + bytes.length > this.limits.total) {
        p.overLimit = true;
        this.held -= collected;
        p.head = new FragmentHead();
        this.dropped++;
        this.lastLimit = overMessage ? 'perMessage' : 'total';
      } else {
        p.head.addWork(bytes, collected, true, pinfo.num, pinfo.num, frameSliceOffset(pinfo, bytes));
        this.held += bytes.length;
      }
    }
    return moreFrags ? null : this.complete(pinfo, key, id, p, false);
  }

  /** End of the message (the "." line): put together what was collected, if anything. */
  end(pinfo: PacketInfo, key: string, id: number): ReassembledMessage | null {
    if (pinfo.visited) return this.lookup(pinfo.num, id);
    const p = this.pending.get(key);
    if (!p) return null;
    return this.complete(pinfo, key, id, p, p.head.count > 0);
  }

  /** Later passes: the completed message this frame took part in. */
  lookup(frame: number, id: number): ReassembledMessage | null {
    return this.done.get(`${frame}|${id}`) ?? null;
  }
}

/**
 * process_reassembled_data for a sequence reassembly: on the completing
 * frame the message as a new data source plus the "DATA fragments" tree,
 * elsewhere "Reassembled DATA in frame: n". `sameLayer` false says another
 * dissector ran between completing and showing the message: Wireshark then
 * no longer recognises the completing layer and shows only "reassembled in".
 */
export function processReassembledMessage(tvb: Tvb, pinfo: PacketInfo, msg: ReassembledMessage | null, tree: FieldNode | null, sameLayer: boolean): Tvb | null {
  if (msg && pinfo.num === msg.reassembledIn && sameLayer) {
    const head = msg.head;
    if (!head) {
      pinfo.fragmented = false;
      return tvb;
    }
    const data = reassembledBytes(pinfo, head, () => pinfo.expert(tree, smtpExpert.dataLimit, 'Reassembled DATA could not be read again from the capture; missing bytes shown as zeros'));
    const next = pinfo.addDataSource('Reassembled SMTP', data);
    // The pieces lie at consecutive offsets, in the order they came, none overlapping: the tree has no error items.
    showFragmentTree(head, ff, tree, pinfo, next);
    return next;
  }
  if (msg) tree?.addGenerated(ff.reassembledIn, tvb, 0, 0, msg.reassembledIn);
  return null;
}
