import { ltSeq } from './tcp-seq.js';

/** A segment that arrived after a gap in its direction of the stream. */
export interface OooSegment {
  frame: number;
  seq: number;
  len: number;
  data: Uint8Array | null;
  /** Where the segment's payload starts in its frame's captured bytes, or -1. */
  src: number;
}

/** `a` goes before or level with `b`: by sequence number, then by frame. */
function notAfter(a: OooSegment, b: OooSegment): boolean {
  return ltSeq(a.seq, b.seq) || (a.seq === b.seq && a.frame <= b.frame);
}

/**
 * One direction's out-of-order segments waiting for the gap before them to
 * fill, sorted by (sequence number, frame); a segment goes after those level
 * with it. Segments usually arrive after all the others waiting, but a
 * sender or a capture can deliver them last-first, each before all the
 * others: a single array would move every element for each of those (a
 * PDU of 80,000 segments arriving backwards took 17 s). So the queue is two
 * stacks meeting in the middle — the front part stored backwards — and
 * both ends take a segment in O(1); the front is taken off in O(1) too.
 * A segment going between others is placed by halving (the order is
 * consistent as long as the waiting segments lie within 2^31 bytes of
 * sequence space, as they do in any real stream).
 */
export class OutOfOrderQueue {
  /** The first segments, stored last-first: `front[front.length - 1]` is the queue's first. */
  private front: OooSegment[] = [];
  /** The rest, in order, from `backStart`. */
  private back: OooSegment[] = [];
  private backStart = 0;

  get length(): number {
    return this.front.length + this.back.length - this.backStart;
  }

  /** The i-th segment in order. */
  at(i: number): OooSegment {
    const f = this.front.length;
    return i < f ? this.front[f - 1 - i]! : this.back[this.backStart + i - f]!;
  }

  insert(seg: OooSegment): void {
    const n = this.length;
    if (n === 0 || notAfter(this.at(n - 1), seg)) {
      this.back.push(seg);
      return;
    }
    if (!notAfter(this.at(0), seg)) {
      this.front.push(seg);
      return;
    }
    // at(0) <= seg < at(n - 1): the first position whose segment goes after it.
    let lo = 1;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (notAfter(this.at(mid), seg)) lo = mid + 1;
      else hi = mid;
    }
    const f = this.front.length;
    if (lo <= f) this.front.splice(f - lo, 0, seg);
    else this.back.splice(this.backStart + lo - f, 0, seg);
  }

  /** Remove the first `count` segments. */
  dropFirst(count: number): void {
    const fromFront = Math.min(count, this.front.length);
    this.front.length -= fromFront;
    this.backStart += count - fromFront;
    if (this.backStart >= this.back.length) {
      this.back.length = 0;
      this.backStart = 0;
    } else if (this.backStart > 1024 && this.backStart * 2 > this.back.length) {
      // Taken segments are released in batches: one splice per half of the array.
      this.back.splice(0, this.backStart);
      this.backStart = 0;
    }
  }

  /** Whether `frame` added a segment at `seq` of `len` bytes that is still waiting. */
  holds(frame: number, seq: number, len: number): boolean {
    // The first position not before `seq`, then the segments level with it.
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ltSeq(this.at(mid).seq, seq)) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.length; i++) {
      const s = this.at(i);
      if (s.seq !== seq) break;
      if (s.frame === frame && s.len === len) return true;
    }
    return false;
  }
}
