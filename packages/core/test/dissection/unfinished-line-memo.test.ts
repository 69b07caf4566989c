import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../../test/support/seeded-random.js';
import { findLineEnd } from '../../src/dissection/tvb-line-end.js';
import { Tvb } from '../../src/dissection/tvb.js';
import { UnfinishedLineMemo } from '../../src/dissection/unfinished-line-memo.js';

const CR = 0x0d;
const LF = 0x0a;

/** A stream of mostly letters with a CR or LF now and then, CRLFs among them. */
function stream(random: () => number, length: number): Uint8Array {
  const b = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    const r = random();
    b[i] = r < 0.02 ? CR : r < 0.04 ? LF : 0x61 + Math.floor(random() * 26);
    if (b[i] === CR && random() < 0.5 && i + 1 < length) b[++i] = LF;
  }
  return b;
}

/** The data a reassembly hands over: a fresh copy of stream bytes [from, to), as TCP builds it anew for every segment. */
const handed = (s: Uint8Array, from: number, to: number): Tvb => Tvb.fromBytes('Reassembled TCP', s.slice(from, to));

describe('UnfinishedLineMemo', () => {
  it('finds every line end findLineEnd finds, as data arrives a few bytes at a time', () => {
    const random = seededRandom(2711);
    let resumed = 0;
    const mismatches: string[] = [];
    for (let round = 0; round < 100; round++) {
      const s = stream(random, 2_000);
      const memo = new UnfinishedLineMemo();
      // Like IMAP the walk may restart at the unfinished line, or like SMTP keep the data's first byte.
      const restartAtLine = random() < 0.5;
      let pduStart = 0;
      let available = 0;
      while (available < s.length) {
        available = Math.min(s.length, available + 1 + Math.floor(random() * 12));
        if (random() < 0.05 && available > pduStart + 1) {
          // A later pass over less of the same data.
          const shorter = handed(s, pduStart, pduStart + 1 + Math.floor(random() * (available - pduStart - 1)));
          const got = memo.findLineEnd(shorter, 0, pduStart);
          const want = findLineEnd(shorter, 0, true);
          if (got.len !== want.len || got.next !== want.next) mismatches.push(`round ${round}, shorter data at ${pduStart}`);
        }
        const tvb = handed(s, pduStart, available);
        const within = random() < 0.1 ? Math.floor(random() * tvb.length) : -1;
        let off = 0;
        while (off < tvb.length) {
          const key = pduStart + off;
          if (memo.resumeAt(off, key, tvb.length, tvb) > off) resumed++;
          const got = memo.findLineEnd(tvb, off, key, within);
          const want = findLineEnd(tvb, off, true, within);
          if (got.len !== want.len || got.next !== want.next) mismatches.push(`round ${round}, line at ${key}: ${JSON.stringify(got)} for ${JSON.stringify(want)}`);
          if (got.len < 0) break;
          off = got.next;
        }
        if (restartAtLine) pduStart += off;
        if (within < 0 && off >= tvb.length) pduStart = available;
      }
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
    // Most searches went on from an earlier one: the test exercised the memo.
    expect(resumed).toBeGreaterThan(5_000);
  });

  it('starts over for other data: another stream position, or fewer bytes than it searched', () => {
    const memo = new UnfinishedLineMemo();
    const text = new TextEncoder().encode('abcdefgh\r\nrest');
    const more = Tvb.fromBytes('t', text.slice(0, 9));
    expect(memo.findLineEnd(Tvb.fromBytes('t', text.slice(0, 8)), 0, 100).len).toBe(-1);
    expect(memo.resumeAt(0, 100, 9, more)).toBe(7);
    // Another line, or the same position in shorter data (a later pass), is searched from its start.
    expect(memo.resumeAt(0, 101, 9, more)).toBe(0);
    expect(memo.resumeAt(0, 100, 6, Tvb.fromBytes('t', text.slice(0, 6)))).toBe(0);
    // So is other data at the same position (a segment sent again with other bytes): its line may end sooner.
    const other = Tvb.fromBytes('t', new TextEncoder().encode('ab\r\ncdefgh'));
    expect(memo.resumeAt(0, 100, 9, other)).toBe(0);
    expect(memo.findLineEnd(other, 0, 100)).toEqual({ len: 2, next: 4 });
    expect(memo.findLineEnd(Tvb.fromBytes('t', new TextEncoder().encode('ab\ncd')), 0, 100)).toEqual({ len: 2, next: 3 });
    // Without a stream position nothing is remembered.
    const none = new UnfinishedLineMemo();
    none.findLineEnd(Tvb.fromBytes('t', text.slice(0, 8)), 0, -1);
    expect(none.resumeAt(0, -1, 9, more)).toBe(0);
  });

  it('searches again the CR that ended the data, whose LF may come next', () => {
    const memo = new UnfinishedLineMemo();
    const bytes = new TextEncoder().encode('line\r\nnext');
    expect(memo.findLineEnd(Tvb.fromBytes('t', bytes.slice(0, 5)), 0, 7).len).toBe(-1);
    expect(memo.resumeAt(0, 7, 6, Tvb.fromBytes('t', bytes.slice(0, 6)))).toBe(4);
    expect(memo.findLineEnd(Tvb.fromBytes('t', bytes.slice(0, 6)), 0, 7)).toEqual({ len: 4, next: 6 });
  });
});
