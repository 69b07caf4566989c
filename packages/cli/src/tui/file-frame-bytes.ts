import { CaptureFile, CaptureReader, type RawPacket } from '@netdissect/core';
import type { FrameBytes } from './frame-bytes.js';
import type { FrameIndex } from './frame-index.js';

/**
 * Frames of a capture file: one frame is re-read by its offset; a run of
 * frames (a filter pass) is read sequentially with a fresh reader, which
 * is much faster than a million positional reads.
 */
export class FileFrameBytes implements FrameBytes {
  readonly missingReason = '';
  private readonly file: CaptureFile;

  constructor(
    private readonly path: string,
    private readonly index: FrameIndex,
  ) {
    this.file = CaptureFile.open(path);
  }

  keep(): void {}

  frame(no: number): RawPacket | null {
    // A copy: the view is valid only until the next read, and a frame is kept (the details pane).
    const bytes = this.bytesOf(no);
    return bytes === null ? null : this.index.rawPacket(no, bytes.slice());
  }

  bytesOf(no: number): Uint8Array | null {
    if (no < 1 || no > this.index.count) return null;
    const { dataOffset, caplen } = this.index.location(no);
    return this.file.view(dataOffset, caplen);
  }

  async *frames(from: number, to: number): AsyncIterable<RawPacket[]> {
    const reader = await CaptureReader.open(this.path);
    try {
      for await (const batch of reader.batches()) {
        const last = batch[batch.length - 1]!;
        if (last.no < from) continue;
        const wanted = batch.filter((raw) => raw.no >= from && raw.no <= to);
        if (wanted.length) yield wanted;
        if (last.no >= to) return;
      }
    } finally {
      await reader.close();
    }
  }

  close(): void {
    this.file.close();
  }
}
