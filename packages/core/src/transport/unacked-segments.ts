import { gtSeq, leSeq, u32 } from './tcp-seq.js';

/** A segment sent but not yet acknowledged (tcp_unacked_t). */
export interface Unacked {
  frame: number;
  seq: number;
  nextseq: number;
  tsSec: number;
  tsNsec: number;
}

/**
 * One direction's unacked segments, oldest first (Wireshark keeps them
 * newest first), with the same results as Wireshark's list walks but
 * without their quadratic cost when many segments stay unacked (a capture
 * that sees one direction only): an ACK compacts the list in one pass, and
 * the span used for bytes in flight is kept up to date instead of being
 * recomputed over the whole list for every segment.
 */
export class UnackedSegments {
  private items: Unacked[] = [];
  // Smallest relative seq and largest relative nextseq over all items, relative to boundsBase.
  private minRelSeq = 0;
  private maxRelNext = 0;
  private boundsBase = 0;
  /** False after a removal or trim: the bounds are recomputed on the next span(). */
  private boundsValid = false;

  get length(): number {
    return this.items.length;
  }

  /** The oldest segment still unacked (the likeliest original of a retransmission). */
  eldest(): Unacked | undefined {
    return this.items[0];
  }

  push(u: Unacked): void {
    this.items.push(u);
    if (!this.boundsValid) return;
    const b = u32(u.seq - this.boundsBase);
    const n = u32(u.nextseq - this.boundsBase);
    if (b < this.minRelSeq) this.minRelSeq = b;
    if (n > this.maxRelNext) this.maxRelNext = n;
  }

  /**
   * Apply an ACK as tcp_analyze_sequence_number does, walking newest to
   * oldest: a segment ending exactly at `ack` or before it is dropped, one
   * that `ack` cuts is trimmed to start at `ack`. Returns the oldest segment
   * ending exactly at `ack` (the one whose RTT Wireshark reports), or null.
   */
  acknowledge(ack: number): Unacked | null {
    const items = this.items;
    let exact: Unacked | null = null;
    let kept = items.length;
    // Walk newest to oldest, moving kept segments to the tail so their order is preserved.
    for (let i = items.length - 1; i >= 0; i--) {
      const ual = items[i]!;
      if (ack !== ual.nextseq && gtSeq(ack, ual.seq) && leSeq(ack, ual.nextseq)) {
        // Cut by the ACK: Wireshark trims it, re-examines it, and keeps it.
        ual.seq = ack;
        this.boundsValid = false;
      }
      if (ack === ual.nextseq) {
        exact = ual;
      } else if (gtSeq(ual.nextseq, ack)) {
        items[--kept] = ual;
        continue;
      }
      this.boundsValid = false;
    }
    if (kept > 0) {
      items.copyWithin(0, kept);
      items.length -= kept;
    }
    return exact;
  }

  /**
   * Sequence space from the smallest seq to the largest nextseq of all
   * unacked segments, both taken relative to `base` (the flow's base
   * sequence number) as Wireshark's bytes-in-flight loop does.
   */
  span(base: number): number {
    if (!this.boundsValid || base !== this.boundsBase) this.recomputeBounds(base);
    return u32(this.maxRelNext - this.minRelSeq);
  }

  private recomputeBounds(base: number): void {
    const items = this.items;
    const newest = items[items.length - 1];
    let first = newest ? u32(newest.seq - base) : 0;
    let last = newest ? u32(newest.nextseq - base) : 0;
    for (let i = items.length - 1; i >= 0; i--) {
      const s = items[i]!;
      const n = u32(s.nextseq - base);
      const b = u32(s.seq - base);
      if (n > last) last = n;
      if (b < first) first = b;
    }
    this.minRelSeq = first;
    this.maxRelNext = last;
    this.boundsBase = base;
    this.boundsValid = true;
  }
}
