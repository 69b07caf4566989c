import { describe, expect, it } from 'vitest';
import { readAllPackets, resegmentTcp } from '../../../test/support/resegment-tcp.js';
import { corpusPath, dissectPackets, IMAP_TREE_FIELDS, type FrameView } from './support/dissect-capture.js';

/** The IMAP dissection of a capture as a sequence: each line's direction, tag, command and status, in order. */
function imapSequence(frames: readonly FrameView[]): string[] {
  return frames.flatMap((f) => f.lines.map((l) => `${l.isRequest ? 'C' : 'S'} ${l.tag ?? '*'} ${l.command ?? ''} ${l.status ?? ''}`));
}

describe('IMAP does not depend on where TCP segments end', () => {
  it('dissects imap.pcap cut into 1-byte segments as the original', async () => {
    const original = await readAllPackets(corpusPath('imap/imap.pcap'));
    const cut = resegmentTcp(original, 1);
    expect(cut.length).toBeGreaterThan(20_000);
    const want = dissectPackets(original, { twoPass: true, fields: IMAP_TREE_FIELDS });
    const got = dissectPackets(cut, { twoPass: true, fields: IMAP_TREE_FIELDS });
    expect(imapSequence(want).length).toBeGreaterThan(100);
    expect(imapSequence(got)).toEqual(imapSequence(want));
    // Same lines, byte for byte, including the FETCH responses around their literals.
    expect(got.flatMap((f) => f.lines.map((l) => l.text))).toEqual(want.flatMap((f) => f.lines.map((l) => l.text)));
  });
});
