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
  /**
   * The protocols this dissector may hand data to: "imf", or "table:media_type"
   * (anything in that dissector table), "heuristics:http" (that heuristic list);
   * "last:" before one says an exception there cuts nothing of this
   * dissector's short (it is called last, or not called by this dissector).
   * Declared only by dissectors whose every effect beyond their own fields,
   * columns and taps is listed here (a desegmentation request to TCP aside):
   * only those may be skipped when nobody reads them (see unreadProtocols).
   */
  readonly carries?: readonly string[];
}

export function makeDissector(proto: string, shortName: string, dissect: DissectFn, carries?: readonly string[]): Dissector {
  return carries ? { proto, shortName, dissect, carries } : { proto, shortName, dissect };
}
