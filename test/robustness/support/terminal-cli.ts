/** netdissect in-process with stdout on a terminal-like sink ({ write, isTTY: true }) or a pipe. */
import { runCli } from '@netdissect/cli';

export interface CliOutput {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function netdissect(argv: readonly string[], opts: { tty: boolean }): Promise<CliOutput> {
  let stdout = '';
  let stderr = '';
  const status = await runCli(opts.tty ? ['--no-tui', ...argv] : argv, {
    stdout: { write: (s: string) => void (stdout += s), isTTY: opts.tty },
    stderr: { write: (s: string) => void (stderr += s), isTTY: opts.tty },
  });
  return { status, stdout, stderr };
}

/** Control characters a terminal would act on: C0 but tab and newline, DEL, C1. */
export const RAW_TERMINAL_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
