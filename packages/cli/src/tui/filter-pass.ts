import type { DissectedFrame, DissectionSession, RawPacket } from '@netdissect/core';
import { ChangeSignal } from './change-signal.js';
import type { NewFrameListener } from './capture-indexer.js';
import type { DisplayFilter } from './display-filter.js';
import type { FrameBytes } from './frame-bytes.js';
import { FrameList } from './frame-view.js';
import type { LayerPrefilter } from './layer-prefilter.js';
import { SLICE_MS, yieldToEventLoop } from './time-slice.js';

/**
 * How often a running pass tells the screen it found more frames. Each
 * redraw costs Ink tens of milliseconds, so once a screenful has passed
 * only the progress figure changes and once a second is enough.
 */
const PROGRESS_MS = 250;
const LATER_PROGRESS_MS = 1000;
/** Passing frames after which the list is surely full. */
const SCREENFUL = 200;
/** Frames read one by one (after the prefilter) per batch handed to the scan. */
const PREFILTERED_BATCH = 256;

/**
 * Applies a display filter: dissects every frame indexed so far again
 * (visited, with a tree pruned to the filter's fields) in short slices and
 * collects the frames that pass, so the list fills in while the user keeps
 * browsing; frames the prefilter rules out are not dissected. Frames the
 * first pass indexes meanwhile are tested in that same dissection (it is
 * the indexer's NewFrameListener).
 */
export class FilterPass implements NewFrameListener {
  readonly changed = new ChangeSignal();
  readonly passing = new FrameList();
  /** Frames examined so far out of `target`. */
  scanned = 0;
  /** Frames dissected again so far (those the prefilter let through). */
  dissected = 0;
  done = false;
  private cancelled = false;
  /** Frames indexed after the pass started, held until the scan reaches them. */
  private readonly later: number[] = [];

  constructor(
    readonly filter: DisplayFilter,
    private readonly session: DissectionSession,
    private readonly bytes: FrameBytes,
    /** Frames indexed when the filter was applied: the scan covers 1..target. */
    readonly target: number,
    /** Which frames can pass at all, judged without dissecting them (null: any). */
    private readonly prefilter: LayerPrefilter | null = null,
  ) {}

  get tree(): DisplayFilter['tree'] {
    return this.filter.tree;
  }

  onFrame(frame: DissectedFrame, no: number): void {
    if (this.cancelled || !frame.tree || !this.filter.test(frame.tree)) return;
    if (!this.done) {
      this.later.push(no);
      return;
    }
    this.passing.push(no);
    this.changed.notifyThrottled(PROGRESS_MS);
  }

  /** Scan frames 1..target; never throws (a frame that cannot be read does not pass). */
  async run(): Promise<void> {
    let sliceStart = performance.now();
    try {
      if (this.target > 0) {
        for await (const batch of this.framesToTest()) {
          for (const raw of batch) {
            if (this.cancelled) return;
            this.dissected++;
            const f = this.session.dissect(raw, this.filter.tree, true);
            if (f.tree && this.filter.test(f.tree)) this.passing.push(raw.no);
            this.scanned = raw.no;
            if (performance.now() - sliceStart >= SLICE_MS) {
              this.changed.notifyThrottled(this.passing.length > SCREENFUL ? LATER_PROGRESS_MS : PROGRESS_MS);
              await yieldToEventLoop();
              sliceStart = performance.now();
            }
          }
        }
      }
    } catch {
      // The file became unreadable under us: keep what passed so far.
    } finally {
      if (!this.cancelled) {
        for (const no of this.later) this.passing.push(no);
        this.later.length = 0;
        this.scanned = this.target;
        this.done = true;
        this.changed.notify();
      }
    }
  }

  /**
   * Frames 1..target in order: all of them, read in batches, or with a
   * prefilter only those it lets through, each read on its own (the others
   * are not read at all).
   */
  private async *framesToTest(): AsyncIterable<RawPacket[]> {
    const prefilter = this.prefilter;
    if (prefilter === null) {
      yield* this.bytes.frames(1, this.target);
      return;
    }
    let batch: RawPacket[] = [];
    for (let no = 1; no <= this.target; no++) {
      if (this.cancelled) return;
      if (!prefilter.mayPass(no)) continue;
      const raw = this.bytes.frame(no);
      if (raw !== null) batch.push(raw);
      if (batch.length === PREFILTERED_BATCH) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  }

  cancel(): void {
    this.cancelled = true;
  }
}
