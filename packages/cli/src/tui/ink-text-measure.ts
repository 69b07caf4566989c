import { memoized } from './bounded-cache.js';

/**
 * Text measuring for Ink, substituted by scripts/bundle-cli.mjs. Ink
 * measures every text node on every frame: its layout through
 * measure-text (cached in a map that is never emptied) and its renderer
 * through widest-line (not cached: a third of a keystroke's drawing on a
 * full screen). Both are pure functions of the text; here both share one
 * bounded cache, and a text string-width would segment into graphemes
 * only because of a few non-ASCII characters (the → of a TCP Info, the
 * tree's ▸) is measured by adding up known one-column characters.
 */

/** Distinct texts kept: a screen has a few hundred. */
const MAX_TEXTS = 8192;

export interface TextSize {
  width: number;
  height: number;
}

/**
 * Whether a UTF-16 unit is one column and a grapheme of its own whatever
 * stands beside it: string-width gives it 1 alone, and it joins no cluster
 * with its neighbours (marks, joiners, selectors, Hangul jamo, surrogate
 * halves and controls do not qualify). Text made only of such units is as
 * wide as it is long, one unit per cell. Worked out once per unit.
 */
export function oneColumnCharacters(stringWidth: (text: string) => number): (c: number) => boolean {
  // Per UTF-16 unit: 0 not yet known, 1 one column on its own, 2 not.
  const known = new Uint8Array(0x10000);
  const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  return (c) => {
    if (c >= 0x20 && c < 0x7f) return true;
    let k = known[c]!;
    if (k === 0) {
      const ch = String.fromCharCode(c);
      const excluded = c < 0x20 || (c >= 0x7f && c < 0xa0) || (c >= 0x1100 && c <= 0x11ff) || (c >= 0xa960 && c <= 0xa97f) || (c >= 0xd7b0 && c <= 0xdfff);
      const single = !excluded && stringWidth(ch) === 1 && [...segmenter.segment(`a${ch}${ch}a`)].length === 4;
      known[c] = k = single ? 1 : 2;
    }
    return k === 1;
  };
}

/**
 * string-width, with a quicker answer for text in which every character is
 * one column on its own (oneColumnCharacters): then the text is as wide as
 * it is long. Any other text takes string-width's path.
 */
export function quickStringWidth(stringWidth: (text: string) => number): (text: string) => number {
  const oneColumn = oneColumnCharacters(stringWidth);
  return (text) => {
    for (let i = 0; i < text.length; i++) if (!oneColumn(text.charCodeAt(i))) return stringWidth(text);
    return text.length;
  };
}

/** widest-line (columns of the widest line) on a string-width, cached. */
export function cachedWidestLine(stringWidth: (text: string) => number): (text: string) => number {
  const width = quickStringWidth(stringWidth);
  return memoized((text: string): number => {
    let widest = 0;
    for (const line of text.split('\n')) widest = Math.max(widest, width(line));
    return widest;
  }, MAX_TEXTS);
}

/** Ink's measure-text (columns of the widest line, number of lines) on a widest-line, cached. */
export function cachedMeasureText(widestLine: (text: string) => number): (text: string) => TextSize {
  const EMPTY: TextSize = { width: 0, height: 0 };
  const measure = memoized((text: string): TextSize => ({ width: widestLine(text), height: text.split('\n').length }), MAX_TEXTS);
  return (text) => (text.length === 0 ? EMPTY : measure(text));
}
