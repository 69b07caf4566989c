import { describe, expect, it } from 'vitest';
import { PieceList } from '../../src/reassembly/piece-list.js';
import { seededRandom } from '../../../../test/support/seeded-random.js';

function sameAs(list: PieceList<number>, ref: number[]): boolean {
  if (list.length !== ref.length) return false;
  for (let i = 0; i < ref.length; i++) if (list.at(i) !== ref[i]) return false;
  return true;
}

describe('PieceList', () => {
  it('holds what an array spliced the same way holds (inserts at the end, the front, one place repeatedly, anywhere; clears)', () => {
    const rnd = seededRandom(2026_11_27);
    for (let run = 0; run < 300; run++) {
      const list = new PieceList<number>();
      const ref: number[] = [];
      const pattern = run % 4; // 0 appends, 1 one place repeatedly (last-first after a head), 2 anywhere, 3 runs of each
      let place = 1;
      let next = 0;
      const steps = 10 + Math.floor(rnd() * 400);
      for (let s = 0; s < steps; s++) {
        const value = next++;
        let i: number;
        if (rnd() < 0.01) {
          list.clear();
          ref.length = 0;
          continue;
        }
        if (pattern === 0) i = ref.length;
        else if (pattern === 1) i = Math.min(place, ref.length);
        else if (pattern === 2) i = Math.floor(rnd() * (ref.length + 1));
        else {
          if (s % 25 === 0) place = Math.floor(rnd() * (ref.length + 1));
          i = rnd() < 0.3 ? ref.length : Math.min(place, ref.length);
        }
        if (i === ref.length && rnd() < 0.5) list.push(value);
        else list.insert(i, value);
        ref.splice(i, 0, value);
        if (!sameAs(list, ref)) expect({ run, step: s, got: list.toArray() }).toEqual({ run, step: s, got: ref });
      }
      expect(list.toArray()).toEqual(ref);
    }
  });

  it('takes 80,000 pieces put one after the first, each before the one before it', () => {
    const list = new PieceList<number>();
    list.push(-1);
    const n = 80_000;
    for (let v = n - 1; v >= 0; v--) list.insert(1, v);
    list.push(n);
    expect(list.length).toBe(n + 2);
    let inOrder = 0;
    for (let i = 1; i < list.length; i++) if (list.at(i) === list.at(i - 1) + 1) inOrder++;
    expect(inOrder).toBe(n + 1);
  });
});
