/**
 * Multicast traceroute over IGMP (types 0x1e and 0x1f, packet-igmp.c's
 * dissect_igmp_mtrace): the query's header, and a response's data blocks,
 * one per router on the path.
 */
import { defineFields, FT, BASE, vals } from '../fields/field-def.js';
import type { FieldNode } from '../fields/field-node.js';
import { addItem } from '../fields/proto-tree-items.js';
import { formatIPv4 } from '../dissection/address.js';
import type { PacketInfo } from '../dissection/packet-info.js';
import type { Tvb } from '../dissection/tvb.js';
import { hfIgmp, igmpChecksum, igmpFields } from './igmp-fields.js';

const RESPONSE = 0x1e;
const HEADER_LEN = 24;
const BLOCK_LEN = 32;

const routingProtocols = vals({
  1: 'DVMRP', 2: 'MOSPF', 3: 'PIM', 4: 'CBT', 5: 'PIM using special routing table', 6: 'PIM using a static route', 7: 'DVMRP using a static route',
  8: 'PIM using MBGP (aka BGP4+) route', 9: 'CBT using special routing table', 10: 'CBT using a static route', 11: 'PIM using state created by Assert processing',
});
const forwardingCodes = vals({
  0x00: 'NO_ERROR', 0x01: 'WRONG_IF', 0x02: 'PRUNE_SENT', 0x03: 'PRUNE_RCVD', 0x04: 'SCOPED', 0x05: 'NO_ROUTE', 0x06: 'WRONG_LAST_HOP', 0x07: 'NOT_FORWARDING',
  0x08: 'REACHED_RP', 0x09: 'RPF_IF', 0x0a: 'NO_MULTICAST', 0x0b: 'INFO_HIDDEN', 0x81: 'NO_SPACE', 0x82: 'OLD_ROUTER', 0x83: 'ADMIN_PROHIB',
});

export const mtraceFields = defineFields('igmp', {
  maxHops: { abbrev: 'igmp.mtrace.max_hops', name: '# hops', type: FT.UINT8, base: BASE.DEC },
  saddr: { abbrev: 'igmp.mtrace.saddr', name: 'Source Address', type: FT.IPv4 },
  raddr: { abbrev: 'igmp.mtrace.raddr', name: 'Receiver Address', type: FT.IPv4 },
  rspaddr: { abbrev: 'igmp.mtrace.rspaddr', name: 'Response Address', type: FT.IPv4 },
  respTtl: { abbrev: 'igmp.mtrace.resp_ttl', name: 'Response TTL', type: FT.UINT8, base: BASE.DEC },
  queryId: { abbrev: 'igmp.mtrace.q_id', name: 'Query ID', type: FT.UINT24, base: BASE.DEC },
  arrival: { abbrev: 'igmp.mtrace.q_arrival', name: 'Query Arrival', type: FT.UINT32, base: BASE.DEC },
  inaddr: { abbrev: 'igmp.mtrace.q_inaddr', name: 'In itf addr', type: FT.IPv4 },
  outaddr: { abbrev: 'igmp.mtrace.q_outaddr', name: 'Out itf addr', type: FT.IPv4 },
  prevrtr: { abbrev: 'igmp.mtrace.q_prevrtr', name: 'Previous rtr addr', type: FT.IPv4 },
  inpkt: { abbrev: 'igmp.mtrace.q_inpkt', name: 'In pkts', type: FT.UINT32, base: BASE.DEC },
  outpkt: { abbrev: 'igmp.mtrace.q_outpkt', name: 'Out pkts', type: FT.UINT32, base: BASE.DEC },
  total: { abbrev: 'igmp.mtrace.q_total', name: 'S,G pkt count', type: FT.UINT32, base: BASE.DEC },
  rtgProto: { abbrev: 'igmp.mtrace.q_rtg_proto', name: 'Rtg Protocol', type: FT.UINT8, base: BASE.DEC, strings: routingProtocols },
  fwdTtl: { abbrev: 'igmp.mtrace.q_fwd_ttl', name: 'FwdTTL', type: FT.UINT8, base: BASE.DEC },
  mbz: { abbrev: 'igmp.mtrace.q_mbz', name: 'MBZ', type: FT.UINT8, base: BASE.HEX, bitmask: 0x80 },
  s: { abbrev: 'igmp.mtrace.q_s', name: 'S', type: FT.UINT8, base: BASE.HEX, bitmask: 0x40 },
  srcMask: { abbrev: 'igmp.mtrace.q_src_mask', name: 'Src Mask', type: FT.UINT8, base: BASE.HEX, bitmask: 0x3f },
  fwdCode: { abbrev: 'igmp.mtrace.q_fwd_code', name: 'Forwarding Code', type: FT.UINT8, base: BASE.HEX, strings: forwardingCodes },
});

