import { describe, expect, it } from 'vitest';
import { Tvb } from '../../src/dissection/tvb.js';

/** 10 bytes captured of a 100-byte packet. */
const cut = (): Tvb => {
  const whole = Tvb.fromBytes('test', new Uint8Array(10));
  return new Tvb(whole.ds, 0, 10, 100);
};

describe('Tvb remaining lengths (tvb_captured_length_remaining, tvb_reported_length_remaining)', () => {
  it('counts to the reported end from an offset within the captured data', () => {
    expect(cut().reportedRemaining(0)).toBe(100);
    expect(cut().reportedRemaining(10)).toBe(90);
    expect(cut().remaining(4)).toBe(6);
  });

  it('answers 0 for an offset past the captured data, as compute_offset fails there', () => {
    expect(cut().reportedRemaining(11)).toBe(0);
    expect(cut().reportedRemaining(50)).toBe(0);
    expect(cut().remaining(11)).toBe(0);
  });
});
