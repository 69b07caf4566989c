import { ReassemblyError } from '../dissection/dissector-errors.js';
import { BlockedList } from './blocked-list.js';
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
  /**
   * The piece's bytes sit in the head's store at its offset (`data` is null):
   * it was written there on arrival, or an earlier reassembly put them there.
   */
  inStore: boolean;
}

/**
 * A hint of the PDU's final size reserves at most this many times the bytes
 * in hand: the hint may come from a length field, and many PDUs may be open
 * at once (reservations are not counted against the reassembly limits).
 */
const HINT_RESERVE_FACTOR = 4;

/** Reads a frame's captured bytes again by number (null when they cannot be had); they are copied at once, so a view valid until the next call will do. */
export type FrameBytesReader = (frame: number) => Uint8Array | null;

/**
 * One PDU being (or having been) put back together from offset-addressed
 * pieces, with reassemble.c's semantics: pieces kept sorted by offset
 * (equal offsets in arrival order), the first piece in offset order wins
 * a conflicting overlap and the conflict is flagged, the PDU completes on
 * the frame that fills the last hole.
 */
export class FragmentHead {
  private readonly items = new BlockedList<FragmentItem>();
  datalen = 0;
  headFlags = 0;
  /** Problem flags (FragFlag) summed over the pieces. */
  flags = 0;
  /** Highest frame number that contributed. */
  frame = 0;
  reassembledIn = 0;
  data: Uint8Array | null = null;
  /**
   * The store `data` is a prefix of. Pieces that arrive in order are written
   * straight into it at their offsets, and a PDU reassembled again and again
   * as segments arrive (partial reassembly) keeps the bytes already in
   * place: it grows by doubling, so n segments cost O(n), not O(n²), and
   * in-order bytes are copied once.
   */
  private store: Uint8Array | null = null;
  /** Store bytes below this were written or zeroed; above it, whatever the allocation held. */
  private storeZeroFrom = 0;
  /** The store's first bytes were handed out as an earlier reassembly's `data` up to here: never written again. */
  private storeSharedUpTo = 0;
  /** Where the pieces added so far end (the highest offset + len): a piece starting there or later overlaps none. */
  private itemsEnd = 0;
  /** Bytes held in pieces while incomplete. */
  pendingBytes = 0;
  /**
   * Where the bytes of pieces that arrive out of order or overlap others are
   * copied while the PDU is incomplete: a buffer shared by many pieces,
   * growing by doubling, instead of an ArrayBuffer of each piece's own.
   */
  private arena: Uint8Array | null = null;
  private arenaUsed = 0;
  /**
   * How far the pieces cover the PDU from offset 0 without a gap, as far as
   * `items[0, reachIndex)` take it. fragment_add_work and find_maxnextseq
   * walk every piece on every add, which makes a PDU of n segments cost
   * O(n²) (minutes for a 10 MB body in 100-byte segments); pieces arrive in
   * offset order almost always, so the walk resumes where it stopped.
   */
  private reach = 0;
  private reachIndex = 0;
  /**
   * The last walk from a start past that reach (pieces behind a gap: a PDU
   * whose first segment comes last, drained from TCP's out-of-order queue
   * one piece at a time): it began at `farStart` with the piece at
   * `farBase` (the reachIndex then), reached `farReach`, and stopped at
   * `farIndex`; a walk from a later start goes on from there instead of
   * over every piece again.
   */
  private farBase = -1;
  private farStart = 0;
  private farReach = 0;
  private farIndex = 0;
  /**
   * The first `settled` pieces were placed in the store by defragment, each
   * whole and within the PDU's length, with no flag a reassembly clears:
   * while a PDU is reassembled again and again (partial reassembly: an HTTP
   * chunked body asks for one more segment each time), each pass would do
   * nothing for them but reach `settledEnd`, so it starts after them. They
   * keep the state defragment leaves (no copy, not marked in the store);
   * `unsettle` gives them what the passes would have given them when a piece
   * is put among them or over their bytes.
   */
  private settled = 0;
  private settledEnd = 0;
  /** No piece is longer (pieces only ever get shorter): how far back a piece that reaches an offset can start. */
  private longestPiece = 0;

  get defragmented(): boolean {
    return (this.headFlags & HeadFlag.DEFRAGMENTED) !== 0;
  }

  get partial(): boolean {
    return (this.headFlags & HeadFlag.PARTIAL_REASSEMBLY) !== 0;
  }

  get count(): number {
    return this.items.length;
  }

