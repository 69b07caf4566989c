/**
 * The fuzz worker thread: writes each case to a file, runs netdissect on
 * it in-process (runCli, as the command does) for every pipeline run and
 * checks the outputs. A hang or a crash here takes only this thread down;
 * the watchdog on the main thread notices and starts another.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parentPort, workerData } from 'node:worker_threads';
import { runCli } from '@netdissect/cli';
import { CaptureReader } from '@netdissect/core';
import { installFrameHeartbeat } from './frame-heartbeat.js';
import { checkRunOutput, type Failure, type RunOutput } from './output-checks.js';
import type { PipelineRun } from './pipeline-runs.js';
import { CASE_FILE, type CaseJob, type WorkerReply, type WorkerSetup } from './worker-protocol.js';

const setup = workerData as WorkerSetup;
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const memory = installFrameHeartbeat(new Int32Array(setup.heartbeat), setup.externalBudget, gc);
const port = parentPort!;

/** Records the reader delivers before the end or the damage: the frames every output must show. */
async function readableFrames(path: string): Promise<number> {
  let n = 0;
  try {
    const reader = await CaptureReader.open(path);
    try {
      for await (const batch of reader.batches()) n += batch.length;
    } finally {
      await reader.close();
    }
  } catch {
    // Damage ends the count; the CLI reports it.
  }
  return n;
}

async function runOne(run: PipelineRun, path: string): Promise<RunOutput> {
  let stdout = '';
  let stderr = '';
  const argv = run.argv.map((a) => (a === CASE_FILE ? path : a));
  const status = await runCli(argv, {
    stdout: { write: (s: string) => void (stdout += s), isTTY: run.tty },
    stderr: { write: (s: string) => void (stderr += s), isTTY: run.tty },
  });
  return { status, stdout, stderr };
}

async function runCase(job: CaseJob): Promise<WorkerReply> {
  const path = join(setup.tmpDir, `case.${job.ext}`);
  writeFileSync(path, job.bytes);
  const frames = await readableFrames(path);
  const failures: Failure[] = [];
  for (const run of job.runs) {
    try {
      failures.push(...checkRunOutput(run, await runOne(run, path), frames, path));
    } catch (err) {
      failures.push({ kind: 'exception', run: run.name, message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    }
  }
  if (memory.overBudget !== null) {
    failures.push({ kind: 'memory', run: 'worker', message: memory.overBudget });
    memory.overBudget = null;
  }
  return { type: 'result', id: job.id, failures, frames };
}

port.on('message', (job: CaseJob) => {
  void runCase(job).then((reply) => port.postMessage(reply));
});
port.postMessage({ type: 'ready' } satisfies WorkerReply);
