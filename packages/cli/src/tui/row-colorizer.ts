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
    this.reserve(no);
    let v = this.cache[no]!;
    if (v === UNKNOWN) {
      v = this.rules.length === 0 ? NO_RULE : (this.redissect(no)?.colour ?? NO_RULE);
      this.cache[no] = v;
    }
    return v === NO_RULE ? null : this.rules[v - 1]!.rule;
  }

  /**
   * Frame `no`'s Info text, from the same re-dissection that settles its
   * colour: a row drawn for the first time costs one dissection, not two
   * ("" when the frame cannot be read again).
   */
  infoOf(no: number): string {
    const r = this.redissect(no);
    if (r === null) return '';
    this.reserve(no);
    if (this.cache[no] === UNKNOWN) this.cache[no] = r.colour;
    return r.info;
  }

  private reserve(no: number): void {
    if (no < this.cache.length) return;
    const c = new Uint8Array(Math.max(no + 1, this.cache.length * 2));
    c.set(this.cache);
    this.cache = c;
  }

  private redissect(no: number): { colour: number; info: string } | null {
    try {
      const raw = this.bytes.frame(no);
      if (raw === null) return null;
      const { pinfo, tree } = this.session.dissect(raw, this.rules.length ? this.tree : null, true);
      let colour = NO_RULE;
      if (tree) {
        for (let i = 0; i < this.rules.length; i++) {
          if (this.rules[i]!.filter.test(tree)) {
            colour = i + 1;
            break;
          }
        }
      }
      return { colour, info: pinfo.cols.info };
    } catch {
      // A frame that cannot be re-read (file cut short since) is simply not coloured.
      return null;
    }
  }
}
