import { tcpDissectPdus, type FieldNode, type PacketInfo, type Tvb } from '@netdissect/core';

/**
 * DNS over TCP (RFC 1035 4.2.2): each message follows a 2-byte length;
 * several may share a segment and one may span segments, which TCP
 * reassembles when `desegment` is on. Returns whether anything was added
 * to the tree (false when the segment only starts a message).
 */
export function dissectDnsTcpStream(
  tvb: Tvb,
  pinfo: PacketInfo,
  tree: FieldNode | null,
  desegment: boolean,
  dissectMessage: (pdu: Tvb, pinfo: PacketInfo, tree: FieldNode | null) => void,
): boolean {
  return tcpDissectPdus(tvb, pinfo, tree, desegment, 2, (_p, t, off) => t.u16(off) + 2, dissectMessage);
}
