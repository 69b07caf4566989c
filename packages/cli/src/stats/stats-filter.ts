import type { FieldDef, FieldNode } from '@netdissect/core';
import { compileFilter, FilterSyntaxError } from '@netdissect/filter';
import type { TreeNeeds } from '../output/frame-printer.js';
import { UsageError } from '../usage-error.js';

/**
 * The display filter a statistic takes as its last argument ("-z
 * conv,tcp,ip.addr==10.0.0.1"): only frames that pass it are counted,
 * as a tshark tap listener with a filter.
 */
export interface StatsFilter {
  readonly text: string;
  /** Fields the filter reads; a statistic adds them to what it needs from the tree. */
  readonly fields: readonly FieldDef[];
  test(tree: FieldNode | null): boolean;
}

/** Compile a statistic's filter; a mistake is a usage error naming the statistic. */
export function compileStatsFilter(statistic: string, text: string): StatsFilter {
  try {
    const compiled = compileFilter(text);
    return {
      text,
      fields: compiled.fields,
      test: (tree) => tree !== null && compiled.test(tree),
    };
  } catch (e) {
    if (e instanceof FilterSyntaxError) throw new UsageError(`${statistic}: invalid filter "${text}": ${e.message}`);
    throw e;
  }
}

/** A statistic's filter, or null for an absent or empty one. */
export function optionalStatsFilter(statistic: string, text: string | undefined | null): StatsFilter | null {
  return text ? compileStatsFilter(statistic, text) : null;
}

/** What a statistic that reads nothing but its filter needs from the tree: the filter's fields, or nothing without one. */
export function filterNeeds(filter: StatsFilter | null): TreeNeeds | undefined {
  return filter ? { kind: 'fields', defs: filter.fields, labels: false } : undefined;
}
