import { ansiCodesToString, diffAnsiCodes, reduceAnsiCodesIncremental, tokenize } from '@alcalzone/ansi-tokenize';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import sliceAnsi from 'slice-ansi';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../../test/support/seeded-random.js';
import { rowCachedOutput, type InkOutputClass, type OutputClip } from '../../src/tui/row-cached-output.js';
import { sgrRowDrawer, type AnsiTokenizeParts } from '../../src/tui/sgr-row-drawer.js';

// Ink's own Output, which the bundle wraps (Ink exports only its entry point, so by file).
const inkBuild = dirname(createRequire(import.meta.url).resolve('ink'));
const { default: InkOutput } = (await import(pathToFileURL(join(inkBuild, 'output.js')).href)) as { default: InkOutputClass };

type Op = { write: [number, number, string, Array<(line: string, index: number) => string>] } | { clip: OutputClip } | { unclip: true };

const RED = (s: string): string => `\u001b[31m${s}\u001b[39m`;
const ON_BLUE = (s: string): string => `\u001b[44m${s}\u001b[49m`;
const TRANSFORMERS = [(line: string): string => RED(line), (line: string, index: number): string => (index % 2 ? ON_BLUE(line) : line), (line: string): string => line.toUpperCase()];
const WORDS = ['GET /index.html', 'Frame 12: 74 bytes', '漢字', '😀 ok', '', ' ', 'a\u0301', RED('red'), ON_BLUE('blue') + 'plain', '\u001b[1mbold\u001b[22m', '─'.repeat(30)];

/** A random drawing: writes (some multi-line, some off the grid), nested clips and transformers. */
function randomOps(random: () => number, width: number, height: number): Op[] {
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const int = (lo: number, hi: number): number => lo + Math.floor(random() * (hi - lo + 1));
  const ops: Op[] = [];
  let depth = 0;
  for (let n = int(1, 25); n > 0; n--) {
    const r = random();
    if (r < 0.15) {
      const clip: OutputClip = {};
      if (random() < 0.7) [clip.x1, clip.x2] = [int(-2, width), int(0, width + 2)];
      if (random() < 0.7) [clip.y1, clip.y2] = [int(-2, height), int(0, height + 2)];
      ops.push({ clip });
      depth++;
    } else if (r < 0.25 && depth > 0) {
      ops.push({ unclip: true });
      depth--;
    } else {
      const lines = Array.from({ length: int(1, 4) }, () => Array.from({ length: int(1, 3) }, () => pick(WORDS)).join(' '));
      const transformers = TRANSFORMERS.filter(() => random() < 0.3);
      ops.push({ write: [int(-3, width + 2), int(-2, height + 1), lines.join('\n'), transformers] });
    }
  }
  return ops;
}

function draw(Output: InkOutputClass, width: number, height: number, ops: readonly Op[]): { output: string; height: number } {
  const out = new Output({ width, height });
  for (const op of ops) {
    if ('write' in op) out.write(op.write[0], op.write[1], op.write[2], { transformers: op.write[3] });
    else if ('clip' in op) out.clip(op.clip);
    else out.unclip();
  }
  return out.get();
}

describe("the row-cached Output gives Ink's output", () => {
  it.each([
    ['by Ink', undefined],
    ['by the SGR row drawer where it can', sgrRowDrawer({ tokenize, reduceAnsiCodesIncremental, diffAnsiCodes, ansiCodesToString } as unknown as AnsiTokenizeParts, stringWidth)],
  ])('on 2,000 random drawings, drawn twice each (the second time from the cache), new rows drawn %s', (_, drawRow) => {
    const Cached = rowCachedOutput({ Output: InkOutput, sliceAnsi, stringWidth, drawRow });
    const random = seededRandom(7);
    let reused = 0;
    for (let i = 0; i < 2000; i++) {
      const width = 1 + Math.floor(random() * 40);
      const height = 1 + Math.floor(random() * 8);
      const ops = randomOps(random, width, height);
      const want = draw(InkOutput, width, height, ops);
      expect(draw(Cached, width, height, ops), `drawing ${i}`).toEqual(want);
      expect(draw(Cached, width, height, ops), `drawing ${i} again`).toEqual(want);
      if (want.output.trim()) reused++;
    }
    expect(reused).toBeGreaterThan(1000);
  });

  it('draws only the rows it has not drawn before', () => {
    const drawnRows: number[] = [];
    // Ink's Output, counting the grids it is asked to fill.
    class CountingOutput extends InkOutput {
      constructor(o: { width: number; height: number }) {
        super(o);
        drawnRows.push(o.height);
      }
    }
    const Cached = rowCachedOutput({ Output: CountingOutput, sliceAnsi, stringWidth });
    const screen = (selected: number): Op[] =>
      Array.from({ length: 10 }, (_, y) => ({ write: [0, y, `row ${y}`, y === selected ? [ON_BLUE] : []] }) as Op);
    expect(draw(Cached, 20, 10, screen(0)).output).toBe(draw(InkOutput, 20, 10, screen(0)).output);
    expect(drawnRows).toEqual(Array(10).fill(1));
    drawnRows.length = 0;
    // The selection moves down a row: only the old and the new selected rows are drawn again.
    expect(draw(Cached, 20, 10, screen(1)).output).toBe(draw(InkOutput, 20, 10, screen(1)).output);
    expect(drawnRows).toEqual([1, 1]);
  });
});
