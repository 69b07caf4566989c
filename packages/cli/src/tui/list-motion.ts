import type { Key } from 'ink';

/** ↑/↓/PgUp/PgDn/Home/End (and the vi keys k/j/g/G) as the new position in a list of `length` lines; null for other keys. */
export function movement(input: string, key: Key, page: number, current: number, length: number): number | null {
  let next: number;
  if (key.upArrow || input === 'k') next = current - 1;
  else if (key.downArrow || input === 'j') next = current + 1;
  else if (key.pageUp) next = current - page;
  else if (key.pageDown) next = current + page;
  else if (key.home || input === 'g') next = 0;
  else if (key.end || input === 'G') next = length - 1;
  else return null;
  return Math.max(0, Math.min(length - 1, next));
}

/** First line to show so that `line` is visible in a window of `height` lines starting at `top`. */
export function scrolledTo(top: number, line: number, height: number): number {
  if (line < top) return line;
  if (line >= top + height) return line - height + 1;
  return top;
}
