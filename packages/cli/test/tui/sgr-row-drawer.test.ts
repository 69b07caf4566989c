import { ansiCodesToString, diffAnsiCodes, reduceAnsiCodesIncremental, tokenize } from '@alcalzone/ansi-tokenize';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../../test/support/seeded-random.js';
import type { InkOutputClass } from '../../src/tui/row-cached-output.js';
import { sgrRowDrawer, type AnsiTokenizeParts, type RowWrite } from '../../src/tui/sgr-row-drawer.js';

// Ink's own Output (Ink exports only its entry point, so by file).
const inkBuild = dirname(createRequire(import.meta.url).resolve('ink'));
const { default: InkOutput } = (await import(pathToFileURL(join(inkBuild, 'output.js')).href)) as { default: InkOutputClass };

const parts = { tokenize, reduceAnsiCodesIncremental, diffAnsiCodes, ansiCodesToString } as unknown as AnsiTokenizeParts;

function inkRow(width: number, writes: readonly RowWrite[]): string {
  const out = new InkOutput({ width, height: 1 });
  for (const { x, line } of writes) out.write(x, 0, line, { transformers: [] });
  return out.get().output;
}

// SGR codes as chalk and Ink's colour props write them, plus compound, 256/24-bit, resets and the empty code.
const CODES = ['\u001b[31m', '\u001b[39m', '\u001b[44m', '\u001b[49m', '\u001b[1m', '\u001b[2m', '\u001b[22m', '\u001b[7m', '\u001b[27m', '\u001b[4m', '\u001b[24m', '\u001b[0m', '\u001b[m', '\u001b[1;31;42m', '\u001b[38;5;208m', '\u001b[48;2;10;20;30m', '\u001b[90m', '\u001b[107m'];
// One-column text as the UI draws it: ASCII, Latin-1, the tree's and the status line's symbols, arrows.
const TEXTS = ['GET /index.html HTTP/1.1', 'Frame 12: 74 bytes', ' ', '   ', 'a', '│', '─────', '▸ Ethernet II', '▾ ', '→ 80 [SYN]', 'é·ü', '↑↓←→', '\\x1b[2J', 'Packets: 1000 │ Displayed: 1000', '~'];

function randomLine(random: () => number): string {
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  let line = '';
  for (let n = 1 + Math.floor(random() * 6); n > 0; n--) line += random() < 0.45 ? pick(CODES) : pick(TEXTS);
  return line;
}

describe('the SGR row drawer', () => {
  const draw = sgrRowDrawer(parts, stringWidth);

  it("draws Ink's string for 8,000 random rows of styled one-column text (overlapping, off either end)", () => {
    const random = seededRandom(11);
    for (let i = 0; i < 8_000; i++) {
      const width = 1 + Math.floor(random() * 60);
      const writes: RowWrite[] = [];
      for (let n = 1 + Math.floor(random() * 4); n > 0; n--) writes.push({ x: Math.floor(random() * (width + 8)) - 4, line: randomLine(random) });
      const drawn = draw(width, writes);
      expect(drawn, `row ${i}: ${JSON.stringify(writes)}`).toBe(inkRow(width, writes));
    }
  });

  it('draws a full row of a coloured packet list as Ink does', () => {
    const row = '\u001b[48;5;153m\u001b[30m   1042 12.345678 192.168.1.10    93.184.216.34   HTTP     411 GET /index.html HTTP/1.1\u001b[39m\u001b[49m';
    const writes = [{ x: 0, line: row }, { x: 150, line: '\u001b[7m│\u001b[27m' }];
    expect(draw(160, writes)).toBe(inkRow(160, writes));
  });

  it("leaves to Ink the text whose graphemes it does not place one per column", () => {
    for (const line of ['漢字', '😀 ok', 'a\u0301', 'e\u200dx', '\u001b]8;;http://x\u0007link\u001b]8;;\u0007', '\u001b[2J', '\u001b[31', 'tab\there', 'क्ष', 'a\u0903', '\u1100\u1161']) {
      expect(draw(20, [{ x: 0, line }]), JSON.stringify(line)).toBeUndefined();
    }
  });
});
