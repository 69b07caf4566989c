import { findLineEnd, type LineEnd } from './tvb-line-end.js';
import type { Tvb } from './tvb.js';

/**
 * How far the search for the end of a line got when the line had no end
 * yet and its dissector asked TCP for one more segment. Line-based
 * dissectors search from the line's start again with every segment, as
 * Wireshark's do, so one line in n segments costs O(n²) (10,000 segments
 * of one SMTP, POP3, IMAP or HTTP line: 8–25 s). A stream's bytes do not
 * change once reassembled, so the next search for the same line (the same
 * stream position of its first byte) goes on from where the last one
 * stopped. One line per memo: keep one per direction of a connection.
 */
/** How many bytes before the resume point must be the same for a search to go on there. */
const TAIL_BYTES = 8;

export class UnfinishedLineMemo {
  /** Stream position (TCP sequence number) of the remembered line's first byte; -1 for none. */
  private key = -1;
  /** How many bytes from the line's start are known to be free of what ends it. */
  private searched = 0;
  /**
   * The bytes just before where the search stopped. A segment sent again
   * with other bytes at the same stream position (a conflicting
   * retransmission) does not match them, and is searched from its start.
   */
  private readonly tail = new Uint8Array(TAIL_BYTES);
  private tailLength = 0;

  /**
   * Where a search for the end of the line at tvb offset `off`, whose first
   * byte is at stream position `key` (-1: not a stream, no memo), can start
   * when the data ends at `end`.
   */
  resumeAt(off: number, key: number, end: number, tvb: Tvb): number {
    if (key < 0 || key !== this.key || off + this.searched > end) return off;
    const at = off + this.searched;
    for (let i = 0; i < this.tailLength; i++) if (tvb.u8(at - this.tailLength + i) !== this.tail[i]) return off;
    return at;
  }

  /** The search for the end of the line at `off` (stream position `key`) found none before `stop`. */
  noEndBefore(off: number, key: number, stop: number, tvb: Tvb): void {
    if (key < 0) return;
    this.key = key;
    this.searched = Math.max(0, stop - off);
    this.tailLength = Math.min(TAIL_BYTES, this.searched);
    for (let i = 0; i < this.tailLength; i++) this.tail[i] = tvb.u8(off + this.searched - this.tailLength + i);
  }

  /** findLineEnd's desegment form for the line at `off` (stream position `key`), resuming a search that stopped for want of data. */
  findLineEnd(tvb: Tvb, off: number, key: number, within = -1): LineEnd {
    const end = within < 0 ? tvb.length : Math.min(tvb.length, off + within);
    const line = findLineEnd(tvb, off, true, within, this.resumeAt(off, key, end, tvb));
    // The last byte is searched again: it may be a CR whose LF is still to come.
    if (line.len < 0) this.noEndBefore(off, key, end - 1, tvb);
    return line;
  }
}

/** The stream position of tvb offset `off` for data a TCP segment (or reassembly) starting at `seq` handed over; -1 without TCP. */
export function streamPosition(seq: number | undefined, off: number): number {
  return seq === undefined ? -1 : (seq + off) >>> 0;
}
