/**
 * The frames the packet list shows, by position: every indexed frame, or
 * the ones that passed the display filter. Positions are 0-based, frame
 * numbers 1-based and increasing with position.
 */
export interface FrameView {
  readonly length: number;
  frameAt(position: number): number;
  /** Position of frame `no`, or of the first shown frame after it (length if none). */
  positionAtOrAfter(no: number): number;
}

/** All frames 1..count of the index (no filter). */
export class AllFrames implements FrameView {
  constructor(private readonly count: () => number) {}

  get length(): number {
    return this.count();
  }

  frameAt(position: number): number {
    return position + 1;
  }

  positionAtOrAfter(no: number): number {
    return Math.min(Math.max(no - 1, 0), this.length);
  }
}

/** A growing, sorted list of frame numbers. */
export class FrameList implements FrameView {
  private frames = new Uint32Array(256);
  length = 0;

  push(no: number): void {
    if (this.length === this.frames.length) {
      const f = new Uint32Array(this.frames.length * 2);
      f.set(this.frames);
      this.frames = f;
    }
    this.frames[this.length++] = no;
  }

  frameAt(position: number): number {
    return this.frames[position]!;
  }

  positionAtOrAfter(no: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.frames[mid]! < no) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** A view cut to its first `length` positions (the list while live updates are paused). */
export class FrozenView implements FrameView {
  constructor(
    private readonly view: FrameView,
    readonly length: number,
  ) {}

  frameAt(position: number): number {
    return this.view.frameAt(position);
  }

  positionAtOrAfter(no: number): number {
    return Math.min(this.view.positionAtOrAfter(no), this.length);
  }
}
