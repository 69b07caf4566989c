import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { goldensDir } from '../support/paths.js';
import { compileAll } from './run-filters.js';

interface Recorded {
  message: string | null;
  /** Where tshark's caret line starts, or null when it prints none. */
  position: number | null;
  /** Columns marked ('^' plus '~'s); a zero-length span is still shown as one '^'. */
  length: number | null;
}

const dir = join(goldensDir, 'filters');
const { cases } = JSON.parse(readFileSync(join(dir, 'error-cases.json'), 'utf8')) as { cases: Array<{ filter: string; why: string }> };
const recorded = JSON.parse(readFileSync(join(dir, 'errors.json'), 'utf8')) as { cases: Record<string, Recorded> };

// Invalid filters fail with tshark 4.0's one-line message, marking the
// span tshark's caret line marks (recorded by record-filter-goldens.mjs).
describe('invalid filters are reported as tshark 4.0 reports them', () => {
  const compiled = compileAll(cases.map((c) => c.filter));
  for (const c of cases) {
    it(`${c.why}: ${c.filter}`, () => {
      const want = recorded.cases[c.filter]!;
      const result = compiled.get(c.filter)!;
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.message).toBe(want.message);
      // Where tshark marks nothing, any span will do; where it does, the same one.
      if (want.position !== null) {
        expect({ position: result.error.position, length: Math.max(1, result.error.length) }).toEqual({ position: want.position, length: want.length });
      }
    });
  }
});
