import { describe, expect, it } from 'vitest';
import { gtSeq, leSeq, u32 } from '../../src/transport/tcp-seq.js';
import { UnackedSegments, type Unacked } from '../../src/transport/unacked-segments.js';
import { seededRandom } from '../../../../test/support/seeded-random.js';

const seg = (frame: number, seq: number, len: number): Unacked => ({ frame, seq: u32(seq), nextseq: u32(seq + len), tsSec: frame, tsNsec: 0 });

/** Wireshark's walk (tcp_analyze_sequence_number), one splice per dropped segment: the reference. */
function referenceAck(list: Unacked[], ack: number): Unacked | null {
  let exact: Unacked | null = null;
  for (let i = list.length - 1; i >= 0; ) {
    const ual = list[i]!;
    if (ack === ual.nextseq) exact = ual;
    else if (gtSeq(ack, ual.seq) && leSeq(ack, ual.nextseq)) {
      ual.seq = ack;
      continue;
    } else if (gtSeq(ual.nextseq, ack)) {
      i--;
      continue;
    }
    list.splice(i, 1);
    i--;
  }
  return exact;
}

function referenceSpan(list: Unacked[], base: number): number {
  let first = u32(list[list.length - 1]!.seq - base);
  let last = u32(list[list.length - 1]!.nextseq - base);
  for (const s of list) {
    first = Math.min(first, u32(s.seq - base));
    last = Math.max(last, u32(s.nextseq - base));
  }
  return u32(last - first);
}

describe('UnackedSegments', () => {
  it('drops acknowledged segments, trims a cut one and reports the oldest exact match', () => {
    const u = new UnackedSegments();
    u.push(seg(1, 100, 10)); // 100-110
    u.push(seg(2, 110, 10)); // 110-120
    u.push(seg(3, 100, 10)); // retransmission of frame 1
    u.push(seg(4, 120, 10)); // 120-130
    expect(u.span(0)).toBe(30);
    const exact = u.acknowledge(110);
    expect(exact?.frame).toBe(1);
    expect(u.length).toBe(2);
    expect(u.eldest()?.frame).toBe(2);
    expect(u.span(0)).toBe(20);
    expect(u.acknowledge(125)).toBeNull();
    expect(u.length).toBe(1);
    expect(u.eldest()).toMatchObject({ frame: 4, seq: 125, nextseq: 130 });
    expect(u.span(0)).toBe(5);
  });

  it('keeps the span current while segments are only added (one direction captured)', () => {
    const u = new UnackedSegments();
    u.push(seg(1, 1000, 100));
    expect(u.span(999)).toBe(100);
    u.push(seg(2, 1100, 100));
    expect(u.span(999)).toBe(200);
    u.push(seg(3, 1000, 50)); // a retransmission
    expect(u.span(999)).toBe(200);
    // A new base (a SYN-ACK with another ISN) recomputes against it: below it, relative numbers wrap.
    expect(u.span(1050)).toBe(referenceSpan([seg(1, 1000, 100), seg(2, 1100, 100), seg(3, 1000, 50)], 1050));
  });

  it('agrees with Wireshark\'s walk on random traffic, including sequence wrap', () => {
    const rnd = seededRandom(9);
    for (let round = 0; round < 200; round++) {
      const base = round % 2 ? u32(0xffffffff - Math.floor(rnd() * 5000)) : Math.floor(rnd() * 1e6);
      const u = new UnackedSegments();
      const ref: Unacked[] = [];
      let next = base;
      for (let step = 0; step < 60; step++) {
        const r = rnd();
        if (r < 0.55) {
          // New data, or a retransmission of an earlier range.
          const retrans = ref.length > 0 && rnd() < 0.2;
          const from = retrans ? ref[Math.floor(rnd() * ref.length)]!.seq : next;
          const len = 1 + Math.floor(rnd() * 1448);
          if (!retrans) next = u32(next + len);
          const frame = round * 100 + step;
          u.push(seg(frame, from, len));
          ref.push(seg(frame, from, len));
        } else {
          // An ACK: exactly at a segment end, inside a segment, or anywhere near.
          const pick = ref.length && rnd() < 0.6 ? ref[Math.floor(rnd() * ref.length)]! : null;
          const ack = pick ? (rnd() < 0.7 ? pick.nextseq : u32(pick.seq + Math.floor(rnd() * (u32(pick.nextseq - pick.seq) + 1)))) : u32(base + Math.floor(rnd() * u32(next - base + 2000)));
          const want = referenceAck(ref, ack);
          const got = u.acknowledge(ack);
          expect(got?.frame ?? null).toBe(want?.frame ?? null);
        }
        expect(u.length).toBe(ref.length);
        expect(u.eldest()).toEqual(ref[0]);
        if (ref.length) expect(u.span(base)).toBe(referenceSpan(ref, base));
      }
    }
  });
});