  /** The i-th piece in offset order (0 <= i < count). */
  piece(i: number): FragmentItem {
    return this.items.at(i);
  }

  /** The pieces in offset order, as a new array (for display and inspection). */
  pieces(): FragmentItem[] {
    return this.items.toArray();
  }

  private link(item: FragmentItem): void {
    // After every piece that starts at or before it: at the end almost always; else found by halving
    // (a walk back from the end made a PDU whose segments arrive last-first cost O(n²); offsets are whole numbers).
    const items = this.items;
    let i = items.length;
    if (i > 0 && items.at(i - 1).offset > item.offset) i = this.firstPieceFrom(item.offset + 1);
    if (i < this.settled) this.unsettle();
    if (item.len > this.longestPiece) this.longestPiece = item.len;
    items.insert(i, item);
    if (i < this.farIndex) this.farBase = -1;
    // Inserted among the pieces the reach was taken over: it starts before one of them, so within the reach.
    if (i < this.reachIndex) {
      this.reachIndex++;
      if (item.offset + item.len > this.reach) this.reach = item.offset + item.len;
    }
  }

  /** The index of the first piece starting at `offset` or later (the pieces are in offset order). */
  private firstPieceFrom(offset: number): number {
    return this.items.countBefore((f) => f.offset < offset);
  }

  /** Whether frame `frame` already added a piece at `offset`. */
  hasPiece(frame: number, offset: number): boolean {
    const items = this.items;
    for (let i = this.firstPieceFrom(offset); i < items.length; i++) {
      const f = items.at(i);
      if (f.offset !== offset) break;
      if (f.frame === frame) return true;
    }
    return false;
  }

  /**
   * Where the walk of fragment_add_work and find_maxnextseq ends when it
   * starts at `start`: through the pieces in offset order, each one that
   * begins at or before the point reached so far takes it to its end. From a
   * start within the gapless reach from 0 the walk ends where that one does.
   */
  reachFrom(start: number): number {
    const items = this.items;
    let reach = this.reach;
    let i = this.reachIndex;
    for (; i < items.length; i++) {
      const f = items.at(i);
      if (f.offset > reach) break;
      if (f.offset + f.len > reach) reach = f.offset + f.len;
    }
    this.reach = reach;
    this.reachIndex = i;
    if (start <= reach) return reach;
    // From further on, no piece the reach was taken over ends past the start: the walk goes on from the first after them.
    let max = start;
    let j = i;
    if (this.farBase === i && start >= this.farStart) {
      // The pieces that walk passed end by farReach: from a start within it, the walk ends where that one did;
      // from a start beyond it, they add nothing and it goes on after them.
      j = this.farIndex;
      if (start <= this.farReach) max = this.farReach;
      else this.farStart = start;
    } else {
      this.farBase = i;
      this.farStart = start;
    }
    for (; j < items.length; j++) {
      const f = items.at(j);
      if (f.offset > max) break;
      if (f.offset + f.len > max) max = f.offset + f.len;
    }
    this.farReach = max;
    this.farIndex = j;
    return max;
  }

