import type { PacketInfo } from '../dissection/packet-info.js';
import type { Tvb } from '../dissection/tvb.js';
import type { FieldNode } from '../fields/field-node.js';

/**
 * A TCP or UDP header in the packet an ICMP error quotes, cut before the end
 * of its ports: tshark 4.0 leaves the protocol out of frame.protocols (seen
 * with one to three bytes captured; from four on it is listed with what could
 * be read). The port read that follows fails as before.
 */
export function leaveOutIfQuotedPortsCut(proto: string, tvb: Tvb, pinfo: PacketInfo, tree: FieldNode | null): void {
  if (pinfo.inErrorPacket && tvb.length < 4) pinfo.dropLayerIfNothingAdded(proto, tree, false);
}
