import { describe, expect, it } from 'vitest';
import { OutOfOrderQueue, type OooSegment } from '../../src/transport/out-of-order-queue.js';
import { ltSeq, u32 } from '../../src/transport/tcp-seq.js';
import { seededRandom } from '../../../../test/support/seeded-random.js';

/** The plain array the queue replaces: insert walking back from the end, after every segment level with or before it. */
function referenceInsert(list: OooSegment[], seg: OooSegment): void {
  let i = list.length;
  while (i > 0) {
    const p = list[i - 1]!;
    if (ltSeq(p.seq, seg.seq) || (p.seq === seg.seq && p.frame <= seg.frame)) break;
    i--;
  }
  list.splice(i, 0, seg);
}

function contents(q: OutOfOrderQueue): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = 0; i < q.length; i++) out.push([q.at(i).frame, q.at(i).seq]);
  return out;
}

/** Whether the queue holds the reference's segments in its order (cheap enough to ask after every step). */
function sameOrder(q: OutOfOrderQueue, ref: OooSegment[]): boolean {
  if (q.length !== ref.length) return false;
  for (let i = 0; i < ref.length; i++) if (q.at(i) !== ref[i]) return false;
  return true;
}

describe('OutOfOrderQueue', () => {
  it('keeps segments by sequence number, level ones in frame order, whichever end they arrive at', () => {
    const q = new OutOfOrderQueue();
    const seg = (frame: number, seq: number): OooSegment => ({ frame, seq, len: 10, data: null, src: -1 });
    q.insert(seg(1, 500));
    q.insert(seg(2, 400)); // before all
    q.insert(seg(3, 600)); // after all
    q.insert(seg(4, 300)); // before all again
    q.insert(seg(5, 500)); // level with frame 1: after it
    q.insert(seg(6, 450)); // between
    expect(contents(q)).toEqual([[4, 300], [2, 400], [6, 450], [1, 500], [5, 500], [3, 600]]);
    q.dropFirst(3);
    expect(contents(q)).toEqual([[1, 500], [5, 500], [3, 600]]);
    expect(q.holds(5, 500, 10)).toBe(true);
    expect(q.holds(5, 500, 11)).toBe(false);
    expect(q.holds(6, 450, 10)).toBe(false);
  });

  it('places, drains and finds segments as the array it replaces does (inserts at both ends, between, level, across the 2^32 wrap)', () => {
    const rnd = seededRandom(20261127);
    for (let run = 0; run < 400; run++) {
      const q = new OutOfOrderQueue();
      const ref: OooSegment[] = [];
      // Every segment within 2^20 bytes of a base near the wrap now and then.
      const base = run % 4 === 0 ? u32(2 ** 32 - 5000) : Math.floor(rnd() * 2 ** 31);
      const pattern = run % 5; // 0 ascending, 1 descending, 2 random, 3 few distinct (level ones), 4 mixed runs
      let frame = 0;
      let cursor = pattern === 1 ? 1 << 20 : 0;
      const steps = 20 + Math.floor(rnd() * 300);
      for (let s = 0; s < steps; s++) {
        if (rnd() < 0.12 && ref.length > 0) {
          const n = 1 + Math.floor(rnd() * Math.min(ref.length, 40));
          q.dropFirst(n);
          ref.splice(0, n);
        } else {
          let off: number;
          if (pattern === 0) off = cursor += Math.floor(rnd() * 100);
          else if (pattern === 1) off = cursor -= Math.floor(rnd() * 100);
          else if (pattern === 3) off = Math.floor(rnd() * 8) * 100;
          else if (pattern === 4) off = rnd() < 0.5 ? (cursor += 50) : Math.floor(rnd() * (1 << 20));
          else off = Math.floor(rnd() * (1 << 20));
          const seg: OooSegment = { frame: ++frame, seq: u32(base + off), len: 1 + Math.floor(rnd() * 3), data: null, src: -1 };
          q.insert(seg);
          referenceInsert(ref, seg);
        }
        if (!sameOrder(q, ref)) expect({ run, step: s, queue: contents(q) }).toEqual({ run, step: s, queue: ref.map((r) => [r.frame, r.seq]) });
      }
      for (let k = 0; k < 30 && ref.length > 0; k++) {
        const probe = ref[Math.floor(rnd() * ref.length)]!;
        const len = rnd() < 0.5 ? probe.len : probe.len + 1;
        const frameAsked = rnd() < 0.8 ? probe.frame : probe.frame + 1;
        expect(q.holds(frameAsked, probe.seq, len)).toBe(ref.some((o) => o.frame === frameAsked && o.seq === probe.seq && o.len === len));
      }
    }
  });

  it('stays in order while a long queue is taken off its front in pieces (the taken part released in batches)', () => {
    const q = new OutOfOrderQueue();
    const ref: OooSegment[] = [];
    let frame = 0;
    for (let round = 0; round < 12; round++) {
      for (let i = 0; i < 3000; i++) {
        const seg: OooSegment = { frame: ++frame, seq: frame * 10, len: 10, data: null, src: -1 };
        q.insert(seg);
        ref.push(seg);
      }
      for (const n of [1100, 1, 500, 300]) {
        q.dropFirst(n);
        ref.splice(0, n);
        if (!sameOrder(q, ref)) expect({ round, n, first: q.at(0).frame }).toEqual({ round, n, first: ref[0]!.frame });
      }
    }
    expect(q.length).toBe(ref.length);
  });

  it('puts 80,000 segments that arrive last-first in order', () => {
    const q = new OutOfOrderQueue();
    const n = 80_000;
    for (let i = n - 1; i >= 0; i--) q.insert({ frame: n - i, seq: 1000 + i * 100, len: 100, data: null, src: -1 });
    expect(q.length).toBe(n);
    expect(q.at(0).seq).toBe(1000);
    expect(q.at(n - 1).seq).toBe(1000 + (n - 1) * 100);
    let inOrder = 0;
    for (let i = 1; i < n; i++) if (q.at(i).seq - q.at(i - 1).seq === 100) inOrder++;
    expect(inOrder).toBe(n - 1);
  });
});
