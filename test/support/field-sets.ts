import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { goldensDir } from './paths.js';

/** A field list recorded from tshark for every corpus capture (fixtures/goldens/field-sets). */
export interface FieldSet {
  name: string;
  issue: number;
  twoPass: boolean;
  /** Share of non-empty cells that must agree with tshark (1 = all). */
  minMatch: number;
  /** Golden-name prefixes (e.g. "tcp__" for ../shared/captures/tcp/) where every cell must agree. */
  exactIn?: string[];
  fields: string[];
  /** Known, explained disagreements: "golden-name:line:field" -> reason. */
  exceptions?: Record<string, string>;
}

export function loadFieldSets(): FieldSet[] {
  const dir = join(goldensDir, 'field-sets');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as FieldSet);
}

export interface CellComparison {
  cells: number;
  mismatches: string[];
}

/** Compare two -T fields outputs (with header) cell by cell, ignoring cells empty on both sides. */
export function compareFieldOutputs(want: string, got: string, fields: string[], label: string): CellComparison {
  const w = want.split('\n');
  const g = got.split('\n');
  const mismatches: string[] = [];
  let cells = 0;
  const n = Math.max(w.length, g.length);
  for (let i = 0; i < n; i++) {
    const wc = (w[i] ?? '').split('\t');
    const gc = (g[i] ?? '').split('\t');
    for (let c = 0; c < Math.max(wc.length, gc.length); c++) {
      const a = wc[c] ?? '';
      const b = gc[c] ?? '';
      if (a === '' && b === '') continue;
      cells++;
      if (a !== b) mismatches.push(`${label}:${i}:${fields[c] ?? c}: want ${JSON.stringify(a)} got ${JSON.stringify(b)}`);
    }
  }
  return { cells, mismatches };
}
