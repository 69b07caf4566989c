import '@netdissect/pop3';
import type { RawPacket } from '@netdissect/core';
import { dissectFrames, type DissectFramesOptions, type FrameView } from '../../../../test/support/dissect-frames.js';

export { valuesOf, type FrameView } from '../../../../test/support/dissect-frames.js';

/** Dissect `packets` in order (tshark -2 with `twoPass`), keeping per-frame notes as the POP3 tests read them. */
export function dissectPackets(packets: readonly RawPacket[], opts: DissectFramesOptions = {}): FrameView[] {
  return dissectFrames(packets, { keepHistory: true, ...opts });
}
