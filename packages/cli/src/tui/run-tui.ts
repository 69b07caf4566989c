import { WriteStream } from 'node:tty';
import type { CliIo } from '../cli.js';
import type { CliOptions } from '../cli-options.js';
import { escapeForTerminal } from '../output/terminal-safety.js';
import { UsageError } from '../usage-error.js';
import { enterAlternateScreen } from './alternate-screen.js';

/**
 * Run `load` (importing Ink) with the global fetch hidden: Ink's layout
 * engine (yoga-layout) then decodes its inlined WebAssembly directly
 * instead of fetching it from a data: URL, which first loads Node's whole
 * HTTP client — some 50 ms of the time to the first screen.
 */
async function withoutFetch<T>(load: () => Promise<T>): Promise<T> {
  const saved = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
  if (!saved?.configurable) return load();
  Object.defineProperty(globalThis, 'fetch', { value: undefined, configurable: true, writable: true });
  try {
    return await load();
  } finally {
    Object.defineProperty(globalThis, 'fetch', saved);
  }
}

/**
 * The terminal UI (issue 7): open the capture (a file, "-", or an
 * interface with -i), index it in the background while the first screen
 * is already up, and browse until the user quits.
 * Returns the exit status; a failure is thrown as a one-line error for the
 * CLI to print, after the terminal has been restored.
 */
export async function runTui(o: CliOptions, io: CliIo): Promise<number> {
  const stdout = io.stdout;
  if (!(stdout instanceof WriteStream)) throw new UsageError('the terminal UI needs a terminal on standard output; use --no-tui');
  // Something on the screen at once: loading Ink and React takes a while on a slow machine.
  const leave = enterAlternateScreen(stdout, `netdissect: opening ${escapeForTerminal(o.readFile ?? o.interface ?? '', false)}…`);
  try {
    // React's development build renders several times slower; pick the production one before React loads.
    process.env['NODE_ENV'] ??= 'production';
    const { compileDisplayFilter, isFilterProblem } = await import('./display-filter.js');
    const { openCaptureFile } = await import('./open-capture.js');
    const { sessionOptions } = await import('./session-options.js');
    const { runTerminalSession } = await withoutFetch(() => import('./terminal-session.js'));
    // -Y applies from the start, as the filter bar would; a bad one is a usage error before anything opens.
    const initialFilter = o.displayFilter ? compileDisplayFilter(o.displayFilter) : null;
    if (initialFilter && isFilterProblem(initialFilter)) throw new UsageError(`invalid display filter "${o.displayFilter}": ${initialFilter.message}`);
    const model = o.readFile ? await openCaptureFile(o.readFile, sessionOptions(o)) : await (await import('./open-interface.js')).openInterface(o);
    if (initialFilter && !isFilterProblem(initialFilter)) model.applyFilter(initialFilter);
    await runTerminalSession(model, stdout, o.readFile === '-');
  } finally {
    leave();
  }
  return 0;
}
