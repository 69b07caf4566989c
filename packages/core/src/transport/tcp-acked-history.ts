import { fitsInt32, fitsUint32, PagedColumn } from '../dissection/paged-column.js';
import { TcpAcked } from './tcp-conversation.js';

/** The fields most frames have, packed as Uint32 (seq/ack first: they tell results apart). */
const ROW_FIELDS = ['seq', 'ack', 'frameAcked', 'flags', 'bytesInFlight', 'pushBytesSent'] as const;
const W = ROW_FIELDS.length + 2; // + rttSec, rttNsec as Int32
/** Fields set only on retransmissions, duplicate ACKs and the like: a result with any of them stays an object. */
const RARE_FIELDS = ['dupackNum', 'dupackFrame', 'rtoFrame', 'newDataSeq', 'rtoSec', 'rtoNsec'] as const;

/**
 * Every frame's TCP analysis result (tcp_acked), kept for revisits when the
 * session keeps history. Most results (bytes in flight, the ACK's RTT) fit a
 * packed 32-byte row; the rest stay objects in a side map — results with
 * retransmission or duplicate-ACK details, a second TCP header of the same
 * frame. An object and its map entry cost ≈ 220 bytes, which was most of
 * what a million-frame capture kept for TCP.
 */
export class TcpAckedHistory {
  /** frame -> row + 1 (0: none). */
  private readonly rowOf = new PagedColumn((n) => new Int32Array(n));
  /** W Uint32 cells per row. */
  private readonly cells = new PagedColumn((n) => new Uint32Array(n));
  private count = 0;
  private readonly others = new Map<number, TcpAcked[]>();

  save(frame: number, ta: TcpAcked): void {
    const existing = this.rowOf.get(frame) - 1;
    const sameRow = existing >= 0 && this.cells.get(existing * W) === ta.seq && this.cells.get(existing * W + 1) === ta.ack;
    if ((sameRow || (existing < 0 && !this.others.has(frame))) && this.packable(ta)) {
      let row = existing;
      if (!sameRow) {
        row = this.count++;
        this.rowOf.set(frame, row + 1);
      }
      const at = row * W;
      for (let i = 0; i < ROW_FIELDS.length; i++) this.cells.set(at + i, ta[ROW_FIELDS[i]!]);
      this.cells.set(at + W - 2, ta.rttSec >>> 0);
      this.cells.set(at + W - 1, ta.rttNsec >>> 0);
      return;
    }
    const list = this.others.get(frame) ?? [];
    const i = list.findIndex((o) => o.seq === ta.seq && o.ack === ta.ack);
    if (i >= 0) list[i] = ta;
    else list.push(ta);
    this.others.set(frame, list);
  }

  /** What the first pass saved for (frame, seq, ack), as a fresh TcpAcked, or null. */
  load(frame: number, seq: number, ack: number): TcpAcked | null {
    const row = this.rowOf.get(frame) - 1;
    const at = row * W;
    if (row >= 0 && this.cells.get(at) === seq && this.cells.get(at + 1) === ack) {
      const ta = new TcpAcked(seq, ack);
      ta.frameAcked = this.cells.get(at + 2);
      ta.flags = this.cells.get(at + 3);
      ta.bytesInFlight = this.cells.get(at + 4);
      ta.pushBytesSent = this.cells.get(at + 5);
      ta.rttSec = this.cells.get(at + W - 2) | 0;
      ta.rttNsec = this.cells.get(at + W - 1) | 0;
      return ta;
    }
    return this.others.get(frame)?.find((o) => o.seq === seq && o.ack === ack) ?? null;
  }

  private packable(ta: TcpAcked): boolean {
    for (const k of ROW_FIELDS) if (!fitsUint32(ta[k])) return false;
    for (const k of RARE_FIELDS) if (ta[k] !== 0) return false;
    return fitsInt32(ta.rttSec) && fitsInt32(ta.rttNsec);
  }
}
