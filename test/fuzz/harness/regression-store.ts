/**
 * fixtures/fuzz-regressions/: each failing case as a capture file plus a
 * sidecar .json saying how it was made (seed, case, source, mutations)
 * and what failed. Every capture there is replayed by
 * test/fuzz/fuzz-regressions.test.ts.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FuzzCase } from './fuzz-case.js';
import { failureSignature, type Failure } from './output-checks.js';
import type { PipelineRun } from './pipeline-runs.js';

/**
 * open: the failure still happens (a bug owned by another package, with
 * `owner` naming it) and the replay checks that it still does, so the
 * fix shows up; fixed: the replay must pass every check.
 */
export type RegressionStatus = 'open' | 'fixed';

export interface RegressionSidecar {
  readonly capture: string;
  readonly seed: number;
  readonly case: number;
  readonly source: string;
  readonly format: 'pcap' | 'pcapng';
  readonly window: readonly [number, number] | null;
  readonly mutations: FuzzCase['mutations'];
  readonly failure: Failure;
  readonly signature: string;
  /** The command line that failed (the case file in place of the path). */
  readonly argv: readonly string[];
  status: RegressionStatus;
  owner?: string;
  note?: string;
}

export const CAPTURE_EXTENSIONS = /\.(pcap|pcapng)$/;

export class RegressionStore {
  constructor(readonly dir: string) {}

  /** Signatures of every saved failure, so a run saves each distinct bug once. */
  knownSignatures(): Set<string> {
    return new Set(this.sidecars().map((s) => s.signature));
  }

  sidecars(): RegressionSidecar[] {
    if (!existsSync(this.dir)) return [];
    return readdirSync(this.dir)
      .filter((n) => n.endsWith('.json'))
      .sort()
      .map((n) => JSON.parse(readFileSync(join(this.dir, n), 'utf8')) as RegressionSidecar);
  }

  /** Capture files in the directory, sorted. */
  captures(): string[] {
    if (!existsSync(this.dir)) return [];
    return readdirSync(this.dir).filter((n) => CAPTURE_EXTENSIONS.test(n)).sort();
  }

  sidecarOf(capture: string): RegressionSidecar | null {
    const p = join(this.dir, capture.replace(CAPTURE_EXTENSIONS, '.json'));
    return existsSync(p) ? (JSON.parse(readFileSync(p, 'utf8')) as RegressionSidecar) : null;
  }

  save(c: FuzzCase, failure: Failure, runs: readonly PipelineRun[]): string {
    mkdirSync(this.dir, { recursive: true });
    const stem = `${c.source.replace(CAPTURE_EXTENSIONS, '').replaceAll('/', '__')}-s${c.seed}-c${c.index}`;
    const capture = `${stem}.${c.format}`;
    writeFileSync(join(this.dir, capture), c.bytes);
    const sidecar: RegressionSidecar = {
      capture, seed: c.seed, case: c.index, source: c.source, format: c.format, window: c.window, mutations: c.mutations,
      failure, signature: failureSignature(failure), argv: runs.find((r) => r.name === failure.run)?.argv ?? [], status: 'open',
    };
    writeFileSync(join(this.dir, `${stem}.json`), `${JSON.stringify(sidecar, null, 2)}\n`);
    return capture;
  }
}
