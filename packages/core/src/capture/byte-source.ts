/**
 * Where capture bytes come from: a file path, "-" (process.stdin) or any Node
 * readable stream. A ByteSource fills caller-provided buffers, so the reader
 * decides where bytes land (large chunks, a record tail carried to the front)
 * and nothing ever holds the whole file in memory.
 */
import { promises as fsp, type Stats } from 'node:fs';
import { Readable } from 'node:stream';
import { CaptureFileError } from './capture-error.js';

/** A path, "-" for standard input, or a readable stream of capture bytes. */
export type CaptureInput = string | NodeJS.ReadableStream;

export interface ByteSource {
  /** Display name for messages: the path, "-" or "(stream)". */
  readonly name: string;
  /** The path when the input is a path other than "-". */
  readonly path: string | undefined;
  /**
   * True when the input is a regular file read from its start, so byte
   * offsets counted by the reader are file offsets usable for re-reading.
   */
  readonly seekable: boolean;
  /**
   * Copy up to `length` bytes into `target` at `offset`. Resolves with the
   * number of bytes copied, 0 only at end of input. May return fewer bytes
   * than asked (whatever a stream has buffered) but never waits for more
   * once it has some.
   */
  read(target: Uint8Array, offset: number, length: number): Promise<number>;
  close(): Promise<void>;
}

export const STDIN_NAME = '-';
export const STREAM_NAME = '(stream)';

export async function openByteSource(input: CaptureInput): Promise<ByteSource> {
  if (typeof input === 'string') {
    if (input === STDIN_NAME) return new StreamByteSource(process.stdin, STDIN_NAME);
    return FileByteSource.open(input);
  }
  return new StreamByteSource(input, STREAM_NAME);
}

function describeIoError(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}

/** Reads a path with large fs reads; positional when it is a regular file. */
class FileByteSource implements ByteSource {
  readonly name: string;
  readonly path: string;
  readonly seekable: boolean;
  private position = 0;

  private constructor(
    private readonly handle: fsp.FileHandle,
    path: string,
    stats: Stats,
  ) {
    this.name = path;
    this.path = path;
    this.seekable = stats.isFile();
  }

  static async open(path: string): Promise<FileByteSource> {
    let handle: fsp.FileHandle;
    try {
      handle = await fsp.open(path, 'r');
    } catch (err) {
      throw new CaptureFileError('io', path, 0, describeIoError(err), { cause: err });
    }
    try {
      const stats = await handle.stat();
      if (stats.isDirectory()) {
        throw new CaptureFileError('io', path, 0, 'it is a directory');
      }
      return new FileByteSource(handle, path, stats);
    } catch (err) {
      await handle.close().catch(() => undefined);
      if (err instanceof CaptureFileError) throw err;
      throw new CaptureFileError('io', path, 0, describeIoError(err), { cause: err });
    }
  }

  async read(target: Uint8Array, offset: number, length: number): Promise<number> {
    if (length <= 0) return 0;
    try {
      // Pipes and character devices (a FIFO path, /dev/stdin) cannot take a position.
      const { bytesRead } = await this.handle.read(target, offset, length, this.seekable ? this.position : null);
      this.position += bytesRead;
      return bytesRead;
    } catch (err) {
      throw new CaptureFileError('io', this.name, this.position, describeIoError(err), { cause: err });
    }
  }

  async close(): Promise<void> {
    await this.handle.close().catch(() => undefined);
  }
}

/**
 * Pulls from a stream with read(): takes everything the stream has buffered
 * at once, waits only when nothing is buffered. Pieces bigger than the space
 * offered are split and the rest kept for the next call.
 */
class StreamByteSource implements ByteSource {
  readonly path = undefined;
  readonly seekable = false;
  private readonly stream: Readable;
  private leftover: Uint8Array | undefined;
  private ended = false;
  private position = 0;
  /** The first 'error' the stream emitted (kept from the start, so none goes unhandled). */
  private failure: unknown;

  constructor(
    input: NodeJS.ReadableStream,
    readonly name: string,
  ) {
    this.stream = input instanceof Readable ? input : new Readable().wrap(input);
    this.stream.on('error', (err: unknown) => {
      this.failure ??= err;
    });
    // Binary data only: an encoding would turn bytes into strings.
    if (this.stream.readableEncoding !== null) {
      throw new CaptureFileError('io', name, 0, `the stream has an encoding (${this.stream.readableEncoding}); capture input must be binary`);
    }
  }

  async read(target: Uint8Array, offset: number, length: number): Promise<number> {
    let copied = 0;
    while (copied < length) {
      if (this.failure !== undefined && this.leftover === undefined) {
        if (copied > 0) break;
        throw this.wrapError(this.failure);
      }
      let piece = this.leftover;
      this.leftover = undefined;
      if (piece === undefined && !this.ended) {
        const chunk: unknown = this.stream.read();
        if (chunk !== null) piece = toBytes(chunk, this.name, this.position + copied);
      }
      if (piece === undefined) {
        if (copied > 0 || this.ended) break;
        await this.waitForData();
        continue;
      }
      const room = length - copied;
      if (piece.length > room) {
        target.set(piece.subarray(0, room), offset + copied);
        this.leftover = piece.subarray(room);
        copied += room;
      } else {
        target.set(piece, offset + copied);
        copied += piece.length;
      }
    }
    this.position += copied;
    return copied;
  }

  /** Resolves when the stream may have data, has ended or was closed; rejects on a stream error. */
  private waitForData(): Promise<void> {
    const s = this.stream;
    if (this.failure !== undefined) return Promise.reject(this.wrapError(this.failure));
    if (s.errored) return Promise.reject(this.wrapError(s.errored));
    if (s.readableEnded || s.destroyed) {
      this.ended = true;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const cleanup = () => {
        s.off('readable', onReadable);
        s.off('end', onEnd);
        s.off('close', onEnd);
        s.off('error', onError);
      };
      const onReadable = () => {
        cleanup();
        resolve();
      };
      const onEnd = () => {
        cleanup();
        if (s.errored) {
          reject(this.wrapError(s.errored));
          return;
        }
        this.ended = true;
        resolve();
      };
      const onError = (err: unknown) => {
        cleanup();
        reject(this.wrapError(err));
      };
      s.on('readable', onReadable);
      s.on('end', onEnd);
      s.on('close', onEnd);
      s.on('error', onError);
    });
  }

  private wrapError(err: unknown): CaptureFileError {
    return new CaptureFileError('io', this.name, this.position, describeIoError(err), { cause: err });
  }

  async close(): Promise<void> {
    this.leftover = undefined;
    this.ended = true;
    // Never destroy process.stdin; other streams belong to us once handed over.
    if (this.stream !== process.stdin && !this.stream.destroyed) this.stream.destroy();
  }
}

function toBytes(chunk: unknown, name: string, position: number): Uint8Array {
  if (chunk instanceof Uint8Array) return chunk;
  throw new CaptureFileError('io', name, position, 'the stream produced text, not bytes; capture input must be binary');
}
