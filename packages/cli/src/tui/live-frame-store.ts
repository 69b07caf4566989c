import type { RawPacket } from '@netdissect/core';
import type { FrameBytes } from './frame-bytes.js';
import type { FrameIndex } from './frame-index.js';

const BATCH = 512;

/**
 * Copies of the bytes of frames that cannot be re-read (a live interface,
 * a pipe), oldest dropped first once `budgetBytes` is exceeded, so a long
 * capture keeps its index but not every byte.
 */
export class LiveFrameStore implements FrameBytes {
  private readonly kept: Array<Uint8Array | undefined> = [];
  /** Frame number of kept[0]. */
  private first = 1;
  private head = 0;
  private bytes = 0;

  constructor(
    private readonly index: FrameIndex,
    private readonly budgetBytes: number,
  ) {}

  get missingReason(): string {
    return `only the last ${Math.round(this.budgetBytes / 2 ** 20)} MiB of a live capture are kept in memory`;
  }

  /** Oldest frame whose bytes are still kept. */
  get oldestKept(): number {
    return this.first + this.head;
  }

  keep(raw: RawPacket): void {
    this.kept.push(raw.bytes.slice());
    this.bytes += raw.caplen;
    while (this.bytes > this.budgetBytes && this.head < this.kept.length - 1) {
      this.bytes -= this.kept[this.head]!.length;
      this.kept[this.head++] = undefined;
    }
    // Drop the evicted prefix now and then instead of shifting on every frame.
    if (this.head > 4096 && this.head * 2 > this.kept.length) {
      this.kept.splice(0, this.head);
      this.first += this.head;
      this.head = 0;
    }
  }

  frame(no: number): RawPacket | null {
    const b = this.bytesOf(no);
    return b === null ? null : this.index.rawPacket(no, b);
  }

  bytesOf(no: number): Uint8Array | null {
    const b = this.kept[no - this.first];
    return b === undefined || no > this.index.count ? null : b;
  }

  async *frames(from: number, to: number): AsyncIterable<RawPacket[]> {
    let batch: RawPacket[] = [];
    for (let no = Math.max(from, this.oldestKept); no <= to; no++) {
      const raw = this.frame(no);
      if (raw) batch.push(raw);
      if (batch.length === BATCH) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length) yield batch;
  }

  close(): void {
    this.kept.length = 0;
    this.bytes = 0;
  }
}
