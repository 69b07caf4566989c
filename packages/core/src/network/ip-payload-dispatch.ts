import type { FieldNode } from '../fields/field-node.js';
import type { PacketInfo } from '../dissection/packet-info.js';
import type { Tvb } from '../dissection/tvb.js';

/** ip_try_dissect: the "ip.proto" table, then the IP heuristics; true when something took it. */
export function dispatchIpPayload(proto: number, tvb: Tvb, pinfo: PacketInfo, tree: FieldNode | null, header: unknown): boolean {
  const registry = pinfo.session.registry;
  if (registry.tryUint('ip.proto', proto, tvb, pinfo, tree, header)) return true;
  return registry.tryHeuristics('ip', tvb, pinfo, tree, header) !== null;
}
