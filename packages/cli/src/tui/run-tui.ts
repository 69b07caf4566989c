import { WriteStream } from 'node:tty';
import type { CliIo } from '../cli.js';
import type { CliOptions } from '../cli-options.js';
import { UsageError } from '../usage-error.js';

/**
 * The terminal UI (issue 7): open the capture, index it in the background
 * while the first screen is already up, and browse until the user quits.
 * Returns the exit status; a failure is thrown as a one-line error for the
 * CLI to print, after the terminal has been restored.
 */
export async function runTui(o: CliOptions, io: CliIo): Promise<number> {
  if (!o.readFile) throw new UsageError('live capture (-i) is not available in the terminal UI yet; read a file with -r');
  const stdout = io.stdout;
  if (!(stdout instanceof WriteStream)) throw new UsageError('the terminal UI needs a terminal on standard output; use --no-tui');
  // React's development build renders several times slower; pick the production one before React loads.
  process.env['NODE_ENV'] ??= 'production';
  const { compileDisplayFilter, isFilterProblem } = await import('./display-filter.js');
  const { openCaptureFile } = await import('./open-capture.js');
  const { sessionOptions } = await import('./session-options.js');
  const { runTerminalSession } = await import('./terminal-session.js');
  // -Y applies from the start, as the filter bar would; a bad one is a usage error before anything opens.
  const initialFilter = o.displayFilter ? compileDisplayFilter(o.displayFilter) : null;
  if (initialFilter && isFilterProblem(initialFilter)) throw new UsageError(`invalid display filter "${o.displayFilter}": ${initialFilter.message}`);
  const model = await openCaptureFile(o.readFile, sessionOptions(o));
  if (initialFilter && !isFilterProblem(initialFilter)) model.applyFilter(initialFilter);
  await runTerminalSession(model, stdout, o.readFile === '-');
  return 0;
}
