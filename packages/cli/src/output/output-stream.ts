import { Writable } from 'node:stream';
import { hasRawBytes, rawStringBytes } from '@netdissect/core';
import { escapeForTerminal } from './terminal-safety.js';

/** Bytes a write of formatted lines carries. */
const CHUNK_BYTES = 1 << 16;
/** What must be left of a chunk after a flush to keep writing into it. */
const MIN_CHUNK_REST = 1 << 12;

/** Where output goes: process.stdout, or a collector in tests. */
export interface TextSink {
  /** Strings, or bytes when the sink is a Node stream (see OutputStream's byte methods). */
  write(s: string | Uint8Array): unknown;
  isTTY?: boolean;
  on?(event: 'error', listener: (err: NodeJS.ErrnoException) => void): unknown;
  once?(event: 'drain', listener: () => void): unknown;
  writableNeedDrain?: boolean;
  /** A collector that is given bytes as a Node stream is (tests of what a pipe receives). */
  takesBytes?: boolean;
}

/**
 * Buffered output: lines are joined into large writes, and a closed pipe
 * (`netdissect ... | head`) ends the run quietly instead of crashing.
 * On a terminal every line is passed through the control-character escaper.
 *
 * A printer that writes one line per frame (the summary) can format its
 * lines as bytes instead (`room` and the `put` methods), which skips
 * building each line as a string and copying it twice more (joined, then
 * encoded). Those methods do not escape: printers use them only when not
 * on a terminal. Text and bytes keep their order (each kind flushes the
 * other's before it is added).
 */
export class OutputStream {
  private buf: string[] = [];
  /** Whether `buf` holds text from writeValues. */
  private textHoldsValues = false;
  private size = 0;
  /** Bytes from the put methods, not yet written. */
  private chunk: Buffer | null = null;
  private used = 0;
  closed = false;
  readonly isTty: boolean;
  /** A Node stream is given bytes; a collector (tests) strings. */
  private readonly takesBytes: boolean;

  constructor(private readonly stream: TextSink) {
    this.isTty = !!stream.isTTY;
    this.takesBytes = stream instanceof Writable || stream.takesBytes === true;
    stream.on?.('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') this.closed = true;
      else throw err;
    });
  }

  write(s: string): void {
    if (this.closed) return;
    if (this.used !== 0) this.sendBytes();
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

  /**
   * Text holding field values (-T json), which may keep bytes that are not UTF-8: written as those bytes, as
   * tshark does. Labels never hold them (format_text shows them), so other text is not searched for them.
   */
  writeValues(s: string): void {
    this.textHoldsValues = true;
    this.write(s);
  }

  flush(): void {
    this.sendText();
    this.sendBytes();
  }

  private sendText(): void {
    if (!this.buf.length || this.closed) return;
    const s = this.buf.join('');
    const values = this.textHoldsValues;
    this.buf = [];
    this.size = 0;
    this.textHoldsValues = false;
    // Not to a terminal, which would get packet bytes raw (0x9b is a CSI there): it gets replacement characters.
    this.stream.write(values && this.takesBytes && !this.isTty && hasRawBytes(s) ? rawStringBytes(s) : s);
  }

  private sendBytes(): void {
    if (this.used === 0 || this.closed) return;
    const chunk = this.chunk!;
    if (this.takesBytes) {
      // The stream may keep the bytes until it has written them: later ones go after them
      // (-l flushes every line: not a new chunk each time), or in a new chunk.
      this.stream.write(chunk.subarray(0, this.used));
      this.chunk = chunk.length - this.used >= MIN_CHUNK_REST ? chunk.subarray(this.used) : null;
    } else {
      this.stream.write(chunk.toString('utf8', 0, this.used));
    }
    this.used = 0;
  }

  /**
   * Make room for up to `bytes` more bytes from the put methods (a line's
   * worth; a UTF-16 unit takes at most 3). False once the reader has gone.
   */
  room(bytes: number): boolean {
    if (this.closed) return false;
    if (this.buf.length) this.sendText();
    if (this.chunk !== null && this.used + bytes > this.chunk.length) this.sendBytes();
    if (this.chunk === null || this.chunk.length < bytes) this.chunk = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, bytes));
    return true;
  }

  putByte(b: number): void {
    this.chunk![this.used++] = b;
  }

  putBytes(b: Uint8Array): void {
    this.chunk!.set(b, this.used);
    this.used += b.length;
  }

  /** `n` spaces (none when `n` is 0 or less): padding to a column. */
  putSpaces(n: number): void {
    if (n <= 0) return;
    const c = this.chunk!;
    // A column's few spaces: a loop, not a call into C++ (fill).
    const end = this.used + n;
    for (let i = this.used; i < end; i++) c[i] = 0x20;
    this.used = end;
  }

  /** A non-negative integer in decimal, right-aligned in `width` characters. */
  putUint(n: number, width: number): void {
    let digits = 1;
    for (let x = n; x >= 10; x = Math.floor(x / 10)) digits++;
    this.putSpaces(width - digits);
    const c = this.chunk!;
    let at = this.used + digits;
    this.used = at;
    for (let x = n; ; x = Math.floor(x / 10)) {
      c[--at] = 0x30 + (x % 10);
      if (x < 10) break;
    }
  }

  /** Text in UTF-8. A short ASCII string is copied here: not worth a call into the encoder. */
  putText(s: string): void {
    const c = this.chunk!;
    const start = this.used;
    const n = s.length;
    if (n <= 24) {
      let i = 0;
      for (; i < n; i++) {
        const ch = s.charCodeAt(i);
        if (ch >= 0x80) break;
        c[start + i] = ch;
      }
      if (i === n) {
        this.used = start + n;
        return;
      }
    }
    this.used = start + c.write(s, start);
  }

  /** A field's value: as putText, but a value that kept bytes which are not UTF-8 is written as those bytes. */
  putValue(s: string): void {
    if (s !== '' && hasRawBytes(s)) this.putBytes(rawStringBytes(s));
    else this.putText(s);
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
