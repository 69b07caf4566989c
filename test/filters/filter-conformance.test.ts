import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { corpusAvailable, corpusFiles, goldenName, goldensDir } from '../support/paths.js';
import { compileAll, framesPassing, parseRanges, type Compiled } from './run-filters.js';

interface FilterCase {
  filter: string;
  /** The package whose fields the filter reads ("core", "dns", "http"...). */
  needs: string;
  covers: string;
  /** Share of frames (over the union of both sides) that must agree; 1 unless a known gap is explained in `note`. */
  minMatch?: number;
  note?: string;
  /** Captures left out, with the reason (a known difference outside the filter engine). */
  exceptions?: Record<string, string>;
}

const dir = join(goldensDir, 'filters');
const { filters } = JSON.parse(readFileSync(join(dir, 'filters.json'), 'utf8')) as { filters: FilterCase[] };
const golden = JSON.parse(readFileSync(join(dir, 'frames.json'), 'utf8')) as { frames: Record<string, Record<string, string>> };

// For every filter, the frames of every corpus capture that pass must be
// those tshark 4.0 lets through with -Y (recorded by
// packages/filter/test/record-filter-goldens.mjs).
describe.skipIf(!corpusAvailable())('display filters select the frames tshark 4.0 selects', () => {
  let compiled: Map<string, Compiled>;
  /** filter -> capture -> frames netdissect passes */
  const ours = new Map<string, Map<string, number[]>>();

  beforeAll(async () => {
    compiled = compileAll(filters.map((f) => f.filter));
    const runnable = filters.flatMap((f) => {
      const c = compiled.get(f.filter)!;
      return c.ok ? [{ text: f.filter, filter: c.filter }] : [];
    });
    for (const r of runnable) ours.set(r.text, new Map());
    for (const file of corpusFiles()) {
      const passing = await framesPassing(file, runnable.map((r) => r.filter));
      runnable.forEach((r, i) => {
        if (passing[i]!.length) ours.get(r.text)!.set(goldenName(file), passing[i]!);
      });
    }
  }, 600_000);

  for (const c of filters) {
    const minMatch = c.minMatch ?? 1;
    it(`${c.filter}  [${c.needs}: ${c.covers}]`, () => {
      const result = compiled.get(c.filter)!;
      if (!result.ok) {
        // Fields of a protocol package still being written may not exist yet.
        if (minMatch > 0) expect.fail(`does not compile: ${result.error.message}`);
        return;
      }
      const want = golden.frames[c.filter] ?? {};
      const got = ours.get(c.filter)!;
      const differences: string[] = [];
      let union = 0;
      let disagree = 0;
      for (const capture of new Set([...Object.keys(want), ...got.keys()])) {
        if (c.exceptions?.[capture]) continue;
        const w = new Set(want[capture] ? parseRanges(want[capture]) : []);
        const g = new Set(got.get(capture) ?? []);
        const missing = [...w].filter((n) => !g.has(n));
        const extra = [...g].filter((n) => !w.has(n));
        union += new Set([...w, ...g]).size;
        disagree += missing.length + extra.length;
        if (missing.length || extra.length) differences.push(`${capture}: missing [${missing.slice(0, 8)}] extra [${extra.slice(0, 8)}]`);
      }
      const agreement = union === 0 ? 1 : 1 - disagree / union;
      if (agreement < minMatch) expect.soft(differences.slice(0, 10)).toEqual([]);
      expect(agreement).toBeGreaterThanOrEqual(minMatch);
    });
  }
});
