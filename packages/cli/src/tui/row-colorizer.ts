import { TreeContext, type DissectionSession } from '@netdissect/core';
import { compileFilter, type CompiledFilter } from '@netdissect/filter';
import { DEFAULT_COLOR_RULES, type ColorRule } from './color-rules.js';
import { interestOf } from './display-filter.js';
import type { FrameBytes } from './frame-bytes.js';

const UNKNOWN = 0;
const NO_RULE = 255;

/**
 * Colours packet-list rows by the colouring rules, lazily: a row's colour
 * is worked out the first time it is drawn (one pruned re-dissection,
 * ~tens of microseconds) and remembered, so opening a big file costs
 * nothing extra and a screenful costs a few milliseconds.
 */
export class RowColorizer {
  private readonly rules: Array<{ rule: ColorRule; filter: CompiledFilter }> = [];
  private readonly tree: TreeContext;
  private cache = new Uint8Array(1024);

  constructor(
    private readonly session: DissectionSession,
    private readonly bytes: FrameBytes,
    rules: readonly ColorRule[] = DEFAULT_COLOR_RULES,
  ) {
    for (const rule of rules) {
      // A rule the filter language rejects is skipped, as Wireshark disables it.
      try {
        this.rules.push({ rule, filter: compileFilter(rule.filter) });
      } catch {
        continue;
      }
    }
    this.tree = new TreeContext(interestOf(this.rules.map((r) => r.filter)));
  }

  /** The rule colouring frame `no`, or null for none (or bytes no longer kept). */
  colorOf(no: number): ColorRule | null {
    if (no >= this.cache.length) {
      const c = new Uint8Array(Math.max(no + 1, this.cache.length * 2));
      c.set(this.cache);
      this.cache = c;
    }
    let v = this.cache[no]!;
    if (v === UNKNOWN) {
      v = this.compute(no);
      this.cache[no] = v;
    }
    return v === NO_RULE ? null : this.rules[v - 1]!.rule;
  }

  private compute(no: number): number {
    if (this.rules.length === 0) return NO_RULE;
    try {
      const raw = this.bytes.frame(no);
      if (raw === null) return NO_RULE;
      const root = this.session.dissect(raw, this.tree, true).tree!;
      for (let i = 0; i < this.rules.length; i++) if (this.rules[i]!.filter.test(root)) return i + 1;
    } catch {
      // A frame that cannot be re-read (file cut short since) is simply not coloured.
    }
    return NO_RULE;
  }
}
