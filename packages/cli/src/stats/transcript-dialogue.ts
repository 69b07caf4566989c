import { StreamCursor } from './transcript-stream.js';
import { byteSize, showLine } from './transcript-text.js';

/** Who said it: the client (the side that sent the first packet) or the server. */
export type Speaker = 'C' | 'S';

/** One line of a transcript and the frame it started in. */
export interface TranscriptLine {
  readonly speaker: Speaker;
  readonly text: string;
  readonly frame: number;
}

/** A line with no end this long is shown as it is, to bound what is held. */
const MAX_PENDING_LINE = 64 * 1024;

/**
 * How one application protocol reads a conversation: both directions'
 * bytes, fed in capture order, turned into transcript lines. Subclasses
 * read one unit (a line, a body, a literal) at a time from a side.
 */
export abstract class Dialogue {
  readonly lines: TranscriptLine[] = [];
  protected readonly cursors: Record<Speaker, StreamCursor> = { C: new StreamCursor(), S: new StreamCursor() };
  /** After STARTTLS (or HTTP's 101), the rest is opaque. */
  protected encrypted = false;

  /** Read one unit from `side`; false when nothing complete is there yet. */
  protected abstract step(side: Speaker): boolean;

  /** End of the capture: show what is left of `side` (a line without its end, a body cut short). */
  protected flush(side: Speaker): void {
    const rest = this.cursors[side];
    if (rest.available) this.say(side, showLine(rest.take(rest.available)), rest.frame);
  }

  /** A gap in `side`: what was being read is abandoned; the next line starts afresh. */
  protected resync(side: Speaker): void {
    this.cursors[side].clear();
  }

  protected say(side: Speaker, text: string, frame: number = this.cursors[side].frame): void {
    this.lines.push({ speaker: side, text, frame });
  }

  /** Opaque bytes (TLS, binary): one line per run. */
  protected opaque(side: Speaker, what: string): boolean {
    const c = this.cursors[side];
    if (!c.available) return false;
    const frame = c.frame;
    this.say(side, `[${what}: ${byteSize(c.skip(c.available))}]`, frame);
    return true;
  }

  /** The next line of `side`, or null; a runaway line without an end is shown as it is. */
  protected readLine(side: Speaker): Uint8Array | null {
    const c = this.cursors[side];
    const line = c.line();
    if (line === null && c.available > MAX_PENDING_LINE) return c.take(c.available);
    return line;
  }

  push(side: Speaker, data: Uint8Array, frame: number): void {
    this.cursors[side].push(data, frame);
    const other: Speaker = side === 'C' ? 'S' : 'C';
    let progress = true;
    while (progress) {
      progress = false;
      while (this.step(side)) progress = true;
      while (this.step(other)) progress = true;
    }
  }

  gap(side: Speaker, missing: number, frame: number): void {
    this.say(side, `[${byteSize(missing)} missing from the capture]`, frame);
    this.resync(side);
  }

  finish(): void {
    this.flush('C');
    this.flush('S');
  }
}
