import type { FieldDef } from '../fields/field-def.js';
import type { FieldNode } from '../fields/field-node.js';
import type { ExpertDef } from '../dissection/expert.js';
import type { PacketInfo } from '../dissection/packet-info.js';
import { rethrowIfCaptureCut, showException } from '../dissection/show-exception.js';
import type { Tvb } from '../dissection/tvb.js';
import { dataDissector } from './data.js';
import { addEthernetTrailer } from './ethernet-trailer.js';
import { llcDissector } from './llc.js';

/** An 802.3 length field: LLC (or raw IPX) payload of that length, then trailer (packet-ieee8023.c). */
export function dissect8023(length: number, is8022: boolean, tvb: Tvb, offset: number, pinfo: PacketInfo, tree: FieldNode | null, headerTree: FieldNode | null, lengthField: FieldDef, trailerField: FieldDef, lengthPastEnd: ExpertDef, fcsLen: number): void {
  const lengthItem = headerTree ? headerTree.add(lengthField, tvb, offset - 2, 2, length) : null;
  let reported = tvb.reportedRemaining(offset);
  if (fcsLen > 0 && reported >= fcsLen) reported -= fcsLen;
  if (length > reported) {
    length = reported;
    pinfo.expert(lengthItem, lengthPastEnd);
  }
  const captured = Math.min(tvb.remaining(offset), length);
  const next = tvb.sub(offset, captured, length);
  const saved = pinfo.currentProto;
  try {
    pinfo.call(is8022 ? llcDissector : dataDissector, next, tree);
  } catch (err) {
    rethrowIfCaptureCut(err);
    showException(err, next, pinfo, tree);
  }
  pinfo.currentProto = saved;
  const trailer = tvb.sub(offset + length);
  addEthernetTrailer(pinfo, headerTree, trailerField, trailer, tvb, fcsLen);
}
