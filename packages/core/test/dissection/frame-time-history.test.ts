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
});
