import type { FieldNode } from '../fields/field-node.js';
import { BoundsKind, DissectorBoundsError } from '../dissection/dissector-errors.js';
import type { PacketInfo } from '../dissection/packet-info.js';
import { reportMalformed, rethrowIfCaptureCut, showException } from '../dissection/show-exception.js';
import { Tvb } from '../dissection/tvb.js';
import { tcpFields } from './tcp-fields.js';
import { DESEGMENT_ONE_MORE_SEGMENT } from './tcp-info.js';

/**
 * tcp_dissect_pdus for length-prefixed protocols: call `dissectPdu` once
 * per whole PDU in `tvb`; when a PDU continues past the data at hand (and
 * TCP can reassemble), tell TCP where it starts and how much more is
 * needed, and stop. `pduLength` returns the PDU's total length from its
 * fixed-size header at `offset`, or 0 when it cannot tell yet.
 * An exception in one PDU is shown and the next PDUs are still dissected.
 * Returns whether it added anything (a PDU, a malformed mark) to the tree.
 */
export function tcpDissectPdus(
  tvb: Tvb,
  pinfo: PacketInfo,
  tree: FieldNode | null,
  desegment: boolean,
  fixedLen: number,
  pduLength: (pinfo: PacketInfo, tvb: Tvb, offset: number) => number,
  dissectPdu: (tvb: Tvb, pinfo: PacketInfo, tree: FieldNode | null) => void,
): boolean {
  let offset = 0;
  const save = { src: pinfo.src, dst: pinfo.dst, ptype: pinfo.ptype, srcport: pinfo.srcport, dstport: pinfo.dstport };
  while (tvb.reportedRemaining(offset) > 0) {
    const captured = tvb.remaining(offset);
    if (captured <= 0) throw new DissectorBoundsError(BoundsKind.Captured);
    const canReassemble = desegment && pinfo.canDesegment > 0;
    if (canReassemble && captured < fixedLen) {
      pinfo.desegmentOffset = offset;
      pinfo.desegmentLen = DESEGMENT_ONE_MORE_SEGMENT;
      return offset > 0;
    }
    const plen = pduLength(pinfo, tvb, offset);
    if (plen === 0) {
      if (!canReassemble) throw new DissectorBoundsError(BoundsKind.Fragment);
      pinfo.desegmentOffset = offset;
      pinfo.desegmentLen = DESEGMENT_ONE_MORE_SEGMENT;
      return offset > 0;
    }
    if (plen < fixedLen) {
      reportMalformed(pinfo, tvb, tree);
      return true;
    }
    if (canReassemble && captured < plen) {
      pinfo.desegmentOffset = offset;
      pinfo.desegmentLen = plen - captured;
      return offset > 0;
    }
    pinfo.tcpTree?.addGenerated(tcpFields.pduSize, tvb, offset, plen, plen);
    const length = Math.min(captured, plen);
    const next = tvb.sub(offset, length, plen);
    // Without reassembly a cut PDU runs out as an unreassembled fragment, not as malformed.
    const pdu = !canReassemble && plen > length ? asFragment(next) : next;
    const savedProto = pinfo.currentProto;
    Object.assign(pinfo, save);
    try {
      dissectPdu(pdu, pinfo, tree);
    } catch (err) {
      rethrowIfCaptureCut(err);
      showException(err, tvb, pinfo, tree);
      pinfo.currentProto = savedProto;
    }
    const before = offset;
    offset += plen;
    if (offset <= before) break;
  }
  return offset > 0;
}

/** tvb_set_fragment: the same window, whose reads past what its parents hold run out as an unreassembled fragment. */
function asFragment(t: Tvb): Tvb {
  const f = new Tvb(t.ds, t.start, t.length, t.reported, true);
  f.contained = t.contained;
  return f;
}
