import type { FieldDef } from '../fields/field-def.js';
import type { FieldNode } from '../fields/field-node.js';
import { makeDissector } from '../dissection/dissector.js';
import type { PacketInfo } from '../dissection/packet-info.js';
import { defaultRegistry } from '../dissection/session.js';
import { rethrowIfCaptureCut, showException } from '../dissection/show-exception.js';
import type { Tvb } from '../dissection/tvb.js';
import { dataDissector } from './data.js';
import { addEthernetTrailer } from './ethernet-trailer.js';
import { hex4 } from './hex.js';
import { etypeNames } from './ethertype-values.js';

/** What a link layer hands the ethertype dispatcher (ethertype_data_t). */
export interface EthertypeData {
  etype: number;
  payloadOffset: number;
  /** The link layer's subtree, where padding and trailer items go. */
  headerTree: FieldNode | null;
  trailerField: FieldDef | null;
  fcsLen: number;
}

/**
 * Hands the payload after an Ethernet/VLAN/SLL type field to the protocol
 * registered for it, survives its exceptions, and shows whatever that
 * protocol did not claim as padding or trailer (packet-ethertype.c).
 */
function dissectEthertype(tvb: Tvb, pinfo: PacketInfo, tree: FieldNode | null, data?: unknown): number {
  const d = data as EthertypeData | undefined;
  if (!d) return 0;
  const captured = tvb.remaining(d.payloadOffset);
  let reported = tvb.reportedRemaining(d.payloadOffset);
  const lengthBefore = reported;
  let cap = captured;
  if (d.fcsLen > 0) {
    if (reported >= d.fcsLen) reported -= d.fcsLen;
    if (cap > reported) cap = reported;
  }
  const next = tvb.sub(d.payloadOffset, cap, reported);
  const saved = pinfo.currentProto;
  let found = 0;
  let threw = false;
  try {
    found = pinfo.session.registry.tryUint('ethertype', d.etype, next, pinfo, tree);
  } catch (err) {
    rethrowIfCaptureCut(err);
    showException(err, next, pinfo, tree);
    found = 1;
    threw = true;
    pinfo.currentProto = saved;
  }
  if (!found) {
    pinfo.call(dataDissector, next, tree);
    pinfo.cols.setProtocol(`0x${hex4(d.etype)}`);
    const desc = etypeNames.get(d.etype);
    if (desc) pinfo.cols.setInfo(desc);
  }
  // What the payload protocol did not claim (it shrank `next`) is trailer.
  const length = next.reported;
  // tvb_offset_exists: a trailer only when some of it was captured.
  const trailerStart = d.payloadOffset + length;
  if (length < lengthBefore && trailerStart < tvb.length) addEthernetTrailer(pinfo, d.headerTree, d.trailerField, tvb.sub(trailerStart), tvb, d.fcsLen);
  // Nothing captured after the type field and nothing shown for it (no exception line): call_dissector_work
  // finds the tree unchanged, and "ethertype" (with what it called) leaves frame.protocols.
  return captured === 0 && !threw ? 0 : tvb.length;
}

export const ethertypeDissector = makeDissector('ethertype', 'Ethertype', dissectEthertype);
defaultRegistry.addNamed(ethertypeDissector);
