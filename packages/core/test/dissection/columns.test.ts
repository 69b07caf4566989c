import { describe, expect, it } from 'vitest';
import { Columns, hasRawBytes, rawByteString, rawStringBytes, type DeferredInfo } from '../../src/index.js';
import { seededRandom } from '../../../../test/support/seeded-random.js';

const MAX_INFO = 4095;

/** Wireshark's Info rules written out plainly: every text is a string at once. */
class EagerInfo {
  info = '';
  fence = 0;
  writable = true;
  /** Cut at MAX_INFO bytes of UTF-8; a split character leaves its first bytes. */
  private clip(s: string): string {
    const bytes = rawStringBytes(s);
    return bytes.length > MAX_INFO ? rawByteString(bytes.subarray(0, MAX_INFO)) : s;
  }
  clearInfo(): void {
    if (this.writable) this.info = this.info.slice(0, this.fence);
  }
  setInfo(s: string): void {
    if (this.writable) this.info = this.clip(this.info.slice(0, this.fence) + s);
  }
  appendInfo(s: string): void {
    if (this.writable) this.info = this.clip(this.info + s);
  }
  appendSepInfo(sep: string, s: string): void {
    if (this.writable) this.info = this.clip(this.info.length ? this.info + sep + s : s);
  }
  prependInfo(s: string): void {
    if (!this.writable) return;
    if (this.fence > 0) this.fence += s.length;
    this.info = this.clip(s + this.info);
  }
  prependFenceInfo(s: string): void {
    if (!this.writable) return;
    this.fence = this.fence > 0 ? this.fence + s.length : s.length;
    this.info = this.clip(s + this.info);
  }
  setFence(): void {
    if (this.writable) this.fence = this.info.length;
  }
  clearFence(): void {
    if (this.writable) this.fence = 0;
  }
}

/** A deferred part with fixed text that counts how often it is formatted. */
class CountedText implements DeferredInfo {
  owner: Columns | null = null;
  formatted = 0;
  constructor(readonly s: string) {}
  text(): string {
    this.formatted++;
    return this.s;
  }
}

describe('Columns: Info with a deferred part', () => {
  it('gives the same text as writing every part at once, over 20,000 random write sequences', () => {
    const rnd = seededRandom(0x1f0);
    const pick = (n: number): number => Math.floor(rnd() * n);
    // Mostly short words; now and then one long enough to reach the 4095-byte cap.
    const word = (): string => (rnd() < 0.03 ? 'x'.repeat(1000 + pick(4000)) : ['a', 'bc', ' [TCP Retransmission] ', '80 → 1', ''][pick(5)]!);
    for (let round = 0; round < 20_000; round++) {
      const cols = new Columns();
      const model = new EagerInfo();
      // A second Columns that sometimes takes over a part the first still holds.
      const other = new Columns();
      let otherModel = '';
      const parts: CountedText[] = [];
      const moved = new Set<CountedText>();
      const steps = 1 + pick(12);
      for (let i = 0; i < steps; i++) {
        const s = word();
        switch (pick(12)) {
          case 0: cols.clearInfo(); model.clearInfo(); break;
          case 1: cols.setInfo(s); model.setInfo(s); break;
          case 2: cols.appendInfo(s); model.appendInfo(s); break;
          case 3: cols.appendSepInfo(', ', s); model.appendSepInfo(', ', s); break;
          case 4: cols.prependInfo(s); model.prependInfo(s); break;
          case 5: cols.prependFenceInfo(s); model.prependFenceInfo(s); break;
          case 6: cols.setFence(); model.setFence(); break;
          case 7: cols.clearFence(); model.clearFence(); break;
          case 8: expect(cols.info).toBe(model.info); break;
          case 9: cols.writable = model.writable = !cols.writable; break;
          case 10: {
            // Another column takes the part: this one keeps its text, formatted now.
            const last = parts[parts.length - 1];
            if (last && last.owner === cols) {
              other.appendDeferredInfo(last);
              otherModel += last.s;
              moved.add(last);
            }
            break;
          }
          default: {
            const d = new CountedText(s);
            parts.push(d);
            cols.appendDeferredInfo(d);
            model.appendInfo(s);
          }
        }
      }
      expect(cols.info).toBe(model.info);
      expect(other.info).toBe(otherModel.slice(0, MAX_INFO));
      // Formatted at most once per column that held it.
      for (const d of parts) expect(d.formatted).toBeLessThanOrEqual(moved.has(d) ? 2 : 1);
    }
  });

  it('formats a deferred part only when it is read or written after, not when it is replaced', () => {
    const cols = new Columns();
    const tcp = new CountedText('80 → 1234 [ACK] Seq=1 Ack=1 Win=512 Len=20');
    cols.appendDeferredInfo(tcp);
    cols.prependFenceInfo('[TCP Retransmission] ');
    cols.clearInfo();
    cols.setInfo('GET / HTTP/1.1 ');
    expect(cols.info).toBe('[TCP Retransmission] GET / HTTP/1.1 ');
    expect(tcp.formatted).toBe(0);

    const ack = new CountedText('80 → 1234 [ACK] Seq=1 Ack=21 Win=512 Len=0');
    const pure = new Columns();
    pure.appendDeferredInfo(ack);
    expect(ack.formatted).toBe(0);
    expect(pure.info).toBe('80 → 1234 [ACK] Seq=1 Ack=21 Win=512 Len=0');
    expect(pure.info).toBe('80 → 1234 [ACK] Seq=1 Ack=21 Win=512 Len=0');
    expect(ack.formatted).toBe(1);
  });

  it('ignores a deferred part while the column is not writable', () => {
    const cols = new Columns();
    cols.writable = false;
    const d = new CountedText('quoted');
    cols.appendDeferredInfo(d);
    expect(d.owner).toBeNull();
    cols.writable = true;
    expect(cols.info).toBe('');
  });
});

describe('Columns: Info length in bytes', () => {
  it('cuts Info at 4,095 bytes of UTF-8, keeping the first bytes of a character the cut splits (tshark prints them)', () => {
    const cols = new Columns();
    cols.setInfo('a'.repeat(4093) + '\u00e9\u20ac');
    let bytes = rawStringBytes(cols.info);
    expect(bytes.length).toBe(4095);
    expect([...bytes.subarray(4093)]).toEqual([0xc3, 0xa9]);
    cols.setInfo('b'.repeat(4090));
    cols.appendInfo('\ufffd\ufffd');
    bytes = rawStringBytes(cols.info);
    expect(bytes.length).toBe(4095);
    expect([...bytes.subarray(4090)]).toEqual([0xef, 0xbf, 0xbd, 0xef, 0xbf]);
    expect(hasRawBytes(cols.info)).toBe(true);
    // Exactly 4,095 bytes in 2,048 UTF-16 units: kept whole.
    cols.setInfo('\u00e9'.repeat(2047) + 'x');
    expect(cols.info).toBe('\u00e9'.repeat(2047) + 'x');
    expect(hasRawBytes(cols.info)).toBe(false);
  });
});
