/**
 * Where written capture bytes go: a file path, "-" (process.stdout) or a
 * Node writable stream. Writers fill their own large buffers and hand whole
 * buffers here; stream backpressure is honoured.
 */
import { promises as fsp } from 'node:fs';

/** A path ("-" = stdout) or a writable stream. */
export type CaptureOutput = string | NodeJS.WritableStream;

export interface ByteSink {
  readonly name: string;
  /**
   * True when the sink may keep a reference to written bytes after write()
   * resolves (streams pass chunks on without copying), so the caller must
   * not reuse the buffer.
   */
  readonly keepsBuffers: boolean;
  /** Write all of `bytes`; the caller must not modify them until this resolves. */
  write(bytes: Uint8Array): Promise<void>;
  /** Finish: close the file, or end the stream (never stdout). */
  close(): Promise<void>;
}

export async function openByteSink(output: CaptureOutput): Promise<ByteSink> {
  if (typeof output === 'string') {
    if (output === '-') return new StreamByteSink(process.stdout, '-', false);
    return new FileByteSink(await fsp.open(output, 'w'), output);
  }
  return new StreamByteSink(output, '(stream)', true);
}

class FileByteSink implements ByteSink {
  readonly keepsBuffers = false;

  constructor(
    private readonly handle: fsp.FileHandle,
    readonly name: string,
  ) {}

  async write(bytes: Uint8Array): Promise<void> {
    let done = 0;
    while (done < bytes.length) {
      const { bytesWritten } = await this.handle.write(bytes, done, bytes.length - done);
      done += bytesWritten;
    }
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}

class StreamByteSink implements ByteSink {
  readonly keepsBuffers = true;

  constructor(
    private readonly stream: NodeJS.WritableStream,
    readonly name: string,
    private readonly endOnClose: boolean,
  ) {}

  /**
   * Resolves when the stream has taken the bytes (its write callback), so the
   * caller may reuse the buffer and at most one buffer is ever queued.
   */
  write(bytes: Uint8Array): Promise<void> {
    const s = this.stream;
    return new Promise<void>((resolve, reject) => {
      let settled = false;
      const settle = (err?: Error | null) => {
        if (settled) return;
        settled = true;
        s.off('error', settle);
        if (err) reject(err);
        else resolve();
      };
      s.once('error', settle);
      s.write(bytes, settle);
    });
  }

  close(): Promise<void> {
    if (!this.endOnClose) return Promise.resolve();
    const s = this.stream;
    return new Promise<void>((resolve, reject) => {
      s.once('error', reject);
      s.end(() => {
        s.off('error', reject);
        resolve();
      });
    });
  }
}

/**
 * A large output buffer in front of a ByteSink: writers encode records into
 * `buf` at `pos` and call reserve() first; flushing happens only when full.
 */
export class BufferedByteSink {
  buf: Uint8Array;
  pos = 0;

  constructor(
    private readonly sink: ByteSink,
    private readonly size: number = 1024 * 1024,
  ) {
    this.buf = new Uint8Array(size);
  }

  get name(): string {
    return this.sink.name;
  }

  /**
   * Make room for `n` more bytes at `pos`. Returns undefined when there
   * already is room (no await needed), else a promise that flushes first.
   */
  reserve(n: number): Promise<void> | undefined {
    if (this.buf.length - this.pos >= n) return undefined;
    return this.flushAndGrow(n);
  }

  private async flushAndGrow(n: number): Promise<void> {
    await this.flush();
    if (this.buf.length < n) this.buf = new Uint8Array(Math.max(n, this.size));
  }

  async flush(): Promise<void> {
    if (this.pos === 0) return;
    const n = this.pos;
    const full = this.buf;
    this.pos = 0;
    // A stream may still hold the chunk after accepting it: start a new buffer.
    if (this.sink.keepsBuffers) this.buf = new Uint8Array(this.size);
    await this.sink.write(full.subarray(0, n));
  }

  async close(): Promise<void> {
    await this.flush();
    await this.sink.close();
  }
}
