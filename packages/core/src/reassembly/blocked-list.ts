/** Pieces per block after a split; a block splits when it grows past twice this. */
const BLOCK = 512;

/**
 * A list kept in order by its user (a PDU's pieces by offset, TCP's waiting
 * segments by sequence number), stored as blocks of a few hundred. Items
 * almost always go after all the others (a push onto the last block), but
 * a sender or a capture can deliver them last-first or shuffled: an array
 * moved every later item for each (a PDU of 80,000 segments arriving
 * backwards took seconds to minutes), here an insertion moves at most a
 * block's items and bumps the later blocks' start indexes. Reading by index
 * remembers the block it found last, so a walk in order stays in one block
 * at a time.
 */
export class BlockedList<T> {
  private blocks: T[][] = [[]];
  /** The index of each block's first item. */
  private starts: number[] = [0];
  private size = 0;
  /** The block the last lookup found. */
  private hit = 0;

  get length(): number {
    return this.size;
  }

  /** The i-th item (0 <= i < length). */
  at(i: number): T {
    let b = this.hit;
    const start = this.starts[b]!;
    const block = this.blocks[b]!;
    if (i >= start && i < start + block.length) return block[i - start]!;
    b = this.blockOf(i);
    this.hit = b;
    return this.blocks[b]![i - this.starts[b]!]!;
  }

  /** Put `item` at position i (0 <= i <= length): it becomes the i-th, those from i on move one up. */
  insert(i: number, item: T): void {
    const b = i >= this.size ? this.blocks.length - 1 : this.blockOf(i);
    const block = this.blocks[b]!;
    const at = i - this.starts[b]!;
    if (at >= block.length) block.push(item);
    else block.splice(at, 0, item);
    this.size++;
    const starts = this.starts;
    for (let k = b + 1; k < starts.length; k++) starts[k]!++;
    if (block.length > 2 * BLOCK) this.split(b);
  }

  push(item: T): void {
    this.insert(this.size, item);
  }

  /** Remove the first `count` items. */
  removeFirst(count: number): void {
    if (count >= this.size) {
      this.clear();
      return;
    }
    let whole = 0;
    let left = count;
    while (left >= this.blocks[whole]!.length) left -= this.blocks[whole++]!.length;
    if (whole > 0) {
      this.blocks.splice(0, whole);
      this.starts.splice(0, whole);
    }
    if (left > 0) this.blocks[0]!.splice(0, left);
    for (let k = 0; k < this.starts.length; k++) this.starts[k]! -= count;
    this.starts[0] = 0;
    this.size -= count;
    this.hit = 0;
  }

  clear(): void {
    this.blocks = [[]];
    this.starts = [0];
    this.size = 0;
    this.hit = 0;
  }

  /**
   * How many items from the front `before` holds for, found by halving: the
   * list's order must put every item it holds for ahead of every other.
   */
  countBefore(before: (item: T) => boolean): number {
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (before(this.at(mid))) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The items in order, as a new array. */
  toArray(): T[] {
    const out: T[] = [];
    for (const block of this.blocks) for (const item of block) out.push(item);
    return out;
  }

  /** The last block whose first index is at or before i. */
  private blockOf(i: number): number {
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (starts[mid]! <= i) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private split(b: number): void {
    const block = this.blocks[b]!;
    const tail = block.splice(BLOCK);
    this.blocks.splice(b + 1, 0, tail);
    this.starts.splice(b + 1, 0, this.starts[b]! + BLOCK);
  }
}
