import { runCli } from '@netdissect/cli';

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** Run netdissect in-process and capture its output. */
export async function runNetdissect(argv: string[]): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const status = await runCli(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
  });
  return { status, stdout, stderr };
}
