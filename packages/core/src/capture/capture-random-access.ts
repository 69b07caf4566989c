/**
 * Re-reading single frames of a capture file by their data offset (as
 * reported in RawPacket.dataOffset), e.g. when the TUI selects a frame long
 * after the first pass let go of its bytes. Positional reads, no streaming.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { CaptureFileError } from './capture-error.js';

export class CaptureFile {
  private fd: number | undefined;

  private constructor(
    fd: number,
    /** The path this file was opened from. */
    readonly path: string,
    /** File size in bytes when opened. */
    readonly size: number,
  ) {
    this.fd = fd;
  }

  /** Open a capture file for random access. Throws CaptureFileError('io') when it cannot. */
  static open(path: string): CaptureFile {
    let fd: number;
    try {
      fd = openSync(path, 'r');
    } catch (err) {
      throw new CaptureFileError('io', path, 0, err instanceof Error ? err.message : String(err), { cause: err });
    }
    try {
      const st = fstatSync(fd);
      if (!st.isFile()) throw new CaptureFileError('io', path, 0, 'not a regular file, so frames cannot be re-read');
      return new CaptureFile(fd, path, st.size);
    } catch (err) {
      closeSync(fd);
      throw err;
    }
  }

  /**
   * A fresh copy of `caplen` bytes at `dataOffset`. Throws CaptureFileError
   * ('truncated') when the file no longer holds them.
   */
  read(dataOffset: number, caplen: number): Uint8Array {
    const fd = this.fd;
    if (fd === undefined) throw new Error(`CaptureFile ${JSON.stringify(this.path)} is closed`);
    if (!Number.isSafeInteger(dataOffset) || dataOffset < 0 || !Number.isSafeInteger(caplen) || caplen < 0) {
      throw new RangeError(`invalid frame location: offset ${dataOffset}, length ${caplen}`);
    }
    const out = new Uint8Array(caplen);
    let done = 0;
    while (done < caplen) {
      let n: number;
      try {
        n = readSync(fd, out, done, caplen - done, dataOffset + done);
      } catch (err) {
        throw new CaptureFileError('io', this.path, dataOffset + done, err instanceof Error ? err.message : String(err), { cause: err });
      }
      if (n === 0) {
        throw new CaptureFileError('truncated', this.path, dataOffset, `the frame needs ${caplen} bytes, the file ends after ${done}`);
      }
      done += n;
    }
    return out;
  }

  close(): void {
    if (this.fd !== undefined) {
      closeSync(this.fd);
      this.fd = undefined;
    }
  }
}
