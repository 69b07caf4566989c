import type { ChildProcess } from 'node:child_process';

/**
 * The output of a child process as it arrives, with waits on what it
 * prints (readiness signals instead of sleeps) and on its exit, each
 * bounded so a broken run fails instead of hanging.
 */
export class ChildOutput {
  stdout = '';
  stderr = '';
  private readonly exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly listeners = new Set<() => void>();

  constructor(readonly child: ChildProcess) {
    child.stdout!.setEncoding('utf8').on('data', (s: string) => {
      this.stdout += s;
      this.notify();
    });
    child.stderr!.setEncoding('utf8').on('data', (s: string) => {
      this.stderr += s;
      this.notify();
    });
    this.exit = new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  }

  /** Resolve once `test` holds for the output so far. */
  waitFor(what: string, test: (o: ChildOutput) => boolean, timeoutMs = 15_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (!test(this)) return;
        cleanup();
        resolve();
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out waiting for ${what}; stdout: ${JSON.stringify(this.stdout.slice(-500))} stderr: ${JSON.stringify(this.stderr.slice(-500))}`));
      }, timeoutMs);
      const onExit = (): void => {
        if (test(this)) return;
        cleanup();
        reject(new Error(`exited while waiting for ${what}; stdout: ${JSON.stringify(this.stdout.slice(-500))} stderr: ${JSON.stringify(this.stderr.slice(-500))}`));
      };
      const cleanup = (): void => {
        clearTimeout(timer);
        this.listeners.delete(check);
        this.child.removeListener('close', onExit);
      };
      this.listeners.add(check);
      this.child.on('close', onExit);
      check();
    });
  }

  /** The exit, once the process ended (and its output was read). */
  exited(timeoutMs = 20_000): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    return Promise.race([
      this.exit,
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(`did not exit in ${timeoutMs} ms; stderr: ${JSON.stringify(this.stderr.slice(-500))}`)), timeoutMs).unref(),
      ),
    ]);
  }

  private notify(): void {
    for (const l of [...this.listeners]) l();
  }
}
