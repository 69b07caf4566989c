import { describe, expect, it } from 'vitest';
import { cliCaseArgs, cliCaseGolden, firstDifference, loadCliCases } from '../support/cli-cases.js';
import { corpusAvailable } from '../support/paths.js';
import { runNetdissect } from '../support/run-cli.js';

// Whole-command output byte for byte against tshark 4.0: -V, -O, -x, -T json, -E options, -z tables.
// CLI_CASE=substring runs only matching cases.
const only = process.env.CLI_CASE;
const cases = loadCliCases().filter((c) => !only || c.name.includes(only));

describe.skipIf(!corpusAvailable())('netdissect output equals tshark', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const r = await runNetdissect(cliCaseArgs(c));
    expect(r.stderr).toBe('');
    const diff = firstDifference(cliCaseGolden(c), r.stdout);
    expect(diff, diff ?? '').toBeNull();
  });
});
