import { describe, expect, it } from 'vitest';
import { formatAbsolute, formatSecondsPrecision, timeDelta, timeDeltaNsec, timeDeltaSec } from '../../src/index.js';

describe('timeDelta', () => {
  // nstime_delta: the nanoseconds take the sign of the whole difference.
  const cases: Array<[number, number, number, number, number, number]> = [
    [5, 100, 3, 200, 1, 999_999_900],
    [3, 200, 5, 100, -1, -999_999_900],
    [5, 100, 5, 50, 0, 50],
    [5, 50, 5, 100, 0, -50],
    [7, 0, 7, 0, 0, 0],
    [-2, 500, 1, 0, -2, -999_999_500],
  ];
  it.each(cases)('%i.%i - %i.%i', (aSec, aNsec, bSec, bNsec, sec, nsec) => {
    expect(timeDelta(aSec, aNsec, bSec, bNsec)).toEqual([sec, nsec]);
    expect([timeDeltaSec(aSec, aNsec, bSec, bNsec), timeDeltaNsec(aSec, aNsec, bSec, bNsec)]).toEqual([sec, nsec]);
  });
});

describe('formatSecondsPrecision', () => {
  it('truncates to each precision from 0 to 9 decimals', () => {
    const shown = Array.from({ length: 10 }, (_, digits) => formatSecondsPrecision(12, 345_678_901, digits));
    expect(shown).toEqual(['12', '12.3', '12.34', '12.345', '12.3456', '12.34567', '12.345678', '12.3456789', '12.34567890', '12.345678901']);
  });

  it('pads small fractions and keeps the sign of a negative time', () => {
    expect(formatSecondsPrecision(0, 56_000, 6)).toBe('0.000056');
    expect(formatSecondsPrecision(0, 999, 9)).toBe('0.000000999');
    expect(formatSecondsPrecision(-1, -500_000_000, 3)).toBe('-1.500');
    expect(formatSecondsPrecision(0, -1_000, 6)).toBe('-0.000001');
  });
});

describe('formatAbsolute', () => {
  it('writes times past the range of Date as gmtime does', () => {
    // Frame 60 of the corpus's pcapng-example.pcapng (a 64-bit microsecond count near 2^64), as tshark 4.0 prints it.
    expect(formatAbsolute(18_446_744_073_204, 126_329_000, true)).toBe('Jan 19, 586524 07:53:24.126329000 UTC');
  });

  it('agrees with Date within its range', () => {
    expect(formatAbsolute(1_700_000_000, 5, true)).toBe('Nov 14, 2023 22:13:20.000000005 UTC');
    expect(formatAbsolute(8_640_000_000_000, 0, true)).toBe('Sep 13, 275760 00:00:00.000000000 UTC');
  });
});
