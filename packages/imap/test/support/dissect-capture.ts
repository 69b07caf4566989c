import type { FieldDef, RawPacket } from '@netdissect/core';
import { hfImap, imapFields, imapLinesOf, type ImapLine } from '@netdissect/imap';
import { dissectFrames, readPackets, type DissectFramesOptions, type FrameView as Frame } from '../../../../test/support/dissect-frames.js';
import { corpusPath } from '../../../../test/support/paths.js';

export { corpusPath } from '../../../../test/support/paths.js';
export { frameByNumber as frame, readPackets, valuesOf } from '../../../../test/support/dissect-frames.js';

/** One frame as the IMAP tests look at it: columns, layers, tree and its IMAP lines. */
export interface FrameView extends Frame {
  readonly lines: ImapLine[];
}

/** The fields imapLinesOf reads. */
export const IMAP_TREE_FIELDS: readonly FieldDef[] = [hfImap, ...Object.values(imapFields)];

/** Dissect `packets` in order (tshark -2 with `twoPass`), with each frame's IMAP lines. */
export function dissectPackets(packets: readonly RawPacket[], opts: DissectFramesOptions = {}): FrameView[] {
  return dissectFrames(packets, { keepHistory: true, ...opts }).map((f) => ({ ...f, lines: imapLinesOf(f.tree) }));
}

export async function dissectCapture(rel: string, opts: DissectFramesOptions = {}): Promise<FrameView[]> {
  return dissectPackets(await readPackets(corpusPath(rel)), opts);
}
