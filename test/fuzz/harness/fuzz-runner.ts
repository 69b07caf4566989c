/**
 * The fuzz loop: build case after case from the seeds, run each through
 * the watched worker, save each new kind of failure as a regression
 * capture, and stop after a number of cases, of mutated packets, or of
 * seconds, whichever comes first.
 */
import { relative } from 'node:path';
import { buildCase, type FuzzCase } from './fuzz-case.js';
import { failureSignature, type Failure } from './output-checks.js';
import { EXTERNAL_MEMORY_BUDGET, pipelineRuns } from './pipeline-runs.js';
import type { RegressionStore } from './regression-store.js';
import { loadSeed, SeedPayloads, type SeedCapture } from './seed-corpus.js';
import { Watchdog } from './watchdog.js';
import { CASE_FILE } from './worker-protocol.js';

export interface FuzzOptions {
  readonly seed: number;
  /** Capture files to start from, and the directory their names are given relative to. */
  readonly corpus: readonly string[];
  readonly corpusDir: string;
  /** Crafted captures to start from too, named relative to the repository (`repoRoot`). */
  readonly crafted?: readonly string[];
  readonly repoRoot?: string;
  readonly maxCases?: number;
  readonly maxPackets?: number;
  readonly maxSeconds?: number;
  /** Most frames a case takes from its seed (DEFAULT_MAX_WINDOW). */
  readonly maxWindow?: number;
  /** Where new failures are saved; null to only report them. */
  readonly store: RegressionStore | null;
  readonly frameTimeoutMs?: number;
  readonly maxHeapMb?: number;
  /** Progress lines (the long run prints one every few seconds). */
  readonly progress?: (line: string) => void;
  /** Ends the run after the current case (the long run's SIGINT/SIGTERM), so the summary still prints. */
  readonly stop?: AbortSignal;
}

export interface FailedCase {
  readonly source: string;
  readonly index: number;
  readonly failure: Failure;
  /** Saved regression capture, or null when an earlier case already saved this signature. */
  readonly saved: string | null;
}

export interface FuzzSummary {
  readonly seed: number;
  readonly captures: number;
  readonly cases: number;
  readonly packetsMutated: number;
  readonly framesRun: number;
  readonly slowCases: number;
  readonly seconds: number;
  readonly failures: readonly FailedCase[];
}

const PROGRESS_EVERY_MS = 30_000;

export async function runFuzz(opts: FuzzOptions): Promise<FuzzSummary> {
  const started = Date.now();
  const seeds: SeedCapture[] = [];
  for (const path of opts.corpus) seeds.push(await loadSeed(path, relative(opts.corpusDir, path)));
  for (const path of opts.crafted ?? []) seeds.push(await loadSeed(path, relative(opts.repoRoot ?? opts.corpusDir, path)));
  const donors = new SeedPayloads(seeds);
  const known = opts.store?.knownSignatures() ?? new Set<string>();
  const watchdog = new Watchdog({ frameTimeoutMs: opts.frameTimeoutMs ?? 2000, maxHeapMb: opts.maxHeapMb ?? 512, externalBudget: EXTERNAL_MEMORY_BUDGET });
  const failures: FailedCase[] = [];
  let cases = 0;
  let packetsMutated = 0;
  let framesRun = 0;
  let slowCases = 0;
  let lastProgress = started;
  const done = (): boolean =>
    opts.stop?.aborted === true ||
    cases >= (opts.maxCases ?? Infinity) || packetsMutated >= (opts.maxPackets ?? Infinity) || (Date.now() - started) / 1000 >= (opts.maxSeconds ?? Infinity);
  try {
    // The next case is built while the worker runs the current one.
    let next: Promise<FuzzCase> = buildCase(opts.seed, 0, seeds, donors, opts.maxWindow);
    while (!done()) {
      const c = await next;
      next = buildCase(opts.seed, c.index + 1, seeds, donors, opts.maxWindow);
      const runs = pipelineRuns(CASE_FILE, c.seed, c.index);
      const outcome = await watchdog.run({ bytes: c.bytes, ext: c.format, runs });
      cases++;
      packetsMutated += c.mutatedPackets;
      framesRun += outcome.frames;
      if (outcome.slow) slowCases++;
      for (const f of outcome.failures) {
        const sig = failureSignature(f);
        const saved = opts.store && !known.has(sig) ? opts.store.save(c, f, runs) : null;
        known.add(sig);
        failures.push({ source: c.source, index: c.index, failure: f, saved });
        opts.progress?.(`FAIL case ${c.index} (${c.source}): ${f.kind} in ${f.run}: ${f.message.split('\n')[0]}${saved ? ` -> ${saved}` : ''}`);
      }
      if (opts.progress && Date.now() - lastProgress >= PROGRESS_EVERY_MS) {
        lastProgress = Date.now();
        opts.progress(`${cases} cases, ${packetsMutated} packets mutated, ${framesRun} frames run, ${failures.length} failure(s), ${((Date.now() - started) / 1000).toFixed(0)} s`);
      }
    }
    await next.catch(() => undefined);
  } finally {
    await watchdog.close();
  }
  return { seed: opts.seed, captures: seeds.length, cases, packetsMutated, framesRun, slowCases, seconds: (Date.now() - started) / 1000, failures };
}

/** The closing lines: packets mutated, captures, seed, failures. */
export function summaryText(s: FuzzSummary): string {
  const lines = [
    `fuzz: ${s.packetsMutated} packets mutated in ${s.cases} cases (${s.framesRun} frames run) from ${s.captures} captures, seed ${s.seed}, ${s.seconds.toFixed(1)} s`,
    `fuzz: ${s.failures.length} failure(s)${s.slowCases ? `; ${s.slowCases} case(s) needed the slow retry` : ''}`,
  ];
  for (const f of s.failures.slice(0, 50)) lines.push(`  case ${f.index} (${f.source}): ${f.failure.kind} in ${f.failure.run}: ${f.failure.message.split('\n')[0]}${f.saved ? ` [saved ${f.saved}]` : ''}`);
  if (s.failures.length > 50) lines.push(`  ... and ${s.failures.length - 50} more`);
  return lines.join('\n');
}
