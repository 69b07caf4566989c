import { describe, expect, it } from 'vitest';
import { decodeAscii } from '@netdissect/core';

/** Every byte of `bytes` by the rule itself: below 0x80 as that code point, above as U+FFFD. */
function byRule(bytes: Uint8Array): string {
  return Array.from(bytes, (c) => (c < 0x80 ? String.fromCharCode(c) : '\ufffd')).join('');
}

describe('decodeAscii (ENC_ASCII)', () => {
  it('gives the same text on its short and long paths, for every byte value and length around the switch', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    for (let len = 0; len <= 96; len++) {
      for (const start of [0, 100, 200]) {
        const bytes = Uint8Array.from({ length: len }, (_, i) => all[(start + i * 37) % 256]!);
        expect(decodeAscii(bytes)).toBe(byRule(bytes));
      }
    }
  });

  it('reads a view into a larger buffer without the bytes around it', () => {
    const buf = new TextEncoder().encode('xx' + 'HELO mail.example.com '.repeat(3) + 'yy');
    const view = buf.subarray(2, buf.length - 2);
    expect(decodeAscii(view)).toBe('HELO mail.example.com '.repeat(3));
    const high = Uint8Array.of(0x41, 0xe9, 0x42, ...new Array(40).fill(0x43), 0xff);
    expect(decodeAscii(high.subarray(1))).toBe('\ufffdB' + 'C'.repeat(40) + '\ufffd');
  });
});
