import { TreeContext, type DataSource, type DissectionSession, type FieldNode } from '@netdissect/core';
import type { FrameBytes } from './frame-bytes.js';

/** The selected frame, fully dissected: the details tree and the bytes pane's data sources. */
export interface FrameDetails {
  no: number;
  /** Root of the full labelled tree (its children are the protocols); null when the bytes are gone. */
  root: FieldNode | null;
  /** The frame's bytes first, then reassembled / decoded buffers (the bytes pane's tabs). */
  sources: DataSource[];
  /** Why there is no tree, when there is none. */
  problem: string | null;
}

/**
 * Builds the full tree of one frame on demand (DESIGN.md, "Two speeds"):
 * re-reads its bytes and dissects it again with the state the first pass
 * kept (visited), as Wireshark does when a packet is selected. The last
 * few are cached so moving back and forth is instant.
 */
export class FrameInspector {
  private readonly cache = new Map<number, FrameDetails>();

  constructor(
    private readonly session: DissectionSession,
    private readonly bytes: FrameBytes,
    private readonly cacheSize = 8,
  ) {}

  details(no: number): FrameDetails {
    const hit = this.cache.get(no);
    if (hit) {
      // Refresh its place in the LRU order.
      this.cache.delete(no);
      this.cache.set(no, hit);
      return hit;
    }
    const d = this.dissect(no);
    this.cache.set(no, d);
    if (this.cache.size > this.cacheSize) this.cache.delete(this.cache.keys().next().value!);
    return d;
  }

  private dissect(no: number): FrameDetails {
    let raw;
    try {
      raw = this.bytes.frame(no);
    } catch (e) {
      return { no, root: null, sources: [], problem: e instanceof Error ? e.message : String(e) };
    }
    if (raw === null) return { no, root: null, sources: [], problem: `The bytes of frame ${no} are no longer available: ${this.bytes.missingReason}.` };
    const f = this.session.dissect(raw, new TreeContext(), true);
    return { no, root: f.tree, sources: [f.frameSource, ...f.pinfo.dataSources], problem: null };
  }
}
