import type { Key } from 'ink';
import { followText, type FollowMode, type FollowText } from './follow-lines.js';
import { movement } from './list-motion.js';
import type { StreamFollow } from './stream-follow.js';

/** What a key in the follow view asks of the rest of the UI. */
export type FollowAction = { kind: 'close' } | { kind: 'filter'; text: string } | { kind: 'note'; text: string } | null;

/**
 * Reading a followed stream: the mode (ASCII or hex) and the scroll
 * position. The stream's lines are laid out again only when the stream
 * (while it is read), the mode or the width change.
 */
export class FollowBrowser {
  mode: FollowMode = 'ascii';
  top = 0;
  private cache: { records: number; mode: FollowMode; width: number; text: FollowText } | null = null;

  constructor(readonly follow: StreamFollow) {}

  lines(width: number): FollowText {
    const c = this.cache;
    const records = this.follow.records.length;
    if (c && c.records === records && c.mode === this.mode && c.width === width) return c.text;
    const text = followText(this.follow.records, this.mode, width, this.follow.endpoints?.serverPort);
    this.cache = { records, mode: this.mode, width, text };
    return text;
  }

  /** Handle a key; `height` is the number of stream lines on screen. */
  onKey(input: string, key: Key, height: number, width: number): FollowAction {
    if (key.escape || input === 'q' || input === 'F') return { kind: 'close' };
    if (key.return) return { kind: 'filter', text: this.follow.filterText };
    if (input === 't' && this.follow.kind !== 'tcp') return { kind: 'note', text: 'The transcript reads TCP conversations (SMTP, POP3, IMAP, FTP, HTTP, text)' };
    if (input === 'a' || input === 'x' || input === 't') {
      this.mode = input === 'a' ? 'ascii' : input === 'x' ? 'hex' : 'transcript';
      this.top = 0;
      return null;
    }
    const next = movement(input, key, height, this.top, Math.max(1, this.lines(width).length - height + 1));
    if (next !== null) this.top = next;
    return null;
  }

  close(): void {
    this.follow.cancel();
  }
}
