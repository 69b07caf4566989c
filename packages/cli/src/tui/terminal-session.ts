import { openSync } from 'node:fs';
import { ReadStream, type WriteStream } from 'node:tty';
import { render } from 'ink';
import { createElement } from 'react';
import { UsageError } from '../usage-error.js';
import { clearAlternateScreen } from './alternate-screen.js';
import { App } from './app.js';
import type { CaptureModel } from './capture-model.js';
import { ErrorBoundary } from './error-boundary.js';
import { prioritizeInput } from './input-priority.js';

/** Keys come from the terminal even when the capture itself arrives on standard input. */
function keyboard(captureOnStdin: boolean): NodeJS.ReadStream {
  if (!captureOnStdin && process.stdin.isTTY) return process.stdin;
  try {
    return new ReadStream(openSync('/dev/tty', 'r')) as unknown as NodeJS.ReadStream;
  } catch {
    throw new UsageError('the terminal UI needs a terminal to read keys from; use --no-tui');
  }
}

/**
 * How long a file's first screen waits for its first frames: they are
 * indexed within milliseconds, and drawing once with them is quicker than
 * drawing an empty screen first (Ink's first render is its slowest).
 */
const FIRST_FRAMES_MS = 250;

/** Resolves when the first pass reports its first frames (or its end), at the latest after `ms`. */
function firstFrames(model: CaptureModel, ms: number): Promise<void> {
  const { indexer } = model;
  if (indexer.changed.version > 0 || !indexer.running) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      unsubscribe();
      resolve();
    };
    const timer = setTimeout(done, ms);
    const unsubscribe = indexer.changed.subscribe(done);
  });
}

/**
 * Run the UI on the terminal (already on its alternate screen) until the
 * user quits: first pass started, Ink app up, and on the way out (however
 * it ends) the capture closed and the keyboard given back. A failure while
 * drawing is rethrown once the UI is down.
 */
export async function runTerminalSession(model: CaptureModel, stdout: WriteStream, captureOnStdin: boolean): Promise<void> {
  let stdin: NodeJS.ReadStream;
  try {
    stdin = keyboard(captureOnStdin);
  } catch (e) {
    await model.close();
    throw e;
  }
  let failure: unknown = null;
  let stopping = false;
  let quit = (): void => {
    stopping = true;
  };
  // The terminal went away (hangup): stop quietly instead of dying on the next write.
  const onOutputError = (): void => quit();
  stdout.on('error', onOutputError);
  // Asked to stop from outside (kill, a closed terminal window): leave as cleanly as with q.
  const onSignal = (): void => quit();
  const signals: NodeJS.Signals[] = ['SIGTERM', 'SIGHUP', 'SIGINT'];
  for (const s of signals) process.on(s, onSignal);
  const unprioritize = prioritizeInput(stdin, stdout as unknown as NodeJS.WriteStream);
  try {
    void model.start();
    // A live capture shows its (maybe empty) screen at once.
    if (!model.live) await firstFrames(model, FIRST_FRAMES_MS);
    if (stopping) return;
    clearAlternateScreen(stdout);
    const instance = render(
      createElement(ErrorBoundary, {
        onError: (e: unknown) => {
          failure = e;
          instance.unmount();
        },
        children: createElement(App, { model }),
      }),
      { stdout: stdout as unknown as NodeJS.WriteStream, stdin, exitOnCtrlC: true, patchConsole: false, maxFps: 60 },
    );
    quit = () => instance.unmount();
    await instance.waitUntilExit();
  } finally {
    // A pipe that has nothing more to say would keep the read (and the process) waiting forever.
    if (captureOnStdin) process.stdin.destroy();
    unprioritize();
    await model.close();
    for (const s of signals) process.removeListener(s, onSignal);
    stdout.removeListener('error', onOutputError);
    if (stdin !== process.stdin) stdin.destroy();
  }
  if (failure) throw failure instanceof Error ? failure : new Error(String(failure));
}
