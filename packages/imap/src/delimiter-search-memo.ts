import { UnfinishedLineMemo, type Tvb } from '@netdissect/core';
import { findByte } from './line-scan.js';

/**
 * How far the last search of a FETCH response for one of its delimiters
 * ("(", "{", "}", ")") got before the response asked TCP for one more
 * segment. Each segment hands the response over again with more at its
 * end, and the search would start over from the same place: 20,000
 * segments after a literal without its ")" took 13.6 s. The stream's bytes
 * do not change, so the next search for the same byte from the same stream
 * position goes on from where this one stopped (core's memo of a search
 * that found no end, keyed here by the byte too). One search per direction.
 */
export class DelimiterSearchMemo {
  private readonly progress = new UnfinishedLineMemo();
  /** The byte the remembered search looked for. */
  private byte = -1;

  /** findByte(tvb, byte, offset, maxLen) for a search starting at stream position `key` (-1: no memo). */
  find(tvb: Tvb, byte: number, offset: number, key: number, maxLen = -1): number {
    const stop = maxLen < 0 ? tvb.length : Math.min(tvb.length, offset + maxLen);
    const from = byte === this.byte ? this.progress.resumeAt(offset, key, stop, tvb) : offset;
    const at = from < stop ? findByte(tvb, byte, from, stop - from) : -1;
    if (at < 0 && key >= 0) {
      this.byte = byte;
      this.progress.noEndBefore(offset, key, stop, tvb);
    }
    return at;
  }
}
