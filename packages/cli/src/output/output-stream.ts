import { escapeForTerminal } from './terminal-safety.js';

/** Where output goes: process.stdout, or a collector in tests. */
export interface TextSink {
  write(s: string): unknown;
  isTTY?: boolean;
  on?(event: 'error', listener: (err: NodeJS.ErrnoException) => void): unknown;
  once?(event: 'drain', listener: () => void): unknown;
  writableNeedDrain?: boolean;
}

/**
 * Buffered output: lines are joined into large writes, and a closed pipe
 * (`netdissect ... | head`) ends the run quietly instead of crashing.
 * On a terminal every line is passed through the control-character escaper.
 */
export class OutputStream {
  private buf: string[] = [];
  private size = 0;
  closed = false;
  readonly isTty: boolean;

  constructor(private readonly stream: TextSink) {
    this.isTty = !!stream.isTTY;
    stream.on?.('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') this.closed = true;
      else throw err;
    });
  }

  write(s: string): void {
    if (this.closed) return;
    if (this.isTty) s = escapeForTerminal(s);
    this.buf.push(s);
    this.size += s.length;
    // About 16,000 characters a write: with a non-ASCII character (the summary's "→") the joined
    // string takes two bytes a character, and past 128 KB V8 gives each one pages of its own.
    if (this.size > 1 << 14) this.flush();
  }

  line(s: string): void {
    this.write(s + '\n');
  }

  flush(): void {
    if (!this.buf.length || this.closed) return;
    const s = this.buf.join('');
    this.buf = [];
    this.size = 0;
    this.stream.write(s);
  }

  /** Flush and wait until the stream took the bytes (so exit does not cut output). */
  async end(): Promise<void> {
    this.flush();
    if (this.closed) return;
    const s = this.stream;
    await new Promise<void>((resolve) => {
      if (s.writableNeedDrain && s.once) s.once('drain', () => resolve());
      else resolve();
    });
  }
}
