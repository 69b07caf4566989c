/**
 * The tenth of `items` (at least one) last seen the longest ago, ties in
 * their order: what a table over its limit forgets at once, so forgetting
 * costs amortized O(1) per item added.
 */
export function idlestTenth<T>(items: T[], lastFrame: (item: T) => number): T[] {
  items.sort((a, b) => lastFrame(a) - lastFrame(b));
  return items.slice(0, Math.max(1, Math.floor(items.length / 10)));
}