  /** fragment_reset_defragmentation: undo completion so more data can be added. */
  resetDefragmentation(): void {
    const data = this.data;
    // Bytes rebuilt from the frames have no store: they become it.
    if (data !== null && this.store === null) this.adoptStore(data);
    const items = this.items;
    for (let i = this.settled; i < items.length; i++) {
      const f = items.at(i);
      if (!f.data && data) {
        // The piece's share of the PDU is where the reassembly put it.
        if (f.offset + f.len <= data.length) f.inStore = true;
        else f.data = data.subarray(f.offset, Math.min(data.length, f.offset + f.len));
      }
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
    this.adoptStore(this.data);
    this.datalen = totLen;
    this.flags &= ~PROBLEMS;
    const keep: FragmentItem[] = [];
    let end = 0;
    for (let i = 0; i < this.items.length; i++) {
      const f = this.items.at(i);
      if (f.offset >= totLen) break;
      f.flags &= ~(FragFlag.TOO_LONG | FragFlag.MULTIPLE_TAILS);
      if (f.offset + f.len > totLen) f.len = totLen - f.offset;
      this.flags |= f.flags & (FragFlag.OVERLAP | FragFlag.OVERLAP_CONFLICT);
      f.data = null;
      f.inStore = false;
      keep.push(f);
      end = Math.max(end, f.offset + f.len);
    }
    this.items.clear();
    for (const f of keep) this.items.push(f);
    this.itemsEnd = end;
    this.reach = 0;
    this.reachIndex = 0;
    this.farBase = -1;
    this.settled = 0;
    this.settledEnd = 0;
  }

  /**
   * fragment_add_work: add `bytes` at `fragOffset`; true when this
   * completed the PDU (on frame `reassemblyFrame`).
   */
  addWork(bytes: Uint8Array, fragOffset: number, moreFrags: boolean, frame: number, reassemblyFrame: number, src = -1, sizeHint = 0): boolean {
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
    const item: FragmentItem = { frame, offset: fragOffset, len, flags: 0, data: null, src, inStore: false };
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
    if (fragOffset >= this.itemsEnd && fragOffset <= this.storeZeroFrom) {
      // Right after the bytes in the store and past every piece: it overlaps none, so its bytes
      // can go where the PDU will have them. (A piece beyond a gap waits in the arena: the store
      // holds only bytes that arrived, never room an offset claims.)
      this.reserveStore(fragOffset + len, moreFrags ? Math.min(sizeHint, HINT_RESERVE_FACTOR * (fragOffset + len)) : 0);
      this.writeStore(bytes, fragOffset);
      item.inStore = true;
    } else {
      this.moveOutOfStore(fragOffset, fragOffset + len);
      item.data = this.keepPiece(bytes);
    }
    if (fragOffset + len > this.itemsEnd) this.itemsEnd = fragOffset + len;
    this.pendingBytes += len;
    this.link(item);
    if (!(this.headFlags & HeadFlag.DATALEN_SET)) return false;
    if (this.reachFrom(0) < this.datalen) return false;
    this.defragment(reassemblyFrame);
    return true;
  }

  /** Make the store hold at least `length` bytes (`hint`: what the whole PDU is expected to need). */
  private reserveStore(length: number, hint: number): void {
    const old = this.store;
    if (old !== null && old.length >= length) return;
    const store = unzeroedBytes(old === null ? Math.max(length, hint) : Math.max(length, 2 * old.length));
    if (old !== null && this.storeZeroFrom > 0) store.set(old.subarray(0, this.storeZeroFrom));
    this.store = store;
    this.storeSharedUpTo = 0;
  }

  /** Copy `bytes` into the store at `at` (reserved), zeroing any never-written gap before them. */
  private writeStore(bytes: Uint8Array, at: number): void {
    this.zeroStoreUpTo(at);
    this.store!.set(bytes, at);
    if (at + bytes.length > this.storeZeroFrom) this.storeZeroFrom = at + bytes.length;
  }

  /** Zeros where nothing was written below `end`, as a new array would have. */
  private zeroStoreUpTo(end: number): void {
    if (end <= this.storeZeroFrom) return;
    this.store!.fill(0, this.storeZeroFrom, end);
    this.storeZeroFrom = end;
  }

  /**
   * Give the settled pieces the state the passes they skipped would have
   * given them: once a reassembly is undone, each is in the store (as
   * resetDefragmentation marks it); after defragment, none is.
   */
  private unsettle(): void {
    if (!this.defragmented) for (let i = 0; i < this.settled; i++) this.items.at(i).inStore = true;
    this.settled = 0;
    this.settledEnd = 0;
  }

  /**
   * A piece about to overlap [from, to): pieces whose bytes sit in the store
   * there get copies of their own, since reassembly may write the newcomer
   * over them before comparing (the first piece in offset order wins).
   */
  private moveOutOfStore(from: number, to: number): void {
    const store = this.store;
    if (store === null) return;
    if (from < this.settledEnd) this.unsettle();
    // In offset order: back from the last piece starting before `to` to the first that could reach past `from`.
    const items = this.items;
    for (let i = this.firstPieceFrom(to) - 1; i >= 0; i--) {
      const f = items.at(i);
      if (f.offset + this.longestPiece <= from) break;
      if (!f.inStore || f.offset + f.len <= from) continue;
      f.data = this.keepPiece(store.subarray(f.offset, f.offset + f.len));
      f.inStore = false;
    }
  }

  /** Make `bytes`, handed out as the PDU's data, the store: all of it written, none of it to be written again. */
  private adoptStore(bytes: Uint8Array | null): void {
    // Bytes placed in the store before are not these.
    this.settled = 0;
    this.settledEnd = 0;
    this.store = bytes;
    this.storeZeroFrom = bytes?.length ?? 0;
    this.storeSharedUpTo = this.storeZeroFrom;
  }

  private dropStore(): void {
    this.adoptStore(null);
    for (let i = 0; i < this.items.length; i++) this.items.at(i).inStore = false;
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
    this.datalen = this.itemsEnd;
    this.headFlags |= HeadFlag.DATALEN_SET;
    this.defragment(reassemblyFrame);
  }

  private defragment(reassemblyFrame: number): void {
    // A piece to be written inside bytes handed out before (a resend after a partial reassembly)
    // gets the PDU a new store, so the earlier reassembly keeps its bytes, as in Wireshark.
    const items = this.items;
    // A PDU cut shorter than its settled pieces: they are done again, one by one.
    if (this.settledEnd > this.datalen) this.unsettle();
    if (this.storeSharedUpTo > 0 && hasDataBelow(items, this.settled, this.storeSharedUpTo)) {
      this.store = this.store!.slice();
      this.storeSharedUpTo = 0;
    }
    this.reserveStore(this.datalen, 0);
    const data = this.store!.subarray(0, this.datalen);
    let dfpos = this.settledEnd;
    for (let i = this.settled; i < items.length; i++) {
      const f = items.at(i);
      if (f.len === 0) continue;
      if (f.offset >= this.datalen) {
        f.flags |= FragFlag.TOO_LONG;
        this.flags |= FragFlag.TOO_LONG;
      } else if (f.inStore || f.data) {
        let fraglen = f.len;
        if (f.offset + fraglen > this.datalen) {
          f.flags |= FragFlag.TOO_LONG;
          this.flags |= FragFlag.TOO_LONG;
          fraglen = this.datalen - f.offset;
        }
        const overlap = dfpos - f.offset;
        // A piece in the store overlaps nothing new: it was placed past every other piece, or resolved by an earlier reassembly.
        if (overlap > 0 && !f.inStore) {
          f.flags |= FragFlag.OVERLAP;
          this.flags |= FragFlag.OVERLAP;
          const cmp = Math.min(f.len, overlap);
          for (let k = 0; k < cmp; k++) {
            if (data[f.offset + k] !== f.data![k]) {
              f.flags |= FragFlag.OVERLAP_CONFLICT;
              this.flags |= FragFlag.OVERLAP_CONFLICT;
              break;
            }
          }
        }
        if (f.offset + fraglen > dfpos) {
          const skip = Math.max(0, overlap);
          if (!f.inStore) {
            this.writeStore(f.data!.subarray(skip, fraglen), f.offset + skip);
            // A piece given back less than its length (cut short by an earlier reassembly) claims zeros up to its end.
            this.zeroStoreUpTo(f.offset + fraglen);
          }
          dfpos = f.offset + fraglen;
        }
      }
      f.data = null;
      f.inStore = false;
    }
    this.settle();
    // Zeros where no piece wrote (a sequence ended with a hole).
    this.zeroStoreUpTo(this.datalen);
    // Past datalen the store holds only bytes of pieces cut off (too long), which this PDU no longer has.
    this.storeZeroFrom = this.datalen;
    this.storeSharedUpTo = this.datalen;
    this.data = data;
    this.pendingBytes = 0;
    // No piece holds a copy any more: the next ones start a new arena.
    this.dropArena();
    this.headFlags |= HeadFlag.DEFRAGMENTED;
    this.reassembledIn = reassemblyFrame;
  }

  /** After defragment: the pieces from the settled ones on that are whole in the store, within the PDU and without a flag to clear, join them. */
  private settle(): void {
    const items = this.items;
    let i = this.settled;
    let end = this.settledEnd;
    for (; i < items.length; i++) {
      const f = items.at(i);
      if (f.len === 0 || f.offset + f.len > this.datalen || f.flags & (FragFlag.TOO_LONG | FragFlag.MULTIPLE_TAILS)) break;
      if (f.offset + f.len > end) end = f.offset + f.len;
    }
    this.settled = i;
    this.settledEnd = end;
  }

  /** Drop the reassembled bytes (streaming mode, once nobody will look again). */
  release(): void {
    this.data = null;
    this.dropStore();
    for (let i = 0; i < this.items.length; i++) this.items.at(i).data = null;
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
    this.dropStore();
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
    for (let i = 0; i < this.items.length; i++) {
      const f = this.items.at(i);
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

/** Whether a piece from `from` on holds bytes of its own that start below `end`. */
function hasDataBelow(items: BlockedList<FragmentItem>, from: number, end: number): boolean {
  for (let i = from; i < items.length; i++) {
    const f = items.at(i);
    if (f.data !== null && f.offset < end) return true;
  }
  return false;
}
