import { fieldRegistry, TreeContext, type FieldDef, type FieldNode } from '@netdissect/core';
import { compileFilter, FilterSyntaxError, type CompiledFilter } from '@netdissect/filter';

/** A compiled display filter with the pruned tree it needs. */
export interface DisplayFilter {
  readonly text: string;
  /** A pruned tree that keeps only the fields the filter reads. */
  readonly tree: TreeContext;
  /** The fields the filter reads. */
  readonly fields: readonly FieldDef[];
  /** Whether a frame holding none of `fields` passes (CompiledFilter.passesWithoutFields). */
  readonly passesWithoutFields: boolean;
  test(root: FieldNode): boolean;
}

/** Why a filter does not compile, with where (for the red filter bar). */
export interface FilterProblem {
  message: string;
  position: number;
  length: number;
}

/** The interest set (per field id) of several compiled filters together. */
export function interestOf(filters: readonly CompiledFilter[]): Uint8Array {
  const interest = new Uint8Array(fieldRegistry.size);
  for (const f of filters) for (const def of f.fields) interest[def.id] = 1;
  return interest;
}

/** Compile `text`, or say what is wrong with it. */
export function compileDisplayFilter(text: string): DisplayFilter | FilterProblem {
  try {
    const f = compileFilter(text);
    return { text: text.trim(), tree: new TreeContext(interestOf([f])), fields: f.fields, passesWithoutFields: f.passesWithoutFields, test: (root) => f.test(root) };
  } catch (e) {
    if (e instanceof FilterSyntaxError) return { message: e.message, position: e.position, length: e.length };
    return { message: e instanceof Error ? e.message : String(e), position: 0, length: 0 };
  }
}

export function isFilterProblem(x: DisplayFilter | FilterProblem): x is FilterProblem {
  return 'message' in x;
}
