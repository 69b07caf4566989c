import { ReassemblyError } from '../dissection/dissector-errors.js';
import { unzeroedBytes } from './unzeroed-bytes.js';

/** Per-fragment problems, as reassemble.c flags them. */
export const FragFlag = {
  OVERLAP: 1,
  OVERLAP_CONFLICT: 2,
  MULTIPLE_TAILS: 4,
  TOO_LONG: 8,
} as const;

/** Head flags (FD_*). */
export const HeadFlag = {
  DEFRAGMENTED: 0x0001,
  DATALEN_SET: 0x0400,
  PARTIAL_REASSEMBLY: 0x0040,
} as const;

const PROBLEMS = FragFlag.OVERLAP | FragFlag.OVERLAP_CONFLICT | FragFlag.MULTIPLE_TAILS | FragFlag.TOO_LONG;

export interface FragmentItem {
  readonly frame: number;
  offset: number;
  len: number;
  flags: number;
  /**
   * The fragment's bytes until the datagram is complete; afterwards, once
   * the PDU's bytes are released (releaseRebuildable), the share of them a
   * piece with no frame to read it from (src -1) contributed.
   */
  data: Uint8Array | null;
  /** Where the piece starts in its frame's captured bytes, or -1 when it is not a plain slice of them. */
  src: number;
}

/** Reads a frame's captured bytes again by number (null when they cannot be had). */
export type FrameBytesReader = (frame: number) => Uint8Array | null;

/**
 * One PDU being (or having been) put back together from offset-addressed
 * pieces, with reassemble.c's semantics: pieces kept sorted by offset
 * (equal offsets in arrival order), the first piece in offset order wins
 * a conflicting overlap and the conflict is flagged, the PDU completes on
 * the frame that fills the last hole.
 */
export class FragmentHead {
  readonly items: FragmentItem[] = [];
  datalen = 0;
  headFlags = 0;
  /** Problem flags (FragFlag) summed over the pieces. */
  flags = 0;
  /** Highest frame number that contributed. */
  frame = 0;
  reassembledIn = 0;
  data: Uint8Array | null = null;
  /**
   * The store `data` is a prefix of. A PDU that is reassembled again and
   * again as segments arrive (partial reassembly) grows it by doubling and
   * keeps the bytes already in place, so n segments cost O(n), not O(n²).
   */
  private store: Uint8Array | null = null;
  /** Bytes held in pieces while incomplete. */
  pendingBytes = 0;
  /**
   * Where pieces' bytes are copied while the PDU is incomplete: a buffer
   * shared by many pieces, growing by doubling, instead of an ArrayBuffer
   * of each piece's own (allocating those was most of adding a piece).
   */
  private arena: Uint8Array | null = null;
  private arenaUsed = 0;

  get defragmented(): boolean {
    return (this.headFlags & HeadFlag.DEFRAGMENTED) !== 0;
  }

  get partial(): boolean {
    return (this.headFlags & HeadFlag.PARTIAL_REASSEMBLY) !== 0;
  }

  get count(): number {
    return this.items.length;
  }

  private link(item: FragmentItem): void {
    let i = this.items.length;
    while (i > 0 && this.items[i - 1]!.offset > item.offset) i--;
    this.items.splice(i, 0, item);
  }

  /** fragment_reset_defragmentation: undo completion so more data can be added. */
  resetDefragmentation(): void {
    const data = this.data;
    for (const f of this.items) {
      if (!f.data && data) f.data = data.subarray(f.offset, Math.min(data.length, f.offset + f.len));
      f.flags &= ~(FragFlag.TOO_LONG | FragFlag.MULTIPLE_TAILS);
    }
    this.headFlags &= ~(HeadFlag.DEFRAGMENTED | HeadFlag.PARTIAL_REASSEMBLY | HeadFlag.DATALEN_SET);
    this.flags &= ~(FragFlag.TOO_LONG | FragFlag.MULTIPLE_TAILS);
    this.datalen = 0;
    this.reassembledIn = 0;
  }

  /** fragment_set_partial_reassembly: the next piece past the end re-opens the PDU. */
  setPartialReassembly(): void {
    this.headFlags |= HeadFlag.PARTIAL_REASSEMBLY;
  }

  /** fragment_reset_tot_len */
  resetTotalLength(totLen: number): void {
    this.headFlags &= ~HeadFlag.PARTIAL_REASSEMBLY;
    if (totLen === this.datalen) return;
    if (this.defragmented) this.resetDefragmentation();
    this.datalen = totLen;
    this.headFlags |= HeadFlag.DATALEN_SET;
  }

