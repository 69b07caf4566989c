const NONE = -0x80000000;

/**
 * A (seconds, nanoseconds) pair per frame, kept for revisits: previous-frame
 * timestamps, per-stream deltas. Typed arrays rather than a pair object per
 * frame (≈ 190 bytes): seconds are stored relative to the first value as
 * Int32 and nanoseconds as Int32, 8 bytes a frame; a value that does not fit
 * (a capture spanning 68 years, a fractional value) switches the store to
 * Float64 (16 bytes a frame).
 */
export class FrameTimeHistory {
  private sec: Int32Array | Float64Array = new Int32Array(1024).fill(NONE);
  private nsec: Int32Array | Float64Array = new Int32Array(1024);
  private base = Number.NaN;

  set(frame: number, sec: number, nsec: number): void {
    if (frame >= this.sec.length) this.grow(frame);
    if (Number.isNaN(this.base)) this.base = sec;
    const rel = sec - this.base;
    if (this.sec instanceof Int32Array && !(fitsInt32(rel) && rel !== NONE && fitsInt32(nsec))) this.widen();
    this.sec[frame] = rel;
    this.nsec[frame] = nsec;
  }

  /** The stored pair, or null for a frame never recorded. */
  get(frame: number): readonly [number, number] | null {
    if (frame >= this.sec.length) return null;
    const rel = this.sec[frame]!;
    if (this.sec instanceof Int32Array ? rel === NONE : Number.isNaN(rel)) return null;
    return [rel + this.base, this.nsec[frame]!];
  }

  private widen(): void {
    const sec = new Float64Array(this.sec.length);
    for (let i = 0; i < sec.length; i++) sec[i] = this.sec[i] === NONE ? Number.NaN : this.sec[i]!;
    this.sec = sec;
    this.nsec = Float64Array.from(this.nsec);
  }

  private grow(frame: number): void {
    let size = this.sec.length * 2;
    while (size <= frame) size *= 2;
    const wide = this.sec instanceof Float64Array;
    const sec = wide ? new Float64Array(size).fill(Number.NaN) : new Int32Array(size).fill(NONE);
    sec.set(this.sec);
    const nsec = wide ? new Float64Array(size) : new Int32Array(size);
    nsec.set(this.nsec);
    this.sec = sec;
    this.nsec = nsec;
  }
}

function fitsInt32(v: number): boolean {
  return (v | 0) === v;
}
