import { describe, expect, it } from 'vitest';
import { FragmentHead } from '@netdissect/core';
import { seededRandom } from '../../../../test/support/seeded-random.js';

/**
 * A PDU made of pieces, some slices of their frames (src >= 0, the frame
 * holds the piece at src) and some not (src -1: bytes of another reassembled
 * buffer), arriving in random order with overlaps.
 */
function randomPdu(random: () => number) {
  const total = 20 + Math.floor(random() * 200);
  const truth = Uint8Array.from({ length: total }, (_, i) => (i * 31 + 7) & 255);
  const frames = new Map<number, Uint8Array>();
  const pieces: Array<{ offset: number; bytes: Uint8Array; frame: number; src: number }> = [];
  let frame = 0;
  for (let at = 0; at < total; ) {
    const len = Math.min(total - at, 1 + Math.floor(random() * 40));
    // Overlapping resends now and then, with other bytes: the first piece in offset order must win.
    const start = Math.max(0, at - (random() < 0.3 ? Math.floor(random() * 10) : 0));
    const bytes = truth.slice(start, at + len);
    if (start < at && random() < 0.5) bytes[0] ^= 0xff;
    frame++;
    const inFrame = random() < 0.6;
    const src = inFrame ? Math.floor(random() * 30) : -1;
    if (inFrame) {
      const raw = new Uint8Array(src + bytes.length + Math.floor(random() * 10)).fill(0xee);
      raw.set(bytes, src);
      frames.set(frame, raw);
    }
    pieces.push({ offset: start, bytes, frame, src });
    at += len;
  }
  for (let i = pieces.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [pieces[i], pieces[j]] = [pieces[j]!, pieces[i]!];
  }
  return { total, pieces, frames };
}

describe('a complete PDU released and rebuilt from its frames', () => {
  it('gives back the same bytes, keeping only the shares of pieces no frame holds (500 random PDUs)', () => {
    const random = seededRandom(5);
    for (let n = 0; n < 500; n++) {
      const { total, pieces, frames } = randomPdu(random);
      const head = new FragmentHead();
      let done = false;
      // Pieces after the one that completes it are resends a reassembler would not add.
      for (const p of pieces) if (!done) done = head.addWork(p.bytes, p.offset, p.offset + p.bytes.length < total, p.frame, pieces.length, p.src);
      expect(done, `PDU ${n} complete`).toBe(true);
      const original = head.data!.slice();

      expect(head.releaseRebuildable()).toBe(true);
      expect(head.data).toBeNull();
      const kept = head.pieces().reduce((sum, f) => sum + (f.data?.length ?? 0), 0);
      const notInFrames = head.pieces().filter((f) => f.src < 0).reduce((sum, f) => sum + f.len, 0);
      expect(head.pieces().filter((f) => f.src >= 0).every((f) => f.data === null)).toBe(true);
      expect(kept).toBeLessThanOrEqual(notInFrames);

      // Twice: a revisit rebuilds, the frame's end releases again, the next revisit rebuilds again.
      for (let round = 0; round < 2; round++) {
        expect(head.rebuild((no) => frames.get(no) ?? null)).toBe(true);
        expect(head.data, `PDU ${n}, rebuild ${round}`).toEqual(original);
        expect(head.releaseRebuildable()).toBe(true);
      }
    }
  });
});

describe('a sequence ended after its last piece (fragment_end_seq_next)', () => {
  it('puts the pieces together at their consecutive offsets, empty pieces included, on the ending frame', () => {
    const head = new FragmentHead();
    const pieces = [new Uint8Array([1, 2, 3]), new Uint8Array(0), new Uint8Array([4, 5])];
    let offset = 0;
    pieces.forEach((bytes, i) => {
      expect(head.addWork(bytes, offset, true, 10 + i, 10 + i)).toBe(false);
      offset += bytes.length;
    });
    expect(head.defragmented).toBe(false);
    head.endSequence(13);
    expect(head.defragmented).toBe(true);
    expect([...head.data!]).toEqual([1, 2, 3, 4, 5]);
    expect(head.reassembledIn).toBe(13);
    expect(head.pieces().map((f) => [f.frame, f.offset, f.len])).toEqual([[10, 0, 3], [11, 3, 0], [12, 3, 2]]);
  });
});

describe('pieces added to a PDU', () => {
  it('are kept as copies: a caller may reuse its buffer after adding (300 random PDUs, overlaps and conflicts)', () => {
    const random = seededRandom(9);
    for (let n = 0; n < 300; n++) {
      const { total, pieces } = randomPdu(random);
      const own = new FragmentHead();
      const reused = new FragmentHead();
      const scratch = new Uint8Array(64);
      for (const p of pieces) {
        const more = p.offset + p.bytes.length < total;
        if (own.defragmented) break;
        own.addWork(p.bytes, p.offset, more, p.frame, pieces.length, p.src);
        scratch.set(p.bytes);
        reused.addWork(scratch.subarray(0, p.bytes.length), p.offset, more, p.frame, pieces.length, p.src);
        scratch.fill(0xaa);
      }
      expect(reused.defragmented, `PDU ${n}`).toBe(true);
      expect(reused.data, `PDU ${n}`).toEqual(own.data);
      expect(reused.flags, `PDU ${n}`).toBe(own.flags);
    }
  });
});
