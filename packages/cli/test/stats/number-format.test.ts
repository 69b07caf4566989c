import { describe, expect, it } from 'vitest';
import { cFixed } from '../../src/stats/c-format.js';
import { formatByteSize } from '../../src/stats/format-size.js';

describe('printf-compatible numbers', () => {
  it('rounds exact ties half to even, as glibc does', () => {
    // Values and results from glibc's printf.
    const cases: Array<[number, number, string]> = [
      [0.125, 2, '0.12'], [2.5, 0, '2'], [0.005, 2, '0.01'], [2.675, 2, '2.67'], [-0.5, 0, '-0'], [-0.5, 2, '-0.50'],
      [1e-7, 6, '0.000000'], [1e-7, 9, '0.000000100'], [123456.789, 0, '123457'], [5477 / 3, 9, '1825.666666667'],
      [Math.fround(130.281998), 6, '130.281998'],
    ];
    for (const [v, d, want] of cases) expect(cFixed(v, d), `${v} %.${d}f`).toBe(want);
  });

  it('formats byte counts as tshark\'s conversation table does', () => {
    expect(formatByteSize(0)).toBe('0 bytes');
    expect(formatByteSize(9999)).toBe('9999 bytes');
    expect(formatByteSize(10000)).toBe('10 kB');
    expect(formatByteSize(22065)).toBe('22 kB');
    expect(formatByteSize(9_999_999)).toBe('9999 kB');
    expect(formatByteSize(10_000_000)).toBe('10 MB');
    expect(formatByteSize(25_000_000_000)).toBe('25 GB');
  });
});
