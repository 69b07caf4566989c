import { describe, expect, it } from 'vitest';
import type { FieldNode } from '@netdissect/core';
import { hfImf, imfFields } from '@netdissect/smtp';
import { dissectCapture, frame, valuesOf } from './support/dissect-capture.js';

const frames = await dissectCapture('imap/imap.pcap', { twoPass: true });

function imfNodes(tree: FieldNode): FieldNode[] {
  const out: FieldNode[] = [];
  tree.forEach((n) => {
    if (n.def === hfImf) out.push(n);
  });
  return out;
}

describe('fetched messages go to the IMF dissector', () => {
  it('hands each FETCH literal to "imf", as tshark 4.0 shows it', () => {
    const f22 = frame(frames, 22);
    expect(f22.protocol).toBe('IMAP/IMF/IMF');
    expect(imfNodes(f22.tree).map((n) => n.length)).toEqual([303, 303]);
    expect(valuesOf(f22.tree, imfFields.subject)).toEqual(['RE: pipes implementation of bkupexec agent', 'RE: pipes implementation of bkupexec agent']);
    expect(f22.info).toMatch(/^from: "Uetrecht, Daniel J." <uetrecht@umr.edu>, subject: RE: pipes implementation of bkupexec agent, /);
  });

  it('hands over a literal reassembled from several segments in the frame that completes it', () => {
    const f49 = frame(frames, 49);
    expect(f49.protocol).toBe('IMAP/IMF');
    const [imf] = imfNodes(f49.tree);
    expect(imf!.length).toBe(3339);
    expect(imf!.ds!.name).toMatch(/^Reassembled TCP/);
  });
});
