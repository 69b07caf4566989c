import { describe, expect, it } from 'vitest';
import { findLineEnd, tokenAt } from '../../src/dissection/tvb-line-end.js';
import { Tvb } from '../../src/dissection/tvb.js';

const tvb = (text: string): Tvb => Tvb.fromBytes('test', new TextEncoder().encode(text));

describe('findLineEnd (tvb_find_line_end)', () => {
  it('ends a line at CR, LF or CRLF, and at the end of the data without one', () => {
    expect(findLineEnd(tvb('GET / HTTP/1.1\r\nHost: x\r\n'), 0)).toEqual({ len: 14, next: 16 });
    expect(findLineEnd(tvb('a\nb'), 0)).toEqual({ len: 1, next: 2 });
    expect(findLineEnd(tvb('a\rb'), 0)).toEqual({ len: 1, next: 2 });
    expect(findLineEnd(tvb('abc'), 1)).toEqual({ len: 2, next: 3 });
  });

  it('with desegment, waits for a missing terminator or for the LF after a final CR', () => {
    expect(findLineEnd(tvb('abc'), 0, true).len).toBe(-1);
    expect(findLineEnd(tvb('abc\r'), 0, true).len).toBe(-1);
    expect(findLineEnd(tvb('abc\r\n'), 0, true)).toEqual({ len: 3, next: 5 });
  });

  it('looks only `within` bytes from the offset when told', () => {
    const t = tvb('abcdef\r\nrest');
    expect(findLineEnd(t, 0, false, 4)).toEqual({ len: 4, next: 4 });
    expect(findLineEnd(t, 0, true, 4).len).toBe(-1);
    // A CR at the edge of the window may be half of a CRLF.
    expect(findLineEnd(t, 0, true, 7).len).toBe(-1);
    expect(findLineEnd(t, 0, true, 8)).toEqual({ len: 6, next: 8 });
    // A window past the data stops at the data.
    expect(findLineEnd(tvb('abc'), 1, false, 100)).toEqual({ len: 2, next: 3 });
  });
});

describe('tokenAt (get_token_len)', () => {
  it('takes the word up to a blank, CR or LF and skips the blanks after it', () => {
    const bytes = new TextEncoder().encode('USER  anonymous\r\n');
    expect(tokenAt(bytes, 0, bytes.length)).toEqual({ len: 4, next: 6 });
    expect(tokenAt(bytes, 6, bytes.length)).toEqual({ len: 9, next: 15 });
    expect(tokenAt(bytes, 0, 2)).toEqual({ len: 2, next: 2 });
  });
});
