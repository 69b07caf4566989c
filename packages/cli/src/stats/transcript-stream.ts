/**
 * One direction of a followed TCP stream as a transcript parser reads it:
 * bytes appended as they arrive, taken back as lines or counted blocks,
 * each piece knowing the frame its first byte came in.
 */
export class StreamCursor {
  private buf = new Uint8Array(4096);
  private start = 0;
  private end = 0;
  /** Absolute offset of buf[start]. */
  private base = 0;
  /** [absolute offset, frame] where each pushed chunk begins. */
  private readonly frames: Array<[number, number]> = [];

  push(data: Uint8Array, frame: number): void {
    if (data.length === 0) return;
    if (this.end + data.length > this.buf.length) {
      const kept = this.end - this.start;
      const grown = new Uint8Array(Math.max(this.buf.length, (kept + data.length) * 2));
      grown.set(this.buf.subarray(this.start, this.end));
      this.buf = grown;
      this.start = 0;
      this.end = kept;
    }
    this.buf.set(data, this.end);
    this.frames.push([this.base + (this.end - this.start), frame]);
    this.end += data.length;
  }

  get available(): number {
    return this.end - this.start;
  }

  /** Frame of the next unread byte (or of the latest chunk). */
  get frame(): number {
    let f = this.frames.length ? this.frames[0]![1] : 0;
    for (const [pos, fr] of this.frames) {
      if (pos > this.base) break;
      f = fr;
    }
    return f;
  }

  /** The unread bytes, without consuming them. */
  peek(): Uint8Array {
    return this.buf.subarray(this.start, this.end);
  }

  /** The next line without its terminator (LF or CRLF), or null if no LF has arrived yet. */
  line(): Uint8Array | null {
    const lf = this.buf.subarray(this.start, this.end).indexOf(0x0a);
    if (lf < 0) return null;
    const bytes = this.take(lf + 1);
    const n = bytes.length - 1 - (bytes.length > 1 && bytes[bytes.length - 2] === 0x0d ? 1 : 0);
    return bytes.subarray(0, n);
  }

  /** Up to `n` bytes (a copy). */
  take(n: number): Uint8Array {
    const k = Math.min(n, this.available);
    const out = this.buf.slice(this.start, this.start + k);
    this.skip(k);
    return out;
  }

  /** Drop up to `n` bytes; returns how many were dropped. */
  skip(n: number): number {
    const k = Math.min(n, this.available);
    this.start += k;
    this.base += k;
    while (this.frames.length > 1 && this.frames[1]![0] <= this.base) this.frames.shift();
    if (this.start === this.end) {
      this.start = 0;
      this.end = 0;
    }
    return k;
  }

  /** Forget everything unread (after a gap, the next line is found again). */
  clear(): void {
    this.skip(this.available);
  }
}
