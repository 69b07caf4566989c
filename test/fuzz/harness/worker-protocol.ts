/** Messages between the watchdog (main thread) and the fuzz worker. */
import type { Failure } from './output-checks.js';
import type { PipelineRun } from './pipeline-runs.js';

export interface WorkerSetup {
  /** Int32Array backing: [HEARTBEAT_FRAMES] counts frames dissected. */
  readonly heartbeat: SharedArrayBuffer;
  /** Bytes of external memory a case may keep (see EXTERNAL_MEMORY_BUDGET). */
  readonly externalBudget: number;
  /** A directory of the worker's own for the case file. */
  readonly tmpDir: string;
}

export interface CaseJob {
  readonly id: number;
  readonly bytes: Uint8Array;
  /** File name extension, so the file looks like what it claims to be. */
  readonly ext: 'pcap' | 'pcapng';
  /** The command lines, with CASE_FILE where the file name goes. */
  readonly runs: readonly PipelineRun[];
}

/** Stand-in for the case file's path in CaseJob.runs. */
export const CASE_FILE = '\u0000case-file\u0000';

export type WorkerReply =
  | { readonly type: 'ready' }
  | { readonly type: 'result'; readonly id: number; readonly failures: readonly Failure[]; readonly frames: number };
