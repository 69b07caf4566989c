import { expect } from 'vitest';
import { runCli } from '@netdissect/cli';

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

/**
 * Run netdissect in-process and capture its output. Standard output is
 * taken as bytes, as a pipe takes it, and read as UTF-8 (as a golden file is):
 * values that kept bytes which are not UTF-8 arrive as those bytes.
 */
export async function runNetdissect(argv: string[]): Promise<CliResult> {
  const stdout: Buffer[] = [];
  let stderr = '';
  const status = await runCli(argv, {
    stdout: { write: (s: string | Uint8Array) => void stdout.push(Buffer.from(s)), takesBytes: true },
    stderr: { write: (s: string | Uint8Array) => (stderr += String(s)) },
  });
  return { status, stdout: Buffer.concat(stdout).toString('utf8'), stderr };
}

/**
 * Run netdissect with arguments it must refuse: status 2, nothing on
 * standard output, one line on standard error, returned for its wording.
 */
export async function refusedLine(argv: string[]): Promise<string> {
  const r = await runNetdissect(argv);
  expect(r.status).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  return r.stderr;
}
