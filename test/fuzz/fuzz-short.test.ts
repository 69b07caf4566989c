import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { runFuzz, summaryText } from './harness/fuzz-runner.js';
import { RegressionStore } from './harness/regression-store.js';
import { corpusAvailable, corpusDir, corpusFiles, repoRoot } from '../support/paths.js';

/**
 * The short fuzz run of `npm test`: one mutated case per seed capture (so
 * every capture of the corpus is used), each through -V, -T json, -T fields,
 * summaries, a display filter and statistics, in a watched worker. Fixed
 * seed, so it is the same run every time; `npm run fuzz` is the long one.
 */
const SEED = 20_240_610;

describe.skipIf(!corpusAvailable())('fuzz (short run)', () => {
  it('mutated captures from every seed go through the whole pipeline without a failure', async () => {
    const corpus = corpusFiles();
    const summary = await runFuzz({
      seed: SEED,
      corpus,
      corpusDir,
      maxCases: corpus.length,
      // Short windows keep the run to about 20 s (the long run takes up to 64 frames); the time bound keeps
      // `npm test` under its minute on a machine so loaded that the run would not finish every seed.
      maxWindow: 8,
      maxSeconds: 45,
      store: new RegressionStore(join(repoRoot, 'fixtures', 'fuzz-regressions')),
    });
    console.log(summaryText(summary));
    expect(summary.captures).toBe(corpus.length);
    if (summary.seconds < 45) expect(summary.cases).toBe(corpus.length);
    expect(summary.packetsMutated).toBeGreaterThanOrEqual(summary.cases);
    expect(summary.framesRun).toBeGreaterThan(0);
    expect(summary.failures.map((f) => `${f.source} case ${f.index}: ${f.failure.kind} in ${f.failure.run}: ${f.failure.message}`)).toEqual([]);
  }, 120_000);
});
