/**
 * Runs cases in one worker thread and watches it: a frame that takes
 * longer than the per-frame limit is a hang (after one retry with ten
 * times the limit, so a loaded machine is not mistaken for a hang), a
 * worker that dies (exception, heap limit) is a crash. Either way the
 * worker is replaced and the run goes on.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { HEARTBEAT_FRAMES } from './frame-heartbeat.js';
import type { Failure } from './output-checks.js';
import type { CaseJob, WorkerReply, WorkerSetup } from './worker-protocol.js';

export interface WatchdogOptions {
  /** Longest a single frame may take (all runs of a case count frames as they go). */
  readonly frameTimeoutMs: number;
  /** JS heap the worker may use; beyond it the worker dies, which is reported as a crash. */
  readonly maxHeapMb: number;
  /** External memory budget handed to the worker's own checks. */
  readonly externalBudget: number;
}

export interface CaseOutcome {
  readonly failures: readonly Failure[];
  /** Frames the reader could deliver (0 when the worker did not finish). */
  readonly frames: number;
  /** The case exceeded the per-frame limit once and finished on the slower retry. */
  readonly slow: boolean;
}

const WORKER_URL = new URL('./fuzz-worker.ts', import.meta.url);
const REGISTER_TS_URL = new URL('../../../scripts/fuzz/register-ts.mjs', import.meta.url);
const POLL_MS = 100;
const START_TIMEOUT_MS = 120_000;

type Ending = { kind: 'reply'; reply: WorkerReply & { type: 'result' } } | { kind: 'hang'; message: string } | { kind: 'crash'; message: string };

export class Watchdog {
  private worker: Worker | null = null;
  private readonly heartbeat = new SharedArrayBuffer(4);
  private readonly counter = new Int32Array(this.heartbeat);
  private readonly tmpDir = mkdtempSync(join(tmpdir(), 'netdissect-fuzz-'));
  private nextId = 1;
  /** Workers started, including replacements after hangs and crashes. */
  workersStarted = 0;

  constructor(private readonly opts: WatchdogOptions) {}

  async run(job: Omit<CaseJob, 'id'>): Promise<CaseOutcome> {
    const first = await this.attempt(job, this.opts.frameTimeoutMs);
    if (first.kind !== 'hang') return this.outcome(first, false);
    const second = await this.attempt(job, this.opts.frameTimeoutMs * 10);
    return this.outcome(second, second.kind === 'reply');
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
    this.worker = null;
    rmSync(this.tmpDir, { recursive: true, force: true });
  }

  private outcome(e: Ending, slow: boolean): CaseOutcome {
    switch (e.kind) {
      case 'reply':
        return { failures: e.reply.failures, frames: e.reply.frames, slow };
      case 'hang':
      case 'crash':
        return { failures: [{ kind: e.kind, run: 'worker', message: e.message }], frames: 0, slow: false };
    }
  }

  private async start(): Promise<Worker> {
    const setup: WorkerSetup = { heartbeat: this.heartbeat, externalBudget: this.opts.externalBudget, tmpDir: this.tmpDir };
    const worker = new Worker(WORKER_URL, {
      workerData: setup,
      execArgv: ['--import', REGISTER_TS_URL.href],
      resourceLimits: { maxOldGenerationSizeMb: this.opts.maxHeapMb },
      stdout: false,
      stderr: false,
    });
    this.workersStarted++;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('fuzz worker did not start')), START_TIMEOUT_MS);
      worker.once('message', (m: WorkerReply) => {
        clearTimeout(timer);
        if (m.type === 'ready') resolve();
        else reject(new Error(`fuzz worker sent ${m.type} before ready`));
      });
      worker.once('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
    });
    return worker;
  }

  private async attempt(job: Omit<CaseJob, 'id'>, timeoutMs: number): Promise<Ending> {
    const worker = (this.worker ??= await this.start());
    const id = this.nextId++;
    const ending = await new Promise<Ending>((resolve) => {
      let frames = Atomics.load(this.counter, HEARTBEAT_FRAMES);
      const startFrames = frames;
      // No record is shorter than 12 bytes, and each run dissects a frame at most twice (-2): far more means a run that never ends.
      const records = Math.ceil(job.bytes.length / 12) + 50;
      const maxFrames = startFrames + 10 * job.runs.length * records;
      let lastProgress = Date.now();
      const finish = (e: Ending): void => {
        clearInterval(poll);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        resolve(e);
      };
      const onMessage = (m: WorkerReply): void => {
        if (m.type === 'result' && m.id === id) finish({ kind: 'reply', reply: m });
      };
      const onError = (err: Error): void => finish({ kind: 'crash', message: err.stack ?? err.message });
      const onExit = (code: number): void => finish({ kind: 'crash', message: `worker exited with code ${code}` });
      const poll = setInterval(() => {
        const now = Atomics.load(this.counter, HEARTBEAT_FRAMES);
        if (now !== frames) {
          frames = now;
          lastProgress = Date.now();
        }
        if (Date.now() - lastProgress > timeoutMs) finish({ kind: 'hang', message: `one frame took over ${timeoutMs} ms (${now - startFrames} frame(s) dissected before it)` });
        else if (now > maxFrames) finish({ kind: 'hang', message: `${now - startFrames} frames dissected for a file of at most ${records} records: a run that does not end` });
      }, POLL_MS);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage({ ...job, id } satisfies CaseJob);
    });
    if (ending.kind !== 'reply') {
      // A hung or dead worker is not reused.
      this.worker = null;
      await worker.terminate();
    }
    return ending;
  }
}
