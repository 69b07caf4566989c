import type { FieldNode } from '../fields/field-node.js';
import type { PacketInfo } from './packet-info.js';
import type { Tvb } from './tvb.js';

/**
 * A dissector decodes the bytes of `tvb` into `tree` (null when nobody
 * asked for a tree) and the columns of `pinfo`, and returns how many bytes
 * it consumed; 0 means "not mine" (a heuristic or port guess was wrong),
 * so the caller can try the next candidate.
 */
export type DissectFn = (tvb: Tvb, pinfo: PacketInfo, tree: FieldNode | null, data?: unknown) => number;

export interface Dissector {
  /** Protocol filter name, as it appears in frame.protocols ("eth", "ip", "dns"). */
  readonly proto: string;
  /** Short name used in "[Malformed Packet: DNS]" and the Protocol column default. */
  readonly shortName: string;
  readonly dissect: DissectFn;
}

export function makeDissector(proto: string, shortName: string, dissect: DissectFn): Dissector {
  return { proto, shortName, dissect };
}