/** A query (just the header), a request (more than the header) or a response with its blocks. */
export function dissectMtrace(tvb: Tvb, pinfo: PacketInfo, tree: FieldNode | null): number {
  const f = mtraceFields;
  const t = tree ? tree.addProtocol(hfIgmp, tvb, 0, -1) : null;
  pinfo.cols.setProtocol('IGMP');
  pinfo.cols.clearInfo();
  const type = tvb.u8(0);
  let kind: string;
  let blocks = '';
  if (type === RESPONSE) {
    // Integer division as C's: toward zero, so a response shorter than the header counts 0 blocks.
    const n = Math.trunc((tvb.reportedRemaining(0) - HEADER_LEN) / BLOCK_LEN);
    kind = 'Traceroute Response';
    blocks = `, ${n} block${n === 1 ? '' : 's'}`;
  } else {
    kind = tvb.reportedRemaining(0) === HEADER_LEN ? 'Traceroute Query' : 'Traceroute Request';
  }
  pinfo.cols.setInfo(kind + blocks);
  t?.add(igmpFields.type, tvb, 0, 1, type).setValueText(`${kind} (0x${type.toString(16).padStart(2, '0')})`);
  addItem(t, f.maxHops, tvb, 1, 1);
  igmpChecksum(tvb, pinfo, t, 0);
  addItem(t, igmpFields.maddr, tvb, 4, 4);
  addItem(t, f.saddr, tvb, 8, 4);
  addItem(t, f.raddr, tvb, 12, 4);
  addItem(t, f.rspaddr, tvb, 16, 4);
  addItem(t, f.respTtl, tvb, 20, 1);
  addItem(t, f.queryId, tvb, 21, 3);
  let off = HEADER_LEN;
  while (tvb.reportedRemaining(off) >= BLOCK_LEN) {
    // The block's label reads its addresses, routing protocol and forwarding code first (4.0 puts two spaces before Proto and Forwarding Code).
    const label = `Response data block: ${formatIPv4(tvb.u32(off + 4))} -> ${formatIPv4(tvb.u32(off + 8))},  Proto: ${routingProtocols.get(tvb.u8(off + 28)) ?? 'Unknown'},  Forwarding Code: ${forwardingCodes.get(tvb.u8(off + 31)) ?? 'Unknown'}`;
    const b = t ? t.addText(tvb, off, BLOCK_LEN, label) : null;
    addItem(b, f.arrival, tvb, off, 4);
    addItem(b, f.inaddr, tvb, off + 4, 4);
    addItem(b, f.outaddr, tvb, off + 8, 4);
    addItem(b, f.prevrtr, tvb, off + 12, 4);
    addItem(b, f.inpkt, tvb, off + 16, 4);
    addItem(b, f.outpkt, tvb, off + 20, 4);
    addItem(b, f.total, tvb, off + 24, 4);
    addItem(b, f.rtgProto, tvb, off + 28, 1);
    addItem(b, f.fwdTtl, tvb, off + 29, 1);
    addItem(b, f.mbz, tvb, off + 30, 1);
    addItem(b, f.s, tvb, off + 30, 1);
    addItem(b, f.srcMask, tvb, off + 30, 1);
    addItem(b, f.fwdCode, tvb, off + 31, 1);
    off += BLOCK_LEN;
  }
  return off;
}
