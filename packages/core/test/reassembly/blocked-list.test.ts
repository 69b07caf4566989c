import { describe, expect, it } from 'vitest';
import { BlockedList } from '../../src/reassembly/blocked-list.js';
import { seededRandom } from '../../../../test/support/seeded-random.js';

function sameAs(list: BlockedList<number>, ref: number[]): boolean {
  if (list.length !== ref.length) return false;
  for (let i = 0; i < ref.length; i++) if (list.at(i) !== ref[i]) return false;
  return true;
}

describe('BlockedList', () => {
  it('holds what an array spliced the same way holds (inserts at the end, the front, one place repeatedly, anywhere; front removals; clears)', () => {
    const rnd = seededRandom(2026_11_27);
    for (let run = 0; run < 60; run++) {
      const list = new BlockedList<number>();
      const ref: number[] = [];
      const pattern = run % 4; // 0 appends, 1 one place repeatedly (last-first after a head), 2 anywhere, 3 runs of each
      let place = 1;
      let next = 0;
      // Long enough runs to split blocks (past 1,024 items) and remove whole ones.
      const steps = run % 3 === 0 ? 4000 : 10 + Math.floor(rnd() * 400);
      for (let s = 0; s < steps; s++) {
        const value = next++;
        const roll = rnd();
        if (roll < 0.002) {
          list.clear();
          ref.length = 0;
          continue;
        }
        if (roll < 0.03 && ref.length > 0) {
          const n = 1 + Math.floor(rnd() * Math.min(ref.length, rnd() < 0.5 ? 30 : 1500));
          list.removeFirst(n);
          ref.splice(0, n);
        } else {
          let i: number;
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
        }
        // Reads in order and at random places, as walks and halving searches do.
        if (s % 7 === 0 || ref.length < 50) {
          if (!sameAs(list, ref)) expect({ run, step: s, got: list.toArray() }).toEqual({ run, step: s, got: ref });
        } else {
          const k = Math.floor(rnd() * ref.length);
          if (list.at(k) !== ref[k]) expect({ run, step: s, k, got: list.at(k) }).toEqual({ run, step: s, k, got: ref[k] });
        }
      }
      expect(list.toArray()).toEqual(ref);
    }
  });

  it('counts the items before a point by halving, as a scan from the front does', () => {
    const rnd = seededRandom(29);
    for (let run = 0; run < 40; run++) {
      const list = new BlockedList<number>();
      const ref: number[] = [];
      const n = run % 4 === 0 ? 3000 : Math.floor(rnd() * 200);
      for (let k = 0; k < n; k++) {
        const v = Math.floor(rnd() * 500);
        const i = list.countBefore((x) => x <= v); // after those level with it, as the reassembly's lists place items
        list.insert(i, v);
        ref.splice(ref.filter((x) => x <= v).length, 0, v);
      }
      expect(list.toArray()).toEqual(ref);
      for (const point of [-1, 0, 250, 499, 500, Math.floor(rnd() * 500)]) {
        expect(list.countBefore((x) => x < point)).toBe(ref.filter((x) => x < point).length);
      }
    }
  });

  it('takes 80,000 items put one after the first, each before the one before it', () => {
    const list = new BlockedList<number>();
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
