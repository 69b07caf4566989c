/**
 * A PDU's pieces in offset order: an array with a gap where the last one
 * was inserted. Pieces almost always go after all the others, so the gap
 * stays at the end and reading costs one comparison more than an array's.
 * A PDU whose segments arrive last-first puts each new piece at the same
 * place, before the one before it: an array moved every later piece each
 * time (80,000 segments: seconds in memmove), the gap takes it where it
 * is. Moving the gap costs the pieces it passes, once per change of place.
 */
export class PieceList<T> {
  /** Pieces before the gap, the gap (null), then the pieces after it. */
  private slots: Array<T | null> = [];
  private gapStart = 0;
  private gapEnd = 0;

  get length(): number {
    return this.slots.length - this.gapEnd + this.gapStart;
  }

  /** The i-th piece (0 <= i < length). */
  at(i: number): T {
    return (i < this.gapStart ? this.slots[i] : this.slots[i + this.gapEnd - this.gapStart]) as T;
  }

  /** Put `item` at position i (0 <= i <= length): it becomes the i-th, those from i on move one up. */
  insert(i: number, item: T): void {
    if (this.gapStart === this.gapEnd) this.widenGap();
    if (i !== this.gapStart) this.moveGap(i);
    this.slots[this.gapStart++] = item;
  }

  push(item: T): void {
    this.insert(this.length, item);
  }

  clear(): void {
    this.slots = [];
    this.gapStart = 0;
    this.gapEnd = 0;
  }

  /** The pieces in order, as a new array. */
  toArray(): T[] {
    const out: T[] = [];
    for (let i = 0; i < this.length; i++) out.push(this.at(i));
    return out;
  }

  private moveGap(i: number): void {
    const s = this.slots;
    const gap = this.gapEnd - this.gapStart;
    if (i < this.gapStart) {
      for (let k = this.gapStart - 1; k >= i; k--) {
        s[k + gap] = s[k]!;
        s[k] = null;
      }
    } else {
      for (let k = this.gapStart; k < i; k++) {
        s[k] = s[k + gap]!;
        s[k + gap] = null;
      }
    }
    this.gapStart = i;
    this.gapEnd = i + gap;
  }

  /** The gap is empty: copy into an array with room for as many pieces again at the gap's place. */
  private widenGap(): void {
    const old = this.slots;
    const room = Math.max(8, old.length);
    // Built by pushing, so the array stays packed (no holes to check on every read).
    const next: Array<T | null> = [];
    for (let k = 0; k < this.gapStart; k++) next.push(old[k]!);
    for (let k = 0; k < room; k++) next.push(null);
    for (let k = this.gapEnd; k < old.length; k++) next.push(old[k]!);
    this.slots = next;
    this.gapEnd = this.gapStart + room;
  }
}
