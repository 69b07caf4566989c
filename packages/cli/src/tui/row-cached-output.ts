import { BoundedCache } from './bounded-cache.js';
import type { RowDrawer } from './sgr-row-drawer.js';

/**
 * A drop-in for Ink's Output (the grid a frame is drawn into), substituted
 * by scripts/bundle-cli.mjs. Ink builds every frame cell by cell: each
 * written line is tokenised into styled characters, placed into a fresh
 * width × height grid, and every row is turned back into a string. On a
 * 160×48 screen that is two thirds of a keystroke's CPU, although a key
 * changes only a few rows (the old and new selection, the details).
 *
 * Here the writes are first sorted into rows (with Ink's clipping and
 * transformers, in Ink's order); a row whose writes are exactly those of a
 * row drawn before reuses that row's string. Any other row is drawn by the
 * given row drawer (sgr-row-drawer.ts, Ink's result without Ink's per-cell
 * cost) or, for text that drawer leaves alone, by Ink's own Output on a
 * one-row grid; either way the result is Ink's, character for character.
 */
export interface OutputClip {
  x1?: number;
  x2?: number;
  y1?: number;
  y2?: number;
}

type Transformer = (line: string, index: number) => string;

/** The part of Ink's Output class this one uses and provides. */
export interface InkOutput {
  write(x: number, y: number, text: string, options: { transformers: Transformer[] }): void;
  clip(clip: OutputClip): void;
  unclip(): void;
  get(): { output: string; height: number };
}

export type InkOutputClass = new (options: { width: number; height: number }) => InkOutput;

/** What Ink's Output needs besides the grid: its slicing and width functions. */
export interface InkOutputParts {
  Output: InkOutputClass;
  sliceAnsi(text: string, from: number, to?: number): string;
  /** Columns of a one-line text (the bundle passes ink-text-measure's cached measure). */
  stringWidth(text: string): number;
  /** Draws a row as Ink's Output would, or returns undefined to leave it to Ink's Output. */
  drawRow?: RowDrawer;
}

type Operation = { type: 'write'; x: number; y: number; text: string; transformers: Transformer[] } | { type: 'clip'; clip: OutputClip } | { type: 'unclip' };

/** Rows kept for reuse; a screen has a few dozen, so this holds many screens' worth. */
const MAX_CACHED_ROWS = 4096;
/** Separates the x position from the text, and one write from the next, in a row's key (neither occurs in drawn text). */
const FIELD = '\u0000';
const WRITE = '\u0001';

/** Ink's Output with drawn rows reused: `rowCachedOutput(parts)` returns the class Ink's renderer constructs. */
export function rowCachedOutput({ Output, sliceAnsi, stringWidth, drawRow }: InkOutputParts): InkOutputClass {
  const rows = new BoundedCache<string>(MAX_CACHED_ROWS);
  const widestLineOf = (lines: string[]): number => {
    let w = 0;
    for (const line of lines) w = Math.max(w, stringWidth(line));
    return w;
  };

  return class RowCachedOutput implements InkOutput {
    private readonly width: number;
    private readonly height: number;
    private readonly operations: Operation[] = [];

    constructor({ width, height }: { width: number; height: number }) {
      this.width = width;
      this.height = height;
    }

    write(x: number, y: number, text: string, { transformers }: { transformers: Transformer[] }): void {
      if (!text) return;
      this.operations.push({ type: 'write', x, y, text, transformers });
    }

    clip(clip: OutputClip): void {
      this.operations.push({ type: 'clip', clip });
    }

    unclip(): void {
      this.operations.push({ type: 'unclip' });
    }

    get(): { output: string; height: number } {
      const { width, height } = this;
      // Each row's writes, in order: x and the final text of that line.
      const pieces: { x: number; line: string }[][] = Array.from({ length: height }, () => []);
      const clips: OutputClip[] = [];
      for (const operation of this.operations) {
        if (operation.type === 'clip') {
          clips.push(operation.clip);
          continue;
        }
        if (operation.type === 'unclip') {
          clips.pop();
          continue;
        }
        const { text, transformers } = operation;
        let { x, y } = operation;
        let lines = text.split('\n');
        const clip = clips.at(-1);
        if (clip) {
          const clipHorizontally = typeof clip.x1 === 'number' && typeof clip.x2 === 'number';
          const clipVertically = typeof clip.y1 === 'number' && typeof clip.y2 === 'number';
          if (clipHorizontally) {
            const w = widestLineOf(lines);
            if (x + w < clip.x1! || x > clip.x2!) continue;
          }
          if (clipVertically && (y + lines.length < clip.y1! || y > clip.y2!)) continue;
          if (clipHorizontally) {
            const from = x < clip.x1! ? clip.x1! - x : 0;
            lines = lines.map((line) => {
              const w = stringWidth(line);
              return sliceAnsi(line, from, x + w > clip.x2! ? clip.x2! - x : w);
            });
            if (x < clip.x1!) x = clip.x1!;
          }
          if (clipVertically) {
            const from = y < clip.y1! ? clip.y1! - y : 0;
            const to = y + lines.length > clip.y2! ? clip.y2! - y : lines.length;
            lines = lines.slice(from, to);
            if (y < clip.y1!) y = clip.y1!;
          }
        }
        for (let index = 0; index < lines.length; index++) {
          const row = pieces[y + index];
          // Ink stops a write at the first line that falls outside the grid.
          if (!row) break;
          let line = lines[index]!;
          for (const transformer of transformers) line = transformer(line, index);
          row.push({ x, line });
        }
      }

      const out: string[] = [];
      for (const row of pieces) {
        let key = String(width);
        for (const { x, line } of row) key += WRITE + x + FIELD + line;
        let drawn = rows.get(key);
        if (drawn === undefined) {
          drawn = drawRow?.(width, row);
          if (drawn === undefined) {
            const one = new Output({ width, height: 1 });
            for (const { x, line } of row) one.write(x, 0, line, { transformers: [] });
            drawn = one.get().output;
          }
          rows.set(key, drawn);
        }
        out.push(drawn);
      }
      return { output: out.join('\n'), height };
    }
  };
}
