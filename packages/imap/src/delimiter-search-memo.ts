import type { Tvb } from '@netdissect/core';
import { findByte } from './line-scan.js';

/**
 * How far the last search of a FETCH response for one of its delimiters
 * ("(", "{", "}", ")") got before the response asked TCP for one more
 * segment. Each segment hands the response over again with more at its
 * end, and the search would start over from the same place: 20,000
 * segments after a literal without its ")" took 13.6 s. The stream's bytes
 * do not change, so the next search for the same byte from the same stream
 * position goes on from where this one stopped. One search per direction.
 */
export class DelimiterSearchMemo {
  /** Stream position where the remembered search started; -1 for none. */
  private key = -1;
  private byte = -1;
  /** Bytes from the start known not to hold the byte. */
  private searched = 0;

  /** findByte(tvb, byte, offset, maxLen) for a search starting at stream position `key` (-1: no memo). */
  find(tvb: Tvb, byte: number, offset: number, key: number, maxLen = -1): number {
    const stop = maxLen < 0 ? tvb.length : Math.min(tvb.length, offset + maxLen);
    const resume = key >= 0 && key === this.key && byte === this.byte && offset + this.searched <= stop;
    const from = resume ? offset + this.searched : offset;
    const at = from < stop ? findByte(tvb, byte, from, stop - from) : -1;
    if (at < 0 && key >= 0) {
      this.key = key;
      this.byte = byte;
      this.searched = Math.max(0, stop - offset);
    }
    return at;
  }
}
