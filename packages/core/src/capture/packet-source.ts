import type { RawPacket } from './raw-packet.js';

/**
 * Anything that delivers raw packets in batches: a capture file
 * (CaptureReader) or a live interface (@netdissect/live). The dissection
 * pipeline only needs this, so files and live traffic take the same path.
 * A batch's `bytes` views may be reused once the next batch is requested.
 */
export interface PacketSource {
  batches(): AsyncIterable<RawPacket[]>;
  close(): Promise<void>;
}
