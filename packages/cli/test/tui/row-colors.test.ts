import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../../../test/support/paths.js';
import { DEFAULT_COLOR_RULES } from '../../src/tui/color-rules.js';
import { indexedCorpusCapture } from './support/tui-harness.js';

const goldens = JSON.parse(readFileSync(join(repoRoot, 'test', 'tui', 'fixtures', 'coloring-rules.json'), 'utf8')) as Record<string, string[]>;
const ours = new Set(DEFAULT_COLOR_RULES.map((r) => r.name));

describe('packet list colours', () => {
  it('every default rule compiles with the display-filter language', async () => {
    const { compileFilter } = await import('@netdissect/filter');
    for (const r of DEFAULT_COLOR_RULES) expect(() => compileFilter(r.filter), r.name).not.toThrow();
  });

  for (const [file, want] of Object.entries(goldens)) {
    it(`colours ${file} as tshark --color does`, async () => {
      const model = await indexedCorpusCapture(file);
      expect(model.index.count).toBe(want.length);
      const mismatches: string[] = [];
      for (let no = 1; no <= want.length; no++) {
        const w = want[no - 1]!;
        // Rules for protocols netdissect does not dissect (SMB, DCERPC, routing) are left out; such frames fall to a later rule.
        if (w !== '' && !ours.has(w)) continue;
        const got = model.colorizer.colorOf(no)?.name ?? '';
        if (got !== w) mismatches.push(`frame ${no}: tshark ${w || '(none)'}, netdissect ${got || '(none)'}`);
      }
      expect(mismatches).toEqual([]);
      await model.close();
    });
  }
});
