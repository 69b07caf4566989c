import { holdsLayerOf, layersToPassFilter } from '@netdissect/core';
import type { DisplayFilter } from './display-filter.js';
import type { FrameIndex } from './frame-index.js';

/**
 * Which frames a filter pass must dissect again. When no frame passes a
 * filter without one of its fields, a frame whose first-pass layers name
 * none of the protocols those fields come under (layersHoldingFields)
 * cannot pass, and is not dissected: `dns` over a million mixed frames
 * dissects the fifth that hold DNS. Frames whose layers the index does not
 * know are always dissected.
 */
export class LayerPrefilter {
  /** Per layers id: 1 when frames with those layers may pass, 2 when not (worked out once). */
  private readonly verdicts: number[] = [];

  private constructor(
    private readonly index: FrameIndex,
    private readonly wanted: ReadonlySet<string>,
  ) {}

  /** The prefilter for `filter`, or null when any frame might pass. */
  static of(filter: DisplayFilter, index: FrameIndex): LayerPrefilter | null {
    const wanted = layersToPassFilter(filter.fields, filter.passesWithoutFields);
    return wanted === null ? null : new LayerPrefilter(index, wanted);
  }

  mayPass(no: number): boolean {
    const id = this.index.layersId(no);
    if (id === 0) return true;
    let verdict = this.verdicts[id];
    if (verdict === undefined) {
      verdict = holdsLayerOf(this.index.layersOf(id), this.wanted) ? 1 : 2;
      this.verdicts[id] = verdict;
    }
    return verdict === 1;
  }
}