  /** fragment_truncate: keep only the first `totLen` bytes (used when a PDU boundary splits a reassembly). */
  truncate(totLen: number): void {
    this.headFlags &= ~HeadFlag.PARTIAL_REASSEMBLY;
    if (totLen === this.datalen) return;
    if (this.data) this.data = this.data.slice(0, totLen);
    this.store = this.data;
    this.datalen = totLen;
    this.flags &= ~PROBLEMS;
    const keep: FragmentItem[] = [];
    for (const f of this.items) {
      if (f.offset >= totLen) break;
      f.flags &= ~(FragFlag.TOO_LONG | FragFlag.MULTIPLE_TAILS);
      if (f.offset + f.len > totLen) f.len = totLen - f.offset;
      this.flags |= f.flags & (FragFlag.OVERLAP | FragFlag.OVERLAP_CONFLICT);
      f.data = null;
      keep.push(f);
    }
    this.items.length = 0;
    this.items.push(...keep);
  }

  /**
   * fragment_add_work: add `bytes` at `fragOffset`; true when this
   * completed the PDU (on frame `reassemblyFrame`).
   */
  addWork(bytes: Uint8Array, fragOffset: number, moreFrags: boolean, frame: number, reassemblyFrame: number, src = -1): boolean {
    const len = bytes.length;
    if (this.defragmented) {
      if (fragOffset + len >= this.datalen) {
        if (this.partial) this.resetDefragmentation();
        else if (fragOffset >= this.datalen) throw new ReassemblyError('New fragment past old data limits');
        else throw new ReassemblyError('New fragment overlaps old data (retransmission?)');
      } else {
        throw new ReassemblyError('New fragment overlaps old data (retransmission?)');
      }
    }
    const item: FragmentItem = { frame, offset: fragOffset, len, flags: 0, data: null, src };
    if (frame > this.frame) this.frame = frame;
    if (!moreFrags) {
      if (this.headFlags & HeadFlag.DATALEN_SET) {
        if (this.datalen !== fragOffset + len) {
          item.flags |= FragFlag.MULTIPLE_TAILS;
          this.flags |= FragFlag.MULTIPLE_TAILS;
        }
      } else {
        this.datalen = fragOffset + len;
        this.headFlags |= HeadFlag.DATALEN_SET;
      }
    }
    item.data = this.keepPiece(bytes);
    this.pendingBytes += len;
    this.link(item);
    if (!(this.headFlags & HeadFlag.DATALEN_SET)) return false;
    let max = 0;
    for (const f of this.items) if (f.offset <= max && f.offset + f.len > max) max = f.offset + f.len;
    if (max < this.datalen) return false;
    this.defragment(reassemblyFrame);
    return true;
  }

  private dropArena(): void {
    this.arena = null;
    this.arenaUsed = 0;
  }

  /** A private copy of a piece's bytes, in the arena. */
  private keepPiece(bytes: Uint8Array): Uint8Array {
    const len = bytes.length;
    let arena = this.arena;
    if (arena === null || this.arenaUsed + len > arena.length) {
      arena = unzeroedBytes(Math.max(2 * len, arena === null ? 256 : 2 * arena.length));
      this.arena = arena;
      this.arenaUsed = 0;
    }
    const copy = arena.subarray(this.arenaUsed, this.arenaUsed + len);
    copy.set(bytes);
    this.arenaUsed += len;
    return copy;
  }

  /**
   * fragment_end_seq_next: the PDU ends after the pieces added so far
   * (added with more to come); put it together on `reassemblyFrame`.
   */
  endSequence(reassemblyFrame: number): void {
    let end = 0;
    for (const f of this.items) end = Math.max(end, f.offset + f.len);
    this.datalen = end;
    this.headFlags |= HeadFlag.DATALEN_SET;
    this.defragment(reassemblyFrame);
  }

