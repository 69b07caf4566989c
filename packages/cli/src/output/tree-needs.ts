import { defaultRegistry, fieldRegistry, TreeContext, unreadProtocols, type FieldDef } from '@netdissect/core';
import type { TreeNeeds } from './frame-printer.js';

/** The one TreeContext that satisfies every consumer of a run (printer, filter, statistics). */
export function treeContextFor(needs: readonly TreeNeeds[]): TreeContext | null {
  let full = false;
  let fullLabels = false;
  let labels = false;
  let interest: Uint8Array | null = null;
  for (const n of needs) {
    if (n.kind === 'full') {
      full = true;
      fullLabels ||= n.labels;
    } else if (n.kind === 'fields') {
      interest ??= new Uint8Array(fieldRegistry.size + 1024);
      for (const d of n.defs) interest[d.id] = 1;
      labels ||= n.labels;
    }
  }
  if (full) return new TreeContext(null, fullLabels || labels);
  if (interest) return new TreeContext(interest, labels);
  return null;
}

/**
 * The protocols a run whose consumers read fields only (no columns, taps
 * or statistics) may skip: those none of these fields can come from.
 */
export function protocolsToSkip(needs: readonly TreeNeeds[]): Set<string> {
  const defs: FieldDef[] = [];
  for (const n of needs) {
    if (n.kind === 'full') return new Set();
    if (n.kind === 'fields') defs.push(...n.defs);
  }
  return unreadProtocols(defaultRegistry, defs);
}
