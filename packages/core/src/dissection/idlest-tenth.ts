/**
 * What a table over its limit forgets at once: the tenth of its items (at
 * least one) last seen the longest ago, ties in the table's order, so that
 * forgetting costs amortized O(1) per item added. Chosen from the items'
 * last frames alone, in a typed array, then applied in a second walk over
 * the table in the same order: no object per item (a conversation table
 * holds 100,000).
 */
export class IdlestTenth {
  /** Items seen before this frame go... */
  private readonly frame: number;
  /** ...and this many of those seen in it, the first ones met. */
  private ties: number;

  /** `lastFrames`: every item's last frame, in any order (sorted in place). */
  constructor(lastFrames: Float64Array) {
    lastFrames.sort();
    const drop = Math.max(1, Math.floor(lastFrames.length / 10));
    this.frame = lastFrames[drop - 1] ?? -Infinity;
    let below = drop - 1;
    while (below > 0 && lastFrames[below - 1] === this.frame) below--;
    this.ties = drop - below;
  }

  /** Whether the next item met, in the table's order, last seen in `lastFrame`, is forgotten. */
  takes(lastFrame: number): boolean {
    if (lastFrame < this.frame) return true;
    if (lastFrame !== this.frame || this.ties === 0) return false;
    this.ties--;
    return true;
  }
}
