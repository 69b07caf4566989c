import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { failureSignature } from './harness/output-checks.js';
import { EXTERNAL_MEMORY_BUDGET, pipelineRuns } from './harness/pipeline-runs.js';
import { RegressionStore } from './harness/regression-store.js';
import { Watchdog } from './harness/watchdog.js';
import { CASE_FILE } from './harness/worker-protocol.js';
import { repoRoot } from '../support/paths.js';

/**
 * Every capture in fixtures/fuzz-regressions/ goes through the same runs
 * as when the fuzzer found it (rebuilt from its seed and case number). A
 * "fixed" one must now pass every check; an "open" one (a bug in a package
 * owned elsewhere, see its sidecar) must still fail the same way, so the
 * day it is fixed this test says to mark it fixed.
 */
const store = new RegressionStore(join(repoRoot, 'fixtures', 'fuzz-regressions'));
const watchdog = new Watchdog({ frameTimeoutMs: 2000, maxHeapMb: 512, externalBudget: EXTERNAL_MEMORY_BUDGET });
afterAll(() => watchdog.close());

describe('fuzz regressions', () => {
  const captures = store.captures();
  // A suite needs a test; registered only when there is nothing to replay, so a full run reports no skips.
  if (captures.length === 0) it('has nothing to replay yet', () => expect(store.sidecars()).toEqual([]));

  it.each(captures)('%s', async (capture) => {
    const sidecar = store.sidecarOf(capture);
    const ext = capture.endsWith('.pcapng') ? 'pcapng' : 'pcap';
    const runs = sidecar ? pipelineRuns(CASE_FILE, sidecar.seed, sidecar.case) : pipelineRuns(CASE_FILE, 0, 0);
    const outcome = await watchdog.run({ bytes: new Uint8Array(readFileSync(join(store.dir, capture))), ext, runs });
    const found = outcome.failures.map(failureSignature);
    if (sidecar?.status === 'open') {
      expect(found, `${capture} no longer fails: set "status": "fixed" in its sidecar`).toContain(sidecar.signature);
    } else {
      expect(outcome.failures).toEqual([]);
    }
  }, 120_000);
});
