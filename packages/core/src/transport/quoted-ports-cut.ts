import { BoundsKind } from '../dissection/dissector-errors.js';
import type { PacketInfo } from '../dissection/packet-info.js';
import type { Tvb } from '../dissection/tvb.js';
import type { FieldNode } from '../fields/field-node.js';

/**
 * A TCP or UDP header in the packet an ICMP error quotes, cut before the end
 * of its ports. call_dissector_work_error rethrows a capture cut (the layer
 * stays in frame.protocols, "[Packet size limited during capture]") but takes
 * any other bounds error as the whole data dissected; call_dissector_work then
 * leaves out a layer that added nothing to the tree (and, with no bytes at
 * all, one without a tree). The port read that follows fails as before.
 */
export function leaveOutIfQuotedPortsCut(proto: string, tvb: Tvb, pinfo: PacketInfo, tree: FieldNode | null): void {
  if (!pinfo.inErrorPacket || tvb.length >= 4) return;
  // The first port read that fails: the source port's, or the destination port's.
  if (tvb.boundsKind(tvb.length < 2 ? 2 : 4) !== BoundsKind.Captured) pinfo.dropLayerIfNothingAdded(proto, tree, false);
}
