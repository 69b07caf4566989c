import '@netdissect/ftp';
import { dissectFrames, forEachFrame, frameByNumber, valuesOf, type FrameView } from '../../../../test/support/dissect-frames.js';

export { dissectFrames as dissectPackets, forEachFrame };

/** The values of a field in a frame's tree, in tree order. */
export function values(frame: FrameView, abbrev: string): unknown[] {
  return valuesOf(frame.tree, abbrev);
}

/** The frames of a run by number. */
export function byNumber(frames: readonly FrameView[]): (no: number) => FrameView {
  return (no) => frameByNumber(frames, no);
}
