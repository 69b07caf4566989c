import { compileFilter, FilterSyntaxError } from '@netdissect/filter';
import type { FieldNode } from '@netdissect/core';
import type { TreeNeeds } from './output/frame-printer.js';
import { UsageError } from './usage-error.js';

export interface DisplayFilter {
  /** The fields the filter reads, for the tree. */
  readonly needs: Extract<TreeNeeds, { kind: 'fields' }>;
  test(root: FieldNode): boolean;
  /** Whether a frame holding none of the filter's fields passes (CompiledFilter.passesWithoutFields). */
  readonly passesWithoutFields: boolean;
}

/** Compile -Y; a mistake becomes one line naming what is wrong and where. */
export function compileDisplayFilter(text: string): DisplayFilter {
  try {
    const f = compileFilter(text);
    return { needs: { kind: 'fields', defs: f.fields, labels: false }, test: (root) => f.test(root), passesWithoutFields: f.passesWithoutFields };
  } catch (e) {
    if (e instanceof FilterSyntaxError) {
      throw new UsageError(`invalid display filter at character ${e.position + 1} of "${text}": ${e.message}`);
    }
    throw e;
  }
}
