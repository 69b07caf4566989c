import { FragmentHead } from './fragment-head.js';

export { FragFlag, FragmentHead } from './fragment-head.js';

/**
 * No IPv4 or IPv6 datagram needs more than 8192 fragments (65535 bytes in
 * 8-byte units); twice that allows for retransmissions. Past it the
 * datagram is a flood (e.g. endless zero-length or overlapping pieces,
 * each of which costs a walk over all the others) and is dropped.
 */
const MAX_FRAGMENTS_PER_DATAGRAM = 16384;

/**
 * IP-style reassembly with fragment_add_check semantics: datagrams keyed by
 * (addresses, id); a datagram leaves the table when it completes, so a
 * later reuse of the id starts afresh. Incomplete datagrams are dropped when
 * the total held exceeds the byte cap, and after a timeout when one is set
 * (0: none); both are counted.
 */
export class FragmentTable {
  private readonly pending = new Map<string, { head: FragmentHead; firstSec: number }>();
  /** frame|key -> completed head, for later passes. */
  private readonly reassembled = new Map<string, FragmentHead>();
  private pendingBytes = 0;
  /** Incomplete datagrams dropped after the timeout. */
  expired = 0;
  /** Incomplete datagrams dropped to stay under the byte limit. */
  evicted = 0;

  constructor(
    private readonly maxPendingBytes: number,
    private readonly timeoutSec: number,
    /** Whether completed datagrams are kept for later passes (a one-pass run never looks them up). */
    private readonly keepsHistory: () => boolean = () => true,
  ) {}

  /** First pass: add a fragment; the head when this fragment completed the datagram, else null. */
  add(key: string, frame: number, tsSec: number, bytes: Uint8Array, fragOffset: number, moreFrags: boolean): FragmentHead | null {
    this.expire(tsSec);
    let entry = this.pending.get(key);
    if (!entry) {
      entry = { head: new FragmentHead(), firstSec: tsSec };
      this.pending.set(key, entry);
    }
    const head = entry.head;
    if (head.pendingBytes + bytes.length > this.maxPendingBytes || head.count >= MAX_FRAGMENTS_PER_DATAGRAM) {
      // This datagram alone is past the limits: it goes, not the others.
      this.drop(key);
      this.evicted++;
      return null;
    }
    if (this.pendingBytes + bytes.length > this.maxPendingBytes) this.evict(bytes.length, key);
    const before = head.pendingBytes;
    const done = head.addWork(bytes, fragOffset, moreFrags, frame, frame);
    this.pendingBytes += head.pendingBytes - before;
    if (!done) return null;
    this.pending.delete(key);
    if (this.keepsHistory()) for (let i = 0; i < head.count; i++) this.reassembled.set(`${head.piece(i).frame}|${key}`, head);
    return head;
  }

  /** Later passes: the completed datagram this frame's fragment belonged to, if any. */
  lookup(key: string, frame: number): FragmentHead | undefined {
    return this.reassembled.get(`${frame}|${key}`);
  }

  private expire(nowSec: number): void {
    if (this.timeoutSec <= 0) return;
    for (const [k, e] of this.pending) {
      if (nowSec - e.firstSec <= this.timeoutSec) break; // insertion order is time order
      this.drop(k);
      this.expired++;
    }
  }

  private evict(needed: number, keep: string): void {
    for (const k of this.pending.keys()) {
      if (this.pendingBytes + needed <= this.maxPendingBytes) break;
      if (k === keep) continue;
      this.drop(k);
      this.evicted++;
    }
  }

  private drop(k: string): void {
    const e = this.pending.get(k);
    if (!e) return;
    this.pending.delete(k);
    this.pendingBytes -= e.head.pendingBytes;
    e.head.release();
  }
}
