/** Rows whose Info text is remembered: a few screenfuls, so scrolling back and forth re-dissects nothing. */
const CACHED_ROWS = 1024;

/**
 * The Info column of a capture file's packet list, worked out when a row is
 * drawn by dissecting its frame again (visited: tens of microseconds, the
 * same dissection that colours the row) rather than kept for every frame
 * from the first pass — a million frames' texts would take ~80 MB.
 * Wireshark fills its list the same way.
 */
export class InfoColumn {
  private readonly cache = new Map<number, string>();

  /** @param describe The Info text of a frame from a fresh re-dissection. */
  constructor(private readonly describe: (no: number) => string) {}

  text(no: number): string {
    const hit = this.cache.get(no);
    if (hit !== undefined) {
      // Most recently used last, so the oldest entry is the first one dropped.
      this.cache.delete(no);
      this.cache.set(no, hit);
      return hit;
    }
    const text = this.describe(no);
    this.cache.set(no, text);
    if (this.cache.size > CACHED_ROWS) this.cache.delete(this.cache.keys().next().value!);
    return text;
  }
}
