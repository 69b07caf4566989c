import type { TreeNeeds } from '../output/frame-printer.js';
import { fieldRegistry, type DissectedFrame, type FieldDef, type FieldNode } from '@netdissect/core';

/** Field definitions for abbreviations (several definitions may share one). */
export function fieldDefs(abbrevs: readonly string[]): FieldDef[] {
  return abbrevs.flatMap((a) => fieldRegistry.lookup(a) ?? []);
}

/** The item marking a frame cut short by the capture's snapshot length. */
export const SHORT_FRAME_ITEM = '_ws.short';

/**
 * What a statistic that reads its own protocol's items and taps reads, to
 * work out what a run may leave out: the short-frame item tells it whether
 * its own protocol ran out of data, which does not depend on what else is
 * dissected, so it does not keep every protocol (as _ws.* fields do).
 */
export function readsOfOwnProtocol(needs: TreeNeeds): TreeNeeds {
  if (needs.kind !== 'fields') return needs;
  return { ...needs, defs: needs.defs.filter((d) => d.abbrev !== SHORT_FRAME_ITEM) };
}

/** Protocols whose subtree quotes another packet ("error packets", which tshark's taps skip). */
const ERROR_PACKET_PROTOCOLS = new Set(['icmp', 'icmpv6']);

/**
 * Items of protocol `abbrev` in a (pruned) tree, in tree order, leaving
 * out those inside a packet quoted by an ICMP error. Keep 'icmp' and
 * 'icmpv6' in the tree's fields for that to work.
 */
export function protocolItems(tree: FieldNode | null, abbrev: string): FieldNode[] {
  const out: FieldNode[] = [];
  const visit = (items: readonly FieldNode[] | null): void => {
    for (const item of items ?? []) {
      const a = item.def?.abbrev;
      if (a === abbrev) out.push(item);
      if (a !== undefined && ERROR_PACKET_PROTOCOLS.has(a)) continue;
      visit(item.children);
    }
  };
  visit(tree?.children ?? null);
  return out;
}

/** First descendant item named `abbrev`, or null. */
export function findItem(node: FieldNode, abbrev: string): FieldNode | null {
  for (const c of node.children ?? []) {
    if (c.def?.abbrev === abbrev) return c;
    const deeper = findItem(c, abbrev);
    if (deeper) return deeper;
  }
  return null;
}

/**
 * Whether the dissector of a protocol (its short name, e.g. "DNS") ran off
 * its data in this frame: it then never reached its tap in Wireshark.
 * With `abbrev` (its filter name), a frame cut short by the snapshot
 * length while that protocol was the last one counts too (needs
 * SHORT_FRAME_ITEM in the tree's fields).
 */
export function failedIn(f: DissectedFrame, shortName: string, abbrev: string | null): boolean {
  if (f.pinfo.experts.some((e) => e.protocol === shortName && e.field?.startsWith('_ws.malformed'))) return true;
  const layers = f.pinfo.layers;
  return abbrev !== null && layers[layers.length - 1] === abbrev && f.tree !== null && findItem(f.tree, SHORT_FRAME_ITEM) !== null;
}
