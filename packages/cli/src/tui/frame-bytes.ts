import type { RawPacket } from '@netdissect/core';

/**
 * Where an indexed frame's bytes come from again after the first pass let
 * go of them: the capture file (re-read by offset) or, for live and piped
 * captures, a bounded in-memory store.
 */
export interface FrameBytes {
  /** Called by the indexer for every new frame while its bytes are valid. */
  keep(raw: RawPacket): void;
  /** Frame `no` again, or null when its bytes are no longer available. */
  frame(no: number): RawPacket | null;
  /**
   * Frame `no`'s captured bytes, or null: valid only until the next call,
   * for a reader that copies them at once (a TCP PDU rebuilt from its segments).
   */
  bytesOf(no: number): Uint8Array | null;
  /** Frames from..to (inclusive) in order, in batches; frames no longer available are skipped. */
  frames(from: number, to: number): AsyncIterable<RawPacket[]>;
  /** Why frame bytes may be missing, for the details pane ("" when they never are). */
  readonly missingReason: string;
  close(): void;
}
