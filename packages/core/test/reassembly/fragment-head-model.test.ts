import { describe, expect, it } from 'vitest';
import { FragmentHead, FragFlag, HeadFlag } from '@netdissect/core';
import { seededRandom } from '../../../../test/support/seeded-random.js';

/**
 * reassemble.c's semantics written the plain way: every piece keeps a copy
 * of its own bytes, each reassembly fills a new zeroed buffer, and undoing
 * one gives each piece a copy of its share of the result. FragmentHead
 * writes in-order pieces straight into a store it reuses; the two must
 * agree on every byte and flag.
 */
class ModelHead {
  items: Array<{ frame: number; offset: number; len: number; flags: number; bytes: Uint8Array | null }> = [];
  datalen = 0;
  headFlags = 0;
  flags = 0;
  data: Uint8Array | null = null;

  get defragmented(): boolean {
    return (this.headFlags & HeadFlag.DEFRAGMENTED) !== 0;
  }

  resetDefragmentation(): void {
    for (const f of this.items) {
      if (!f.bytes && this.data) f.bytes = this.data.slice(f.offset, Math.min(this.data.length, f.offset + f.len));
      f.flags &= ~(FragFlag.TOO_LONG | FragFlag.MULTIPLE_TAILS);
    }
    this.headFlags &= ~(HeadFlag.DEFRAGMENTED | HeadFlag.PARTIAL_REASSEMBLY | HeadFlag.DATALEN_SET);
    this.flags &= ~(FragFlag.TOO_LONG | FragFlag.MULTIPLE_TAILS);
    this.datalen = 0;
  }

  addWork(bytes: Uint8Array, offset: number, more: boolean, frame: number): boolean {
    const len = bytes.length;
    if (this.defragmented) {
      if (offset + len >= this.datalen && this.headFlags & HeadFlag.PARTIAL_REASSEMBLY) this.resetDefragmentation();
      else throw new Error('overlaps or past old data');
    }
    const item = { frame, offset, len, flags: 0, bytes: bytes.slice() };
    if (!more) {
      if (this.headFlags & HeadFlag.DATALEN_SET) {
        if (this.datalen !== offset + len) {
          item.flags |= FragFlag.MULTIPLE_TAILS;
          this.flags |= FragFlag.MULTIPLE_TAILS;
        }
      } else {
        this.datalen = offset + len;
        this.headFlags |= HeadFlag.DATALEN_SET;
      }
    }
    let i = this.items.length;
    while (i > 0 && this.items[i - 1]!.offset > offset) i--;
    this.items.splice(i, 0, item);
    if (!(this.headFlags & HeadFlag.DATALEN_SET)) return false;
    let max = 0;
    for (const f of this.items) if (f.offset <= max && f.offset + f.len > max) max = f.offset + f.len;
    if (max < this.datalen) return false;
    this.defragment();
    return true;
  }

  resetTotalLength(totLen: number): void {
    this.headFlags &= ~HeadFlag.PARTIAL_REASSEMBLY;
    if (totLen === this.datalen) return;
    if (this.defragmented) this.resetDefragmentation();
    this.datalen = totLen;
    this.headFlags |= HeadFlag.DATALEN_SET;
  }

  endSequence(): void {
    this.datalen = Math.max(0, ...this.items.map((f) => f.offset + f.len));
    this.headFlags |= HeadFlag.DATALEN_SET;
    this.defragment();
  }

  private defragment(): void {
    const data = new Uint8Array(this.datalen);
    let dfpos = 0;
    for (const f of this.items) {
      if (f.len === 0) continue;
      if (f.offset >= this.datalen) {
        f.flags |= FragFlag.TOO_LONG;
        this.flags |= FragFlag.TOO_LONG;
      } else if (f.bytes) {
        let fraglen = f.len;
        if (f.offset + fraglen > this.datalen) {
          f.flags |= FragFlag.TOO_LONG;
          this.flags |= FragFlag.TOO_LONG;
          fraglen = this.datalen - f.offset;
        }
        const overlap = dfpos - f.offset;
        if (overlap > 0) {
          f.flags |= FragFlag.OVERLAP;
          this.flags |= FragFlag.OVERLAP;
          for (let k = 0; k < Math.min(f.len, overlap); k++) {
            if (data[f.offset + k] !== f.bytes[k]) {
              f.flags |= FragFlag.OVERLAP_CONFLICT;
              this.flags |= FragFlag.OVERLAP_CONFLICT;
              break;
            }
          }
        }
        if (f.offset + fraglen > dfpos) {
          const skip = Math.max(0, overlap);
          data.set(f.bytes.subarray(skip, fraglen), f.offset + skip);
          dfpos = f.offset + fraglen;
        }
      }
      f.bytes = null;
    }
    this.data = data;
    this.headFlags |= HeadFlag.DEFRAGMENTED;
  }
}

