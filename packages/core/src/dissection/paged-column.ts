type NumberArray = Float64Array | Uint32Array | Int32Array | Uint16Array | Uint8Array;

/** Whether `v` is stored exactly by an Int32 column. */
export function fitsInt32(v: number): boolean {
  return (v | 0) === v;
}

/** Whether `v` is stored exactly by a Uint32 column. */
export function fitsUint32(v: number): boolean {
  return v >>> 0 === v;
}

const PAGE_BITS = 16;
const PAGE = 1 << PAGE_BITS;
const MASK = PAGE - 1;

/**
 * A growable column of numbers indexed by frame (or row), stored in fixed
 * pages of 65,536 entries that are never reallocated. A doubling array
 * wastes up to half its size and frees its old copies, which the C
 * allocator tends to keep; per-frame history of a million-frame capture
 * is large enough for both to show in the resident size.
 */
export class PagedColumn {
  private readonly pages: NumberArray[] = [];

  /** `make` allocates one page; entries never set read as `empty`. */
  constructor(
    private readonly make: (n: number) => NumberArray,
    private readonly empty = 0,
  ) {}

  get(i: number): number {
    const p = this.pages[i >>> PAGE_BITS];
    return p === undefined ? this.empty : p[i & MASK]!;
  }

  set(i: number, v: number): void {
    let p = this.pages[i >>> PAGE_BITS];
    if (p === undefined) {
      // Pages in between stay absent (read as empty) until something is stored there.
      p = this.make(PAGE);
      if (this.empty !== 0) p.fill(this.empty);
      this.pages[i >>> PAGE_BITS] = p;
    }
    p[i & MASK] = v;
  }

  /**
   * Indexes below `end` whose entry equals `value`, in order. The search
   * within a page is the typed array's built-in indexOf: as fast the first
   * time as any other (a JavaScript loop over a million entries runs
   * unoptimised for its first several milliseconds, which the TUI's Follow
   * pays on its first use).
   */
  indexesOf(value: number, end: number): number[] {
    const out: number[] = [];
    for (let k = 0; k * PAGE < end; k++) {
      const p = this.pages[k];
      const n = Math.min(PAGE, end - k * PAGE);
      if (p === undefined) {
        if (value === this.empty) for (let i = 0; i < n; i++) out.push(k * PAGE + i);
        continue;
      }
      for (let i = p.indexOf(value); i !== -1 && i < n; i = p.indexOf(value, i + 1)) out.push(k * PAGE + i);
    }
    return out;
  }

  /** A copy with each stored entry mapped through `f` into pages made by `make` (a wider type). */
  convert(make: (n: number) => NumberArray, empty: number, f: (v: number) => number): PagedColumn {
    const out = new PagedColumn(make, empty);
    this.pages.forEach((p, k) => {
      const q = make(PAGE);
      for (let i = 0; i < PAGE; i++) q[i] = f(p[i]!);
      out.pages[k] = q;
    });
    return out;
  }
}
