import { UnfinishedLineMemo } from '@netdissect/core';

/**
 * Where the walk over the lines of a command or reply that is not complete
 * yet stopped, for one direction of a session: the first line without an
 * end (or the end of the data, inside a multi-line reply), whether a
 * multi-line reply is open there, and how far the search for that line's
 * end got. The next segment hands the same data over again with more at
 * its end, so the walk goes on from there instead of from the first line,
 * which made one line or one reply in n segments cost O(n²).
 */
export class UnitScanMemo {
  readonly line = new UnfinishedLineMemo();
  /** Stream position of the data's first byte; -1 for none. */
  private key = -1;
  private at = 0;
  private open = false;

  /** Where the walk over data at stream position `key` with `available` bytes goes on, or 0 to start over. */
  resumeAt(key: number, available: number): number {
    return key >= 0 && key === this.key && this.at <= available ? this.at : 0;
  }

  /** Whether a multi-line reply was open where resumeAt says the walk goes on. */
  get openReply(): boolean {
    return this.open;
  }

  save(key: number, at: number, openReply: boolean): void {
    if (key < 0) return;
    this.key = key;
    this.at = at;
    this.open = openReply;
  }
}