/** Bytes of the stream at [offset, offset + len), now and then with some changed (a resend that disagrees). */
function piece(random: () => number, offset: number, len: number): Uint8Array {
  const bytes = Uint8Array.from({ length: len }, (_, i) => ((offset + i) * 131 + 17) & 255);
  if (len > 0 && random() < 0.15) bytes[Math.floor(random() * len)] ^= 0x5a;
  return bytes;
}

describe('FragmentHead against a copy-everything model of reassemble.c', () => {
  it('agrees on bytes and flags over 3,000 random PDUs: in-order, gaps, resends, partial reassembly, ends', () => {
    const random = seededRandom(9);
    let partialRounds = 0;
    let storeReuses = 0;
    for (let n = 0; n < 3000; n++) {
      const head = new FragmentHead();
      const model = new ModelHead();
      let frontier = 0;
      let frame = 0;
      const ops: string[] = [];
      // Every reassembly handed out, with a copy of its bytes then: later work on the PDU must not change it.
      const handedOut: Array<[Uint8Array, Uint8Array]> = [];
      for (let step = 0; step < 40; step++) {
        frame++;
        const r = random();
        let offset: number;
        if (r < 0.55) offset = frontier; // in order
        else if (r < 0.7) offset = frontier + 1 + Math.floor(random() * 30); // past a gap
        else offset = Math.max(0, frontier - 1 - Math.floor(random() * 40)); // a resend or a gap filled
        const len = random() < 0.05 ? 0 : 1 + Math.floor(random() * 60);
        const more = random() < 0.85;
        const bytes = piece(random, offset, len);
        const hint = random() < 0.5 ? offset + len + Math.floor(random() * 200) : 0;
        ops.push(`add ${offset}+${len}${more ? '' : ' last'}`);
        let want: boolean | string;
        let got: boolean | string;
        try {
          want = model.addWork(bytes, offset, more, frame);
        } catch {
          want = 'throws';
        }
        try {
          got = head.addWork(bytes, offset, more, frame, frame, -1, hint);
        } catch {
          got = 'throws';
        }
        // The caller's buffer is reused for the next packet: the head must have kept its own bytes.
        bytes.fill(0xee);
        expect(got, ops.join(', ')).toBe(want);
        if (want === 'throws') break;
        frontier = Math.max(frontier, offset + len);
        if (head.defragmented) {
          handedOut.push([head.data!, head.data!.slice()]);
          expect(head.datalen, ops.join(', ')).toBe(model.datalen);
          expect(Array.from(head.data!), ops.join(', ')).toEqual(Array.from(model.data!));
          expect(head.flags, ops.join(', ')).toBe(model.flags);
          expect(head.pieces().map((f) => f.flags), ops.join(', ')).toEqual(model.items.map((f) => f.flags));
          // Partial reassembly (a PDU that turned out to need more), as TCP does with DESEGMENT_ONE_MORE_SEGMENT.
          if (random() < 0.6) {
            head.setPartialReassembly();
            model.headFlags |= HeadFlag.PARTIAL_REASSEMBLY;
            partialRounds++;
            ops.push('partial');
            continue;
          }
          break;
        }
        if (random() < 0.05 && model.items.length > 0) {
          ops.push('end');
          head.endSequence(frame);
          model.endSequence();
          expect(Array.from(head.data!), ops.join(', ')).toEqual(Array.from(model.data!));
          expect(head.flags, ops.join(', ')).toBe(model.flags);
          expect(head.pieces().map((f) => f.flags), ops.join(', ')).toEqual(model.items.map((f) => f.flags));
          break;
        }
      }
      if (head.defragmented && head.count > 2) storeReuses++;
      for (const [view, bytes] of handedOut) expect(Array.from(view), `${ops.join(', ')}: an earlier reassembly changed`).toEqual(Array.from(bytes));
    }
    // The runs reached what they are for.
    expect(partialRounds).toBeGreaterThan(500);
    expect(storeReuses).toBeGreaterThan(300);
  });

  it('keeps a reassembly handed out earlier intact while the PDU grows in order (partial reassembly)', () => {
    const head = new FragmentHead();
    const stream = piece(() => 1, 0, 3000);
    head.addWork(stream.subarray(0, 100), 0, false, 1, 1, -1);
    const first = head.data!;
    const seen = first.slice();
    for (let at = 100, frame = 2; at < 3000; at += 100, frame++) {
      head.setPartialReassembly();
      expect(head.addWork(stream.subarray(at, at + 100), at, false, frame, frame, -1)).toBe(true);
      expect(Array.from(head.data!)).toEqual(Array.from(stream.subarray(0, at + 100)));
    }
    expect(Array.from(first)).toEqual(Array.from(seen));
  });

  it('agrees with the model while one PDU grows by thousands of pieces, some out of order or resent, reassembled after each', () => {
    // What an HTTP chunked body does: one more segment, then the whole PDU again. FragmentHead
    // starts each pass after the pieces earlier passes placed; a piece put among them or over
    // their bytes must make it look at them again.
    const random = seededRandom(41);
    const head = new FragmentHead();
    const model = new ModelHead();
    let frontier = 0;
    let resends = 0;
    for (let frame = 1; frame <= 4000; frame++) {
      const r = random();
      // Mostly in order; now and then a piece past a gap, filled later, or a resend over placed bytes.
      const offset = r < 0.8 ? frontier : r < 0.9 ? frontier + 1 + Math.floor(random() * 20) : Math.max(0, frontier - 1 - Math.floor(random() * 300));
      if (offset < frontier) resends++;
      const len = 1 + Math.floor(random() * 40);
      const bytes = piece(random, offset, len);
      if (head.defragmented) {
        head.setPartialReassembly();
        model.headFlags |= HeadFlag.PARTIAL_REASSEMBLY;
      }
      let want: boolean | string;
      let got: boolean | string;
      try {
        want = model.addWork(bytes, offset, false, frame);
      } catch {
        want = 'throws';
      }
      try {
        got = head.addWork(bytes, offset, false, frame, frame, -1);
      } catch {
        got = 'throws';
      }
      expect(got, `frame ${frame}`).toBe(want);
      // A resend that ends inside a complete PDU cannot reopen it (as in reassemble.c): it is dropped.
      if (want === 'throws') continue;
      frontier = Math.max(frontier, offset + len);
      if (want === true) {
        expect(Array.from(head.data!), `frame ${frame}`).toEqual(Array.from(model.data!));
        expect(head.pieces().map((f) => f.flags), `frame ${frame}`).toEqual(model.items.map((f) => f.flags));
      }
    }
    expect(resends).toBeGreaterThan(200);
  });

  it('reaches from any start where find_maxnextseq would, pieces behind a gap drained one at a time', () => {
    // TCP asks how far the bytes reach from where the stream got to, after each piece it moves
    // from its out-of-order queue onto a PDU; the first bytes of that PDU may still be missing.
    const random = seededRandom(77);
    let checked = 0;
    for (let round = 0; round < 60; round++) {
      const head = new FragmentHead();
      const gap = random() < 0.7 ? 1 + Math.floor(random() * 50) : 0;
      let next = gap;
      let start = gap;
      for (let frame = 1; frame <= 300; frame++) {
        const r = random();
        // In order after the gap mostly; a hole now and then, a piece back inside (often just behind
        // the end, reaching past it), the gap filled late.
        const offset = r < 0.8 ? next : r < 0.88 ? next + 1 + Math.floor(random() * 30) : r < 0.93 ? Math.floor(random() * next) : r < 0.98 ? Math.max(0, next - 1 - Math.floor(random() * 12)) : 0;
        const len = 1 + Math.floor(random() * 30);
        head.addWork(piece(random, offset, len), offset, true, frame, frame, -1);
        next = Math.max(next, offset + len);
        // Where the stream got to: the last answer mostly, else somewhere else (a later pass, another segment).
        if (random() < 0.2) start = Math.floor(random() * (next + 10));
        let want = start;
        for (const f of head.pieces()) {
          if (f.offset > want) break;
          if (f.offset + f.len > want) want = f.offset + f.len;
        }
        const got = head.reachFrom(start);
        expect(got, `round ${round}, frame ${frame}, from ${start}`).toBe(want);
        checked++;
        start = got;
      }
    }
    expect(checked).toBe(18_000);
  });

  it('clears the flags of a piece reassembled before when a partial reassembly is undone', () => {
    const head = new FragmentHead();
    const model = new ModelHead();
    // A last piece that disagrees about where the PDU ends (MULTIPLE_TAILS), then the PDU
    // completes, then grows: undoing the reassembly clears that flag, for the pieces of
    // every earlier reassembly too.
    const steps: Array<[number, number, boolean]> = [[50, 50, false], [0, 30, false], [30, 20, true], [100, 20, false], [120, 30, false]];
    steps.forEach(([offset, len, more], i) => {
      if (head.defragmented) {
        head.setPartialReassembly();
        model.headFlags |= HeadFlag.PARTIAL_REASSEMBLY;
      }
      const bytes = piece(() => 1, offset, len);
      expect(head.addWork(bytes, offset, more, i + 1, i + 1, -1)).toBe(model.addWork(bytes, offset, more, i + 1));
      expect(head.pieces().map((f) => f.flags), `step ${i + 1}`).toEqual(model.items.map((f) => f.flags));
    });
    expect(head.defragmented).toBe(true);
    expect(head.pieces().every((f) => (f.flags & FragFlag.MULTIPLE_TAILS) === 0)).toBe(true);
  });

  it('marks pieces reassembled before as too long when the PDU is cut shorter than they reach (fragment_reset_tot_len)', () => {
    const head = new FragmentHead();
    const model = new ModelHead();
    const add = (offset: number, len: number, more: boolean, frame: number) => {
      const bytes = piece(() => 1, offset, len);
      expect(head.addWork(bytes, offset, more, frame, frame, -1)).toBe(model.addWork(bytes, offset, more, frame));
    };
    add(0, 40, true, 1);
    add(40, 40, true, 2);
    head.resetTotalLength(100);
    model.resetTotalLength(100);
    add(80, 20, true, 3);
    expect(head.defragmented).toBe(true);
    // The PDU turns out shorter than the pieces reassembled so far (a length field read again).
    head.resetTotalLength(60);
    model.resetTotalLength(60);
    add(100, 10, true, 4);
    expect(head.datalen).toBe(model.datalen);
    expect(Array.from(head.data!)).toEqual(Array.from(model.data!));
    expect(head.pieces().map((f) => f.flags)).toEqual(model.items.map((f) => f.flags));
    expect(head.pieces().filter((f) => f.flags & FragFlag.TOO_LONG).length).toBeGreaterThan(0);
  });

  it('reserves no more than the bytes that arrived for a piece far past a gap, whatever the hint says', () => {
    const before = process.memoryUsage().arrayBuffers;
    const head = new FragmentHead();
    head.addWork(new Uint8Array(10), 0, true, 1, 1, -1, 1 << 30);
    head.addWork(new Uint8Array(10), 500_000_000, true, 2, 2, -1, 1 << 30);
    head.addWork(new Uint8Array(10), 500_000_010, true, 3, 3, -1, 1 << 30);
    expect(head.pendingBytes).toBe(30);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(16 << 20);
  });

  it('reserves a few times the bytes in hand for many open PDUs whose length fields claim a gigabyte', () => {
    const before = process.memoryUsage().arrayBuffers;
    const heads: FragmentHead[] = [];
    for (let i = 0; i < 2000; i++) {
      const head = new FragmentHead();
      head.addWork(new Uint8Array(1460), 0, true, 1, 1, -1, 1 << 30);
      heads.push(head);
    }
    // 2,000 segments of 1,460 bytes: 2.9 MB in hand; four times that reserved at most, plus slack.
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(2000 * 1460 * 4 + (4 << 20));
    expect(heads.every((h) => h.pendingBytes === 1460)).toBe(true);
  });
});
