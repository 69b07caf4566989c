/**
 * Re-reading single frames of a capture file by their data offset (as
 * reported in RawPacket.dataOffset), e.g. when the TUI selects a frame long
 * after the first pass let go of its bytes. Positional reads (through a few
 * read-ahead blocks), no streaming.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { CaptureFileError } from './capture-error.js';

/**
 * Reads go through a few blocks of the file read ahead: rebuilding a TCP
 * PDU reads its segments' frames one after another, close together in the
 * file, and one positional read per frame costs more than the copy.
 */
const BLOCK_BYTES = 256 * 1024;
const BLOCKS = 4;

const EMPTY = new Uint8Array(0);

interface CachedBlock {
  offset: number;
  /** The bytes read (fewer than the buffer holds at the end of the file). */
  bytes: Uint8Array;
  /** BLOCK_BYTES, reused for the next block once this one is the least recent. */
  buffer: Uint8Array;
}

export class CaptureFile {
  private fd: number | undefined;
  /** Most recently used first. */
  private readonly blocks: CachedBlock[] = [];

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
    return this.view(dataOffset, caplen).slice();
  }

  /**
   * The `caplen` bytes at `dataOffset` without a copy: valid only until the
   * next call on this file, for a reader that copies them at once (a TCP PDU
   * rebuilt from its segments' frames). Throws as read() does.
   */
  view(dataOffset: number, caplen: number): Uint8Array {
    const fd = this.fd;
    if (fd === undefined) throw new Error(`CaptureFile ${JSON.stringify(this.path)} is closed`);
    if (!Number.isSafeInteger(dataOffset) || dataOffset < 0 || !Number.isSafeInteger(caplen) || caplen < 0) {
      throw new RangeError(`invalid frame location: offset ${dataOffset}, length ${caplen}`);
    }
    const cached = this.cachedView(dataOffset, caplen);
    if (cached !== null) return cached;
    if (caplen <= BLOCK_BYTES) {
      const block = this.readBlock(fd, dataOffset);
      if (block.bytes.length >= caplen) return block.bytes.subarray(0, caplen);
      throw new CaptureFileError('truncated', this.path, dataOffset, `the frame needs ${caplen} bytes, the file ends after ${block.bytes.length}`);
    }
    const out = new Uint8Array(caplen);
    const done = this.readAt(fd, out, dataOffset);
    if (done < caplen) {
      throw new CaptureFileError('truncated', this.path, dataOffset, `the frame needs ${caplen} bytes, the file ends after ${done}`);
    }
    return out;
  }

  /** The bytes in a block read before (which becomes the most recent), or null. */
  private cachedView(offset: number, length: number): Uint8Array | null {
    const blocks = this.blocks;
    for (let i = 0; i < blocks.length; i++) {
      const b = blocks[i]!;
      const from = offset - b.offset;
      if (from < 0 || from + length > b.bytes.length) continue;
      for (let j = i; j > 0; j--) blocks[j] = blocks[j - 1]!;
      blocks[0] = b;
      return b.bytes.subarray(from, from + length);
    }
    return null;
  }

  /** Reads up to BLOCK_BYTES from `offset` (fewer at the end of the file) into a new most recent block. */
  private readBlock(fd: number, offset: number): CachedBlock {
    const blocks = this.blocks;
    // The least recent block's buffer is reused: views of it were valid only until this call.
    // Not cut to the size seen at open: a file still being written may have grown.
    const block = blocks.length < BLOCKS ? { offset, bytes: EMPTY, buffer: new Uint8Array(BLOCK_BYTES) } : blocks.pop()!;
    block.offset = offset;
    block.bytes = EMPTY;
    blocks.unshift(block);
    const got = this.readAt(fd, block.buffer, offset);
    block.bytes = block.buffer.subarray(0, got);
    return block;
  }

  /** Fills `out` from `offset` until it is full or the file ends; returns the bytes read. */
  private readAt(fd: number, out: Uint8Array, offset: number): number {
    let done = 0;
    while (done < out.length) {
      let n: number;
      try {
        n = readSync(fd, out, done, out.length - done, offset + done);
      } catch (err) {
        throw new CaptureFileError('io', this.path, offset + done, err instanceof Error ? err.message : String(err), { cause: err });
      }
      if (n === 0) break;
      done += n;
    }
    return done;
  }

  close(): void {
    if (this.fd !== undefined) {
      closeSync(this.fd);
      this.fd = undefined;
      this.blocks.length = 0;
    }
  }
}
