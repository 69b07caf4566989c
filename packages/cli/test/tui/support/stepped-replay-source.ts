import type { PacketSource, RawPacket } from '@netdissect/core';
import { corpusPath } from '../../../../../test/support/paths.js';
import { readAllPackets } from '../../../../../test/support/resegment-tcp.js';

/**
 * A live capture stand-in: replays a corpus file only as fast as the test
 * lets it (release(n) delivers the next n frames), so live behaviour is
 * tested step by step instead of against the clock.
 */
export class SteppedReplaySource implements PacketSource {
  private next = 0;
  private allowed = 0;
  private closed = false;
  private wake: (() => void) | null = null;

  private constructor(private readonly packets: RawPacket[]) {}

  static async of(rel: string): Promise<SteppedReplaySource> {
    return new SteppedReplaySource(await readAllPackets(corpusPath(rel)));
  }

  get total(): number {
    return this.packets.length;
  }

  /** Let `n` more frames through (all the rest when n is omitted). */
  release(n = this.packets.length): void {
    this.allowed = Math.min(this.packets.length, this.allowed + n);
    this.wake?.();
  }

  async *batches(): AsyncIterable<RawPacket[]> {
    while (!this.closed && this.next < this.packets.length) {
      if (this.next >= this.allowed) {
        await new Promise<void>((resolve) => (this.wake = resolve));
        this.wake = null;
        continue;
      }
      // Fresh copies, as a capture loop hands out new buffers.
      const batch = this.packets.slice(this.next, this.allowed).map((p) => ({ ...p, bytes: p.bytes.slice(), dataOffset: -1 }));
      this.next = this.allowed;
      yield batch;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.wake?.();
  }
}
