import type { Tvb } from '../dissection/tvb.js';

/** Where a header field ends, and whether it was the last one before the body. */
export interface FieldEnd {
  /** Offset of the next field (just past this field's CRLF), or -1 when no CR was found. */
  end: number;
  lastField: boolean;
}

/**
 * imf_find_field_end: the header field starting at `off` ends at the first
 * CRLF not followed by white space (a fold). A CRLF followed by another
 * CRLF ends the header block; a CRLF that ends the data is reported as the
 * last field with `end` pointing at the CR, as Wireshark does.
 */
export function findFieldEnd(tvb: Tvb, off: number, max: number): FieldEnd {
  const limit = Math.min(max, tvb.length);
  const b = tvb.bytes;
  const base = tvb.start;
  while (off < max) {
    let cr = -1;
    for (let i = off; i < limit; i++) {
      if (b[base + i] === 0x0d) {
        cr = i;
        break;
      }
    }
    if (cr < 0) break;
    off = cr + 1;
    if (off < max && tvb.u8(off) === 0x0a) {
      off++;
      if (off >= max) return { end: off - 2, lastField: true };
      const c = tvb.u8(off);
      if (c === 0x0d) return { end: off, lastField: off + 1 < max && tvb.u8(off + 1) === 0x0a };
      if (c !== 0x20 && c !== 0x09) return { end: off, lastField: false };
    }
  }
  return { end: -1, lastField: false };
}
