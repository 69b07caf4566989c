import type { PacketInfo } from '../dissection/packet-info.js';
import type { FragmentHead } from './fragment-head.js';

/** Where `bytes` starts in the current frame's captured bytes, or -1 when it is not a slice of them (a reassembled buffer). */
export function frameSliceOffset(pinfo: PacketInfo, bytes: Uint8Array): number {
  const raw = pinfo.raw.bytes;
  const at = bytes.byteOffset - raw.byteOffset;
  return bytes.buffer === raw.buffer && at >= 0 && at + bytes.length <= raw.length ? at : -1;
}

/**
 * The reassembled bytes of a completed `head` for the current frame. When
 * the session can read frames again (DissectionSession.frameBytes), a
 * completed reassembly does not keep its bytes past the frame that uses
 * them: they are dropped when the frame is done and rebuilt from the
 * pieces' frames on a revisit. `missing` is called when a piece's frame
 * could not be read (those bytes are zeros).
 */
export function reassembledBytes(pinfo: PacketInfo, head: FragmentHead, missing: () => void): Uint8Array {
  const session = pinfo.session;
  const read = session.frameBytes;
  if (head.data === null && head.rebuildable && read) {
    if (!head.rebuild(read)) missing();
  }
  if (read && session.keepHistory) session.afterFrame(() => head.releaseRebuildable());
  return head.data ?? new Uint8Array(0);
}
