import { describe, expect, it } from 'vitest';
import { cliCaseGolden, loadCliCases } from '../../../../test/support/cli-cases.js';
import { indexedCorpusCapture } from './support/tui-harness.js';

// A capture file's packet list works its Info column out when a row is drawn, by dissecting the
// frame again (visited), as Wireshark fills its list; that is the text of tshark's second pass (-2),
// which differs from the first pass on segments of reassembled PDUs. Goldens: tshark -2 -e _ws.col.Info.
describe('Info column of a capture file, worked out when rows are drawn', () => {
  for (const c of loadCliCases().filter((k) => k.name.startsWith('info-2-'))) {
    const rel = c.args[c.args.length - 1]!.slice(1);
    it(`equals tshark -2's Info on every frame of ${rel}`, async () => {
      const want = cliCaseGolden(c)
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => l.slice(l.indexOf('\t') + 1));
      const model = await indexedCorpusCapture(rel);
      expect(model.index.count).toBe(want.length);
      // Last row first, as a jump to the end draws it: each row is a revisit of its frame alone.
      const got: string[] = [];
      for (let no = model.index.count; no >= 1; no--) got[no - 1] = model.index.row(no).info;
      expect(got).toEqual(want);
      await model.close();
    });
  }
});
