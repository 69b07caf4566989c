import { DataSource, frameSliceOffset, Tvb, type FieldNode, type PacketInfo } from '@netdissect/core';
import { smtpDataFragmentFields as ff, smtpExpert } from './smtp-fields.js';

/** One client segment's share of a message. */
interface Fragment {
  readonly frame: number;
  readonly data: Uint8Array;
  /** Where the piece starts in its frame's captured bytes, or -1 (a piece of a reassembled TCP PDU). */
  readonly src: number;
}

/** A message put together from the DATA/BDAT segments of one conversation. */
export interface ReassembledMessage {
  /** Each piece: its frame, length and place in the frame; a piece no frame holds (src -1) keeps its bytes. */
  readonly fragments: readonly { frame: number; len: number; src: number; kept?: Uint8Array }[];
  /**
   * The message; null between frames when every piece can be read again
   * from its frame (the session has frameBytes): rebuilt for a revisit of
   * the completing frame rather than kept for the whole capture.
   */
  data: Uint8Array | null;
  readonly reassembledIn: number;
}

interface Pending {
  fragments: Fragment[];
  bytes: number;
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
    const frame = pinfo.num;
    this.pending.delete(key);
    if (p) this.held -= p.bytes;
    if (!p || p.overLimit) return null;
    const data = new Uint8Array(p.bytes);
    let off = 0;
    for (const f of p.fragments) {
      data.set(f.data, off);
      off += f.data.length;
    }
    const msg: ReassembledMessage = {
      fragments: p.fragments.map((f) => (f.src < 0 ? { frame: f.frame, len: f.data.length, src: f.src, kept: f.data } : { frame: f.frame, len: f.data.length, src: f.src })),
      data,
      reassembledIn: frame,
    };
    dropAfterFrame(pinfo, msg);
    this.remember(pinfo, msg, id, p.fragments.map((f) => f.frame), endFrame);
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
        const lone: ReassembledMessage = { fragments: [], data: new Uint8Array(0), reassembledIn: pinfo.num };
        this.remember(pinfo, lone, id, [], true);
        return lone;
      }
      this.pending.set(key, (p = { fragments: [], bytes: 0, overLimit: false }));
    }
    if (!p.overLimit) {
      const overMessage = p.bytes + bytes.length > this.limits.perMessage;
      if (overMessage || this.held + bytes.length > this.limits.total) {
        p.overLimit = true;
        this.held -= p.bytes;
        p.fragments = [];
        p.bytes = 0;
        this.dropped++;
        this.lastLimit = overMessage ? 'perMessage' : 'total';
      } else {
        p.fragments.push({ frame: pinfo.num, data: bytes.slice(), src: frameSliceOffset(pinfo, bytes) });
        p.bytes += bytes.length;
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
    return this.complete(pinfo, key, id, p, p.fragments.length > 0);
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
    if (msg.fragments.length === 0) {
      pinfo.fragmented = false;
      return tvb;
    }
    const ds = new DataSource('Reassembled SMTP', messageBytes(pinfo, msg, tree));
    pinfo.dataSources.push(ds);
    const next = Tvb.of(ds);
    pinfo.fragmented = false;
    if (tree) {
      const top = tree.add(ff.fragments, next, 0, next.length, null).setGenerated();
      const count = msg.fragments.length;
      const parts: string[] = [];
      let off = 0;
      for (const f of msg.fragments) {
        const item = top.add(ff.fragment, next, off, f.len, f.frame).setGenerated();
        if (tree.ctx.full) {
          parts.push(`#${f.frame}(${f.len})`);
          item.setText(f.len === 0 ? `Frame: ${f.frame} (no data)` : `Frame: ${f.frame}, payload: ${off}-${off + f.len - 1} (${f.len} byte${f.len === 1 ? '' : 's'})`);
        }
        off += f.len;
      }
      if (tree.ctx.full) {
        const name = count === 1 ? ff.fragment.name : ff.fragments.name;
        top.setText(`${count} ${name} (${next.length} byte${next.length === 1 ? '' : 's'}): ${parts.join(', ')}`);
      }
      top.addGenerated(ff.count, next, 0, 0, count);
      top.addGenerated(ff.reassembledLength, next, 0, 0, next.length);
    }
    return next;
  }
  if (msg) tree?.addGenerated(ff.reassembledIn, tvb, 0, 0, msg.reassembledIn);
  return null;
}

/** Once this frame is done, let the message go if it can be put back from its frames (see ReassembledMessage.data). */
function dropAfterFrame(pinfo: PacketInfo, msg: ReassembledMessage): void {
  const session = pinfo.session;
  if (!session.keepHistory || !session.frameBytes) return;
  session.afterFrame(() => (msg.data = null));
}

/** The message's bytes, read back from its frames (and kept pieces) when they were let go (a piece that cannot be read stays zeros). */
function messageBytes(pinfo: PacketInfo, msg: ReassembledMessage, tree: FieldNode | null): Uint8Array {
  if (msg.data) return msg.data;
  const read = pinfo.session.frameBytes;
  const data = new Uint8Array(msg.fragments.reduce((n, f) => n + f.len, 0));
  let off = 0;
  for (const f of msg.fragments) {
    if (f.kept) {
      data.set(f.kept, off);
    } else {
      const frame = read?.(f.frame) ?? null;
      if (frame && f.src + f.len <= frame.length) data.set(frame.subarray(f.src, f.src + f.len), off);
      else pinfo.expert(tree, smtpExpert.dataLimit, 'Reassembled DATA could not be read again from the capture; missing bytes shown as zeros');
    }
    off += f.len;
  }
  msg.data = data;
  dropAfterFrame(pinfo, msg);
  return data;
}
