import { fitsInt32, PagedColumn } from './paged-column.js';

const NONE = -0x80000000;

/**
 * A (seconds, nanoseconds) pair per frame, kept for revisits: previous-frame
 * timestamps, per-stream deltas. Paged typed arrays rather than a pair
 * object per frame (≈ 190 bytes): seconds are stored relative to the first
 * value as Int32 and nanoseconds as Int32, 8 bytes a frame; a value that
 * does not fit (a capture spanning 68 years, a fractional value) switches
 * the store to Float64 (16 bytes a frame).
 */
export class FrameTimeHistory {
  private sec = new PagedColumn((n) => new Int32Array(n), NONE);
  private nsec = new PagedColumn((n) => new Int32Array(n));
  private wide = false;
  private base = Number.NaN;

  set(frame: number, sec: number, nsec: number): void {
    if (Number.isNaN(this.base)) this.base = sec;
    const rel = sec - this.base;
    if (!this.wide && !(fitsInt32(rel) && rel !== NONE && fitsInt32(nsec))) this.widen();
    this.sec.set(frame, rel);
    this.nsec.set(frame, nsec);
  }

  /** The stored pair, or null for a frame never recorded. */
  get(frame: number): readonly [number, number] | null {
    const rel = this.sec.get(frame);
    if (this.wide ? Number.isNaN(rel) : rel === NONE) return null;
    return [rel + this.base, this.nsec.get(frame)];
  }

  private widen(): void {
    this.sec = this.sec.convert((n) => new Float64Array(n), Number.NaN, (v) => (v === NONE ? Number.NaN : v));
    this.nsec = this.nsec.convert((n) => new Float64Array(n), 0, (v) => v);
    this.wide = true;
  }
}
