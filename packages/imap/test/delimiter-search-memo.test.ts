import { Tvb } from '@netdissect/core';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../test/support/seeded-random.js';
import { DelimiterSearchMemo } from '../src/delimiter-search-memo.js';
import { findByte } from '../src/line-scan.js';

const DELIMITERS = [0x28, 0x29, 0x7b, 0x7d];

describe('DelimiterSearchMemo', () => {
  it('finds what findByte finds, as a response arrives a few bytes at a time', () => {
    const random = seededRandom(4242);
    const mismatches: string[] = [];
    // Failed searches are what the memo remembers and later ones resume.
    let failed = 0;
    for (let round = 0; round < 200; round++) {
      // Mostly letters, a delimiter now and then.
      const stream = Uint8Array.from({ length: 1_500 }, () => (random() < 0.01 ? DELIMITERS[Math.floor(random() * 4)]! : 0x61 + Math.floor(random() * 26)));
      const memo = new DelimiterSearchMemo();
      const start = Math.floor(random() * 50);
      let available = start;
      while (available < stream.length) {
        available = Math.min(stream.length, available + 1 + Math.floor(random() * 20));
        // Each call gets a fresh copy from the response's start, as TCP hands it over; it searches from a few places.
        const tvb = Tvb.fromBytes('Reassembled TCP', stream.slice(start, available));
        for (let k = 0; k < 3; k++) {
          const byte = DELIMITERS[Math.floor(random() * 4)]!;
          const offset = Math.floor(random() * 8) * 3;
          const maxLen = random() < 0.2 ? Math.floor(random() * tvb.length) : -1;
          const key = start + offset;
          const got = memo.find(tvb, byte, offset, key, maxLen);
          const want = findByte(tvb, byte, offset, maxLen);
          if (got !== want) mismatches.push(`round ${round}: ${String.fromCharCode(byte)} from ${offset} (max ${maxLen}) in ${tvb.length}: ${got} for ${want}`);
          if (want < 0 && tvb.length - offset > 20) failed++;
        }
      }
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
    expect(failed).toBeGreaterThan(1_000);
  });
});