  private defragment(reassemblyFrame: number): void {
    let store = this.store;
    const reuse = store !== null && store.length >= this.datalen;
    if (!reuse) {
      store = unzeroedBytes(store ? Math.max(this.datalen, store.length * 2) : this.datalen);
      // Zeros where no piece writes (a sequence ended with a hole), as a new array would have.
      store.fill(0);
    }
    const data = store!.subarray(0, this.datalen);
    let dfpos = 0;
    for (const f of this.items) {
      if (f.len === 0) continue;
      if (f.offset >= this.datalen) {
        f.flags |= FragFlag.TOO_LONG;
        this.flags |= FragFlag.TOO_LONG;
      } else if (f.data) {
        let fraglen = f.len;
        if (f.offset + fraglen > this.datalen) {
          f.flags |= FragFlag.TOO_LONG;
          this.flags |= FragFlag.TOO_LONG;
          fraglen = this.datalen - f.offset;
        }
        // Bytes of an earlier reassembly still sit where they belong: nothing to compare or copy.
        const inPlace = reuse && f.data.buffer === data.buffer && f.data.byteOffset === data.byteOffset + f.offset;
        const overlap = dfpos - f.offset;
        if (overlap > 0 && !inPlace) {
          f.flags |= FragFlag.OVERLAP;
          this.flags |= FragFlag.OVERLAP;
          const cmp = Math.min(f.len, overlap);
          for (let k = 0; k < cmp; k++) {
            if (data[f.offset + k] !== f.data[k]) {
              f.flags |= FragFlag.OVERLAP_CONFLICT;
              this.flags |= FragFlag.OVERLAP_CONFLICT;
              break;
            }
          }
        }
        if (f.offset + fraglen > dfpos) {
          const skip = Math.max(0, overlap);
          if (!inPlace) data.set(f.data.subarray(skip, fraglen), f.offset + skip);
          dfpos = f.offset + fraglen;
        }
      }
      f.data = null;
    }
    this.store = store;
    this.data = data;
    this.pendingBytes = 0;
    // No piece holds a copy any more: the next ones start a new arena.
    this.dropArena();
    this.headFlags |= HeadFlag.DEFRAGMENTED;
    this.reassembledIn = reassemblyFrame;
  }

  /** Drop the reassembled bytes (streaming mode, once nobody will look again). */
  release(): void {
    this.data = null;
    this.store = null;
    for (const f of this.items) f.data = null;
    this.pendingBytes = 0;
    this.dropArena();
  }

  /**
   * Drop the reassembled bytes of a complete PDU: rebuild puts them back
   * from the pieces' frames. A piece that is not a slice of its frame (it
   * came from another reassembled buffer) keeps its own share of them,
   * usually a few bytes of a line cut by a segment boundary. False when
   * the PDU is not complete (or its bytes are already gone).
   */
  releaseRebuildable(): boolean {
    if (!this.defragmented || this.partial || this.data === null) return false;
    // Released before (and rebuilt for a revisit since): the shares are already kept.
    if (!this.rebuildable) {
      const data = this.data;
      this.forEachShare((f, from, to) => {
        if (f.src < 0) f.data = data.slice(from, to);
      });
    }
    this.data = null;
    this.store = null;
    this.pendingBytes = 0;
    this.rebuildable = true;
    return true;
  }

  /**
   * Each piece's share of the reassembled bytes, as defragment placed them:
   * in order, a piece fills [from, to) past what earlier pieces filled (the
   * first piece wins an overlap); `skip` is where that starts in the piece.
   */
  private forEachShare(visit: (f: FragmentItem, from: number, to: number, skip: number) => void): void {
    let dfpos = 0;
    for (const f of this.items) {
      if (f.len === 0 || f.offset >= this.datalen) continue;
      const fraglen = Math.min(f.len, this.datalen - f.offset);
      if (f.offset + fraglen <= dfpos) continue;
      const skip = Math.max(0, dfpos - f.offset);
      visit(f, f.offset + skip, f.offset + fraglen, skip);
      dfpos = f.offset + fraglen;
    }
  }

  /** The bytes were dropped by releaseRebuildable and can be put back with rebuild. */
  rebuildable = false;

  /**
   * Put the reassembled bytes back from the pieces' frames (and the shares
   * kept by releaseRebuildable), with the overlap rule defragment used, so
   * the result is the same buffer. A piece whose frame cannot be read is
   * left as zeros; false then.
   */
  rebuild(read: FrameBytesReader): boolean {
    const data = new Uint8Array(this.datalen);
    let complete = true;
    this.forEachShare((f, from, to, skip) => {
      if (f.src < 0) {
        if (f.data) data.set(f.data, from);
        else complete = false;
        return;
      }
      const frame = read(f.frame);
      if (frame === null || f.src + (to - from) + skip > frame.length) complete = false;
      else data.set(frame.subarray(f.src + skip, f.src + skip + (to - from)), from);
    });
    this.data = data;
    return complete;
  }
}
