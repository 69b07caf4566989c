/**
 * What a run's output must satisfy whatever the input: no crash report,
 * no dissector bug, nothing raw from the packets on a terminal, JSON that
 * parses, and one -T fields row per frame that could be read.
 */
import type { PipelineRun } from './pipeline-runs.js';

export type FailureKind = 'exception' | 'internal-error' | 'usage-error' | 'dissector-bug' | 'raw-control' | 'invalid-json' | 'row-count' | 'stderr' | 'hang' | 'crash' | 'memory';

export interface Failure {
  readonly kind: FailureKind;
  /** The run it happened in ('worker' for hangs, crashes and memory, which are not tied to one output). */
  readonly run: string;
  readonly message: string;
}

export interface RunOutput {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** What a terminal must never receive raw: C0 controls but tab and newline, DEL, C1 controls. */
const TERMINAL_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
/**
 * On a pipe the formats escape as tshark does: JSON every C0 control
 * (json_dumper.c; the pretty-printing newlines are ours), -T fields
 * backspace, form feed, CR, LF and tab (print_escaped_csv) plus NUL
 * (ws_escape_null); other controls pass through there, as in tshark.
 */
const PIPE_RAW: Record<PipelineRun['name'], RegExp> = {
  tree: TERMINAL_CONTROL,
  json: /[\u0000-\u0009\u000b-\u001f]/,
  fields: /[\u0000\u0008\u000c\u000d]/,
};

function around(s: string, at: number): string {
  return JSON.stringify(s.slice(Math.max(0, at - 60), at + 40));
}

/** A failure's identity across cases: its kind and message with the numbers taken out. */
export function failureSignature(f: Failure): string {
  return `${f.kind}|${f.run}|${f.message.split('\n')[0]!.replace(/\d+/g, 'N').slice(0, 160)}`;
}

/** `file`: the case file's path, which every message about the capture itself names. */
export function checkRunOutput(run: PipelineRun, out: RunOutput, framesReadable: number, file: string): Failure[] {
  const failures: Failure[] = [];
  const fail = (kind: FailureKind, message: string): void => void failures.push({ kind, run: run.name, message });

  const stderrLines = out.stderr.split('\n').filter((l) => l !== '');
  if (/internal error/.test(out.stderr)) fail('internal-error', out.stderr.trim());
  else if (stderrLines.length > 1 || /^\s+at /m.test(out.stderr)) fail('stderr', `more than one line on stderr: ${out.stderr.slice(0, 400)}`);
  if (out.status !== 0 && stderrLines.length === 0) fail('stderr', `exit status ${out.status} without a message`);
  // The command lines are valid: the only usage-class error a case may cause is an unreadable capture.
  if (out.status === 2 && !out.stderr.includes(file)) fail('usage-error', out.stderr.trim());

  const bug = /\[?Dissector bug[^\n]*/.exec(out.stdout);
  if (bug) fail('dissector-bug', bug[0]);

  const control = (run.tty ? TERMINAL_CONTROL : PIPE_RAW[run.name]).exec(out.stdout);
  if (control) fail('raw-control', `raw U+${control[0].charCodeAt(0).toString(16).padStart(4, '0')} at ${control.index}: ${around(out.stdout, control.index)}`);
  const controlErr = TERMINAL_CONTROL.exec(out.stderr);
  if (run.tty && controlErr) fail('raw-control', `raw U+${controlErr[0].charCodeAt(0).toString(16).padStart(4, '0')} on stderr: ${around(out.stderr, controlErr.index)}`);

  // After an internal error the JSON is cut short by it: that is the one failure, not two.
  if (run.name === 'json' && out.stdout.trim() !== '' && !failures.some((f) => f.kind === 'internal-error')) {
    try {
      JSON.parse(out.stdout);
    } catch (err) {
      fail('invalid-json', `${(err as Error).message}`);
    }
  }

  if (run.name === 'fields' && out.status !== 2) {
    const rows = out.stdout.split('\n');
    if (rows[rows.length - 1] === '') rows.pop();
    if (rows.length !== framesReadable) fail('row-count', `${rows.length} -T fields rows for ${framesReadable} readable frames`);
    else {
      const bad = rows.findIndex((r, i) => r.split('\t')[0] !== String(i + 1));
      if (bad >= 0) fail('row-count', `row ${bad + 1} does not start with its frame number: ${JSON.stringify(rows[bad]!.slice(0, 120))}`);
    }
  }
  return failures;
}
