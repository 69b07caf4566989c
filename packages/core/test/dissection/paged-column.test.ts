import { describe, expect, it } from 'vitest';
import { PagedColumn } from '../../src/dissection/paged-column.js';

describe('PagedColumn', () => {
  it('stores across page boundaries and reads never-set entries (and whole missing pages) as the empty value', () => {
    const c = new PagedColumn((n) => new Int32Array(n), -1);
    for (const i of [0, 65535, 65536, 1_000_000]) c.set(i, i % 1000);
    expect([c.get(0), c.get(65535), c.get(65536), c.get(1_000_000)]).toEqual([0, 535, 536, 0]);
    expect(c.get(1)).toBe(-1);
    expect(c.get(300_000)).toBe(-1);
    expect(c.get(5_000_000)).toBe(-1);
  });

  it('converts to a wider type, keeping stored entries and the empty value', () => {
    const c = new PagedColumn((n) => new Int32Array(n), -7);
    c.set(3, 2 ** 31 - 1);
    const wide = c.convert((n) => new Float64Array(n), Number.NaN, (v) => (v === -7 ? Number.NaN : v));
    wide.set(70_000, 2 ** 40);
    expect(wide.get(3)).toBe(2 ** 31 - 1);
    expect(wide.get(4)).toBeNaN();
    expect(wide.get(70_000)).toBe(2 ** 40);
    expect(wide.get(200_000)).toBeNaN();
  });

  it('finds the indexes holding a value below an end, across pages and through missing ones', () => {
    const c = new PagedColumn((n) => new Int32Array(n), -1);
    for (const i of [2, 65_536 + 5, 200_000]) c.set(i, 9);
    c.set(200_001, 4);
    expect(c.indexesOf(9, 200_001)).toEqual([2, 65_541, 200_000]);
    expect(c.indexesOf(9, 100_000)).toEqual([2, 65_541]);
    expect(c.indexesOf(-1, 4)).toEqual([0, 1, 3]);
  });
});
