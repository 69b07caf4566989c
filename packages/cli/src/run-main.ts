import { runCli } from './cli.js';
import { limitHeapGrowth } from './heap-growth.js';

/** The netdissect process: argv without the node/script prefix; sets the exit status when done. */
export function runMain(argv: readonly string[]): void {
  limitHeapGrowth();
  runCli(argv, { stdout: process.stdout, stderr: process.stderr }).then(
    (status) => {
      process.exitCode = status;
    },
    (err: unknown) => {
      process.stderr.write(`netdissect: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
