import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareFieldOutputs, loadFieldSets } from '../support/field-sets.js';
import { corpusAvailable, corpusFiles, goldenName, goldensDir } from '../support/paths.js';
import { runNetdissect } from '../support/run-cli.js';

// For every field set recorded from tshark 4.0, run netdissect with the same
// field list over the whole corpus and compare cell for cell.
describe.skipIf(!corpusAvailable())('-T fields agrees with tshark 4.0', () => {
  // FIELD_SET=dns,http limits the run to those sets (handy while working on one protocol).
  const wanted = process.env.FIELD_SET?.split(',');
  for (const set of loadFieldSets().filter((s) => !wanted || wanted.includes(s.name))) {
    it(`${set.name} (issue ${set.issue}): at least ${(set.minMatch * 100).toFixed(1)}% of non-empty cells`, async () => {
      let cells = 0;
      const mismatches: string[] = [];
      const exactMismatches: string[] = [];
      for (const file of corpusFiles()) {
        const golden = join(goldensDir, set.name, `${goldenName(file)}.tsv`);
        if (!existsSync(golden)) continue;
        const args = ['-r', file, '-T', 'fields', '-E', 'header=y'];
        if (set.twoPass) args.push('-2');
        for (const f of set.fields) args.push('-e', f);
        const r = await runNetdissect(args);
        const cmp = compareFieldOutputs(readFileSync(golden, 'utf8'), r.stdout, set.fields, goldenName(file));
        cells += cmp.cells;
        const unexplained = cmp.mismatches.filter((m) => !set.exceptions?.[m.split(': want')[0]!]);
        mismatches.push(...unexplained);
        if (set.exactIn?.some((prefix) => goldenName(file).startsWith(prefix))) exactMismatches.push(...unexplained);
      }
      expect(exactMismatches.slice(0, 40)).toEqual([]);
      expect(cells).toBeGreaterThan(0);
      const ratio = 1 - mismatches.length / cells;
      if (ratio < set.minMatch) {
        expect.soft(mismatches.slice(0, 40)).toEqual([]);
      }
      expect(ratio).toBeGreaterThanOrEqual(set.minMatch);
    }, 600_000);
  }
});
