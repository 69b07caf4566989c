import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import stringWidth from 'string-width';
import widestLine from 'widest-line';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../../test/support/seeded-random.js';
import { memoized } from '../../src/tui/bounded-cache.js';
import { cachedMeasureText, cachedWidestLine, quickStringWidth } from '../../src/tui/ink-text-measure.js';

// Ink's own measure-text, which the bundle replaces (Ink exports only its entry point, so by file).
const inkBuild = dirname(createRequire(import.meta.url).resolve('ink'));
const { default: inkMeasureText } = (await import(pathToFileURL(join(inkBuild, 'measure-text.js')).href)) as { default: (text: string) => { width: number; height: number } };

const TEXTS = ['', 'a', 'GET / HTTP/1.1', '41491 → 40285 [ACK]', '▸ Frame 1 │ x', 'two\nlines, the second longer', '漢字\nab', '😀', '\u001b[31mred\u001b[39m', 'a\u0301b', '\n', ' trailing \n\n'];

/**
 * Characters that stress string-width's grapheme rules: ASCII, Latin-1 (with
 * the soft hyphen), arrows and box drawing, CJK, combining and spacing marks,
 * joiners and selectors, Hangul jamo and syllables, halfwidth katakana and
 * their sound marks, emoji (with modifiers, ZWJ sequences, flags), controls,
 * escapes.
 */
const ALPHABET = [
  'a', 'Z', ' ', '~', 'é', '\u00ad', '·', 'ß', '→', '←', '│', '─', '▸', '▾', '…', '€', '漢', '字', 'ア', 'ｱ', 'ﾞ', 'ﾟ',
  '\u0301', '\u0308', '\u093e', 'क', '\u200d', '\u200b', '\ufe0f', '\ufe0e', '\u1100', '\u1161', '\u11a8', '가', '\ua960', '\ud7b0',
  '😀', '👍', '🏽', '👨', '👩', '🇩', '🇪', '𝐀', '𐐀', '\u0000', '\t', '\u007f', '\u0085', '\u001b', '[31m', '\u009b', '٠', '\u0600', 'ก', '\u0e31',
];

describe("Ink's text measuring, cached", () => {
  it("gives Ink's measure-text and widest-line results, the first time and from the cache", () => {
    const widest = cachedWidestLine(stringWidth);
    const measure = cachedMeasureText(widest);
    for (let round = 0; round < 2; round++) {
      for (const t of TEXTS) {
        expect(measure(t), JSON.stringify(t)).toEqual(inkMeasureText(t));
        expect(widest(t), JSON.stringify(t)).toBe(widestLine(t));
      }
    }
  });

  it('measures 20,000 random strings of awkward characters as string-width does', () => {
    const quick = quickStringWidth(stringWidth);
    const random = seededRandom(11);
    let quickPath = 0;
    for (let i = 0; i < 20_000; i++) {
      // Mostly one-column text, so that both paths are taken often.
      const n = 1 + Math.floor(random() * 12);
      let s = '';
      for (let j = 0; j < n; j++) s += random() < 0.6 ? String.fromCharCode(0x20 + Math.floor(random() * 95)) : ALPHABET[Math.floor(random() * ALPHABET.length)];
      expect(quick(s), JSON.stringify(s)).toBe(stringWidth(s));
      if (s.length === stringWidth(s)) quickPath++;
    }
    expect(quickPath).toBeGreaterThan(2000);
  });

  it('computes a text once while it is cached, and forgets everything when the cache is full', () => {
    const calls: string[] = [];
    const length = memoized((t: string) => (calls.push(t), t.length), 3);
    expect([length('a'), length('bb'), length('a'), length('ccc')]).toEqual([1, 2, 1, 3]);
    expect(calls).toEqual(['a', 'bb', 'ccc']);
    // A fourth text: the cache is emptied, so 'a' is computed again afterwards.
    length('dddd');
    length('a');
    expect(calls).toEqual(['a', 'bb', 'ccc', 'dddd', 'a']);
  });
});
