import { describe, expect, it } from 'vitest';
import { FrameTimeHistory } from '../../src/dissection/frame-time-history.js';

describe('FrameTimeHistory', () => {
  it('returns what was stored for each frame, null for frames never stored, across growth', () => {
    const h = new FrameTimeHistory();
    for (let f = 1; f <= 5000; f += 2) h.set(f, 1_600_000_000 + f, f * 1000);
    expect(h.get(1)).toEqual([1_600_000_001, 1000]);
    expect(h.get(4999)).toEqual([1_600_004_999, 4_999_000]);
    expect(h.get(2)).toBeNull();
    expect(h.get(1_000_000)).toBeNull();
  });

  it('keeps a zero timestamp (records without one count as time zero)', () => {
    const h = new FrameTimeHistory();
    h.set(3, 0, 0);
    expect(h.get(3)).toEqual([0, 0]);
  });

  it('keeps negative deltas, values far from the first one and fractional values exactly (switching to wide storage)', () => {
    const h = new FrameTimeHistory();
    h.set(1, 1_600_000_000, 5);
    h.set(2, 1_599_999_999, -999_999_999);
    expect(h.get(2)).toEqual([1_599_999_999, -999_999_999]);
    h.set(3, 1_600_000_000 + 2 ** 33, 7);
    h.set(5000, 0.5, 1.25);
    expect(h.get(1)).toEqual([1_600_000_000, 5]);
    expect(h.get(2)).toEqual([1_599_999_999, -999_999_999]);
    expect(h.get(3)).toEqual([1_600_000_000 + 2 ** 33, 7]);
    expect(h.get(5000)).toEqual([0.5, 1.25]);
    expect(h.get(4)).toBeNull();
  });
});
