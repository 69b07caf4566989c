import type { DissectionSession } from '@netdissect/core';
import type { FrameBytes } from './frame-bytes.js';

/** Rows whose Info text is remembered: a few screenfuls, so scrolling back and forth re-dissects nothing. */
const CACHED_ROWS = 1024;

/**
 * The Info column of a capture file's packet list, worked out when a row is
 * drawn by dissecting its frame again (visited, no tree: tens of
 * microseconds) rather than kept for every frame from the first pass — a
 * million frames' texts would take ~80 MB. Wireshark fills its list the
 * same way.
 */
export class InfoColumn {
  private readonly cache = new Map<number, string>();

  constructor(
    private readonly session: DissectionSession,
    private readonly bytes: FrameBytes,
  ) {}

  text(no: number): string {
    const hit = this.cache.get(no);
    if (hit !== undefined) {
      // Most recently used last, so the oldest entry is the first one dropped.
      this.cache.delete(no);
      this.cache.set(no, hit);
      return hit;
    }
    const text = this.compute(no);
    this.cache.set(no, text);
    if (this.cache.size > CACHED_ROWS) this.cache.delete(this.cache.keys().next().value!);
    return text;
  }

  private compute(no: number): string {
    try {
      const raw = this.bytes.frame(no);
      if (raw === null) return '';
      return this.session.dissect(raw, null, true).pinfo.cols.info;
    } catch {
      return ''; // the file was cut short or changed since it was indexed
    }
  }
}
