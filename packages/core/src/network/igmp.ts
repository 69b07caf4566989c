/**
 * IGMP (packet-igmp.c): membership queries and reports of versions 1 to 3
 * (RFC 1112, 2236, 3376), what hosts send when they join mDNS's or SSDP's
 * group and what their router asks, RFC 988's version 0 (types 0-15) and
 * multicast traceroute (igmp-mtrace.ts). DVMRP and PIMv1, which share the
 * protocol number, are shown as data.
 */
import type { FieldNode } from '../fields/field-node.js';
import { addItem } from '../fields/proto-tree-items.js';
import { formatIPv4 } from '../dissection/address.js';
import { makeDissector, type Dissector } from '../dissection/dissector.js';
import type { PacketInfo } from '../dissection/packet-info.js';
import { defaultRegistry } from '../dissection/session.js';
import type { Tvb } from '../dissection/tvb.js';
import { hfIgmp, igmpChecksum, igmpFields, IGMP_TYPE_NAMES, recordTypes } from './igmp-fields.js';
import { dissectMtrace } from './igmp-mtrace.js';

const TYPE = { V1_QUERY: 0x11, V1_REPORT: 0x12, V2_REPORT: 0x16, V2_LEAVE: 0x17, V3_REPORT: 0x22 } as const;
const REC = { MODE_IS_INCLUDE: 1, MODE_IS_EXCLUDE: 2, TO_INCLUDE: 3, TO_EXCLUDE: 4, ALLOW: 5, BLOCK: 6 } as const;

const ipv4At = (tvb: Tvb, off: number): string => formatIPv4(tvb.u32(off));

/** dissect_igmp_common: the columns, the protocol item, the version (generated) and the type. */
function common(tvb: Tvb, pinfo: PacketInfo, tree: FieldNode | null, version: number): FieldNode | null {
  pinfo.cols.setProtocol(`IGMPv${version}`);
  const type = tvb.u8(0);
  pinfo.cols.setInfo(IGMP_TYPE_NAMES.get(type) ?? `Unknown Type:0x${type.toString(16).padStart(2, '0')}`);
  const t = tree ? tree.addProtocol(hfIgmp, tvb, 0, -1) : null;
  t?.addGenerated(igmpFields.version, tvb, 0, 0, version);
  addItem(t, igmpFields.type, tvb, 0, 1);
  return t;
}

/** " {a, b}" sources after `prefix` in Info, with the addresses under `t`. */
function sources(tvb: Tvb, pinfo: PacketInfo, t: FieldNode | null, off: number, count: number): number {
  for (let i = 0; i < count; i++, off += 4) {
    pinfo.cols.appendInfo(`${ipv4At(tvb, off)}${i + 1 < count ? ', ' : '}'}`);
    addItem(t, igmpFields.saddr, tvb, off, 4);
  }
  return off;
}

/** IGMPv0 (RFC 988), types 0 to 15: the code (group type, or a reply's code), identifier, group and access key. */
function v0(tvb: Tvb, pinfo: PacketInfo, tree: FieldNode | null): number {
  const t = common(tvb, pinfo, tree, 0);
  const type = tvb.u8(0);
  const code = tvb.u8(1);
  // Replies are the even types: codes below 5 are answers, the others seconds until one.
  if (type === 1) t?.add(igmpFields.groupType, tvb, 1, 1, code);
  else if (!(type & 1)) t?.add(code < 5 ? igmpFields.reply : igmpFields.replyPending, tvb, 1, 1, code);
  igmpChecksum(tvb, pinfo, t, 20);
  addItem(t, igmpFields.identifier, tvb, 4, 4);
  addItem(t, igmpFields.maddr, tvb, 8, 4);
  addItem(t, igmpFields.accessKey, tvb, 12, 8);
  return 20;
}

function v1(tvb: Tvb, pinfo: PacketInfo, tree: FieldNode | null): number {
  const t = common(tvb, pinfo, tree, 1);
  addItem(t, igmpFields.reserved, tvb, 1, 1);
  igmpChecksum(tvb, pinfo, t, 8);
  addItem(t, igmpFields.maddr, tvb, 4, 4);
  return 8;
}

function v2(tvb: Tvb, pinfo: PacketInfo, tree: FieldNode | null): number {
  const t = common(tvb, pinfo, tree, 2);
  const type = tvb.u8(0);
  const tsecs = tvb.u8(1);
  t?.add(igmpFields.maxResp, tvb, 1, 1, tsecs).setValueText(`${(tsecs * 0.1).toFixed(1)} sec (0x${tsecs.toString(16).padStart(2, '0')})`);
  igmpChecksum(tvb, pinfo, t, 8);
  addItem(t, igmpFields.maddr, tvb, 4, 4);
  const group = tvb.u32(4);
  if (group === 0) pinfo.cols.appendInfo(', general');
  else if (type === TYPE.V2_LEAVE) pinfo.cols.appendInfo(` ${formatIPv4(group)}`);
  else if (type === TYPE.V1_QUERY) pinfo.cols.appendInfo(`, specific for group ${formatIPv4(group)}`);
  else pinfo.cols.appendInfo(` group ${formatIPv4(group)}`);
  return 8;
}

function v3Query(tvb: Tvb, pinfo: PacketInfo, tree: FieldNode | null): number {
  const t = common(tvb, pinfo, tree, 3);
  const num = tvb.u16(10);
  // The maximum response code: tenths of a second, or from 128 on a mantissa and an exponent.
  const bits = tvb.u8(1);
  const tsecs = bits & 0x80 ? ((bits & 0x0f) | 0x10) << (((bits & 0x70) >> 4) + 3) : bits;
  if (t) {
    const mr = t.add(igmpFields.maxResp, tvb, 1, 1, tsecs & 0xff).setValueText(`${(tsecs * 0.1).toFixed(1)} sec (0x${bits.toString(16).padStart(2, '0')})`);
    if (bits & 0x80) {
      mr.addItem(igmpFields.maxRespExp, tvb, 1, 1);
      mr.addItem(igmpFields.maxRespMant, tvb, 1, 1);
    }
  }
  igmpChecksum(tvb, pinfo, t, 0);
  addItem(t, igmpFields.maddr, tvb, 4, 4);
  const group = tvb.u32(4);
  pinfo.cols.appendInfo(group === 0 ? ', general' : `, specific for group ${formatIPv4(group)}`);
  addItem(t, igmpFields.s, tvb, 8, 1);
  addItem(t, igmpFields.qrv, tvb, 8, 1);
  addItem(t, igmpFields.qqic, tvb, 9, 1);
  t?.add(igmpFields.numSrc, tvb, 10, 2, num);
  if (num) pinfo.cols.appendInfo(`, source${num > 1 ? 's' : ''} {`);
  return sources(tvb, pinfo, t, 12, num);
}

/** A group record's Info: what the host asks for the group, by record type and whether it names sources. */
function recordInfo(type: number, group: string, num: number): string {
  if (num === 0) {
    switch (type) {
      case REC.MODE_IS_INCLUDE: case REC.TO_INCLUDE: return ` / Leave group ${group}`;
      case REC.MODE_IS_EXCLUDE: case REC.TO_EXCLUDE: return ` / Join group ${group} for any sources`;
      case REC.ALLOW: return ` / Group ${group}, ALLOW_NEW_SOURCES but no source specified (?)`;
      case REC.BLOCK: return ` / Group ${group}, BLOCK_OLD_SOURCES but no source specified (?)`;
      default: return ` / Group ${group}, unknown record type (?)`;
    }
  }
  switch (type) {
    case REC.MODE_IS_INCLUDE: case REC.TO_INCLUDE: return ` / Join group ${group} for source${num > 1 ? 's in' : ''} {`;
    case REC.MODE_IS_EXCLUDE: case REC.TO_EXCLUDE: return ` / Join group ${group}, for source${num > 1 ? 's not in' : ' not'} {`;
    case REC.ALLOW: return ` / Group ${group}, new source${num > 1 ? 's' : ''} {`;
    case REC.BLOCK: return ` / Group ${group}, block source${num > 1 ? 's' : ''} {`;
    default: return ` / Group ${group}, unknown record type (?), sources {`;
  }
}

function v3Report(tvb: Tvb, pinfo: PacketInfo, tree: FieldNode | null): number {
  const t = common(tvb, pinfo, tree, 3);
  addItem(t, igmpFields.reserved, tvb, 1, 1);
  igmpChecksum(tvb, pinfo, t, 0);
  addItem(t, igmpFields.reserved, tvb, 4, 2);
  let num = tvb.u16(6);
  if (!num) pinfo.cols.appendInfo(' - General query');
  t?.add(igmpFields.numGrpRecs, tvb, 6, 2, num);
  let off = 8;
  while (num-- > 0) {
    const start = off;
    const type = tvb.u8(off);
    const group = ipv4At(tvb, off + 4);
    const r = t ? t.addText(tvb, off, -1, `Group Record : ${group}  ${recordTypes.get(type) ?? ''}`) : null;
    addItem(r, igmpFields.recordType, tvb, off, 1);
    const adl = tvb.u8(off + 1);
    r?.add(igmpFields.auxDataLen, tvb, off + 1, 1, adl);
    const count = tvb.u16(off + 2);
    r?.add(igmpFields.numSrc, tvb, off + 2, 2, count);
    addItem(r, igmpFields.maddr, tvb, off + 4, 4);
    pinfo.cols.appendInfo(recordInfo(type, group, count));
    off = sources(tvb, pinfo, r, off + 8, count);
    if (adl) {
      addItem(r, igmpFields.auxData, tvb, off, adl * 4);
      off += adl * 4;
    }
    r?.setLength(off - start);
  }
  return off;
}

/** A type this dissector does not decode: the type and the rest as data. */
function unknown(tvb: Tvb, pinfo: PacketInfo, tree: FieldNode | null): number {
  pinfo.cols.setProtocol('IGMP');
  const type = tvb.u8(0);
  pinfo.cols.setInfo(IGMP_TYPE_NAMES.get(type) ?? `Unknown Type:0x${type.toString(16).padStart(2, '0')}`);
  const t = tree ? tree.addProtocol(hfIgmp, tvb, 0, -1) : null;
  t?.add(igmpFields.type, tvb, 0, 1, type);
  // "To the end" needs a byte there, tree or not: a message of its type byte alone is malformed.
  addItem(t, igmpFields.data, tvb, 1, -1);
  return tvb.length;
}

/** dissect_igmp_mquery: a query's version by its length and its second byte. */
function membershipQuery(tvb: Tvb, pinfo: PacketInfo, tree: FieldNode | null): number {
  if (tvb.reported >= 12) return v3Query(tvb, pinfo, tree);
  return tvb.u8(1) ? v2(tvb, pinfo, tree) : v1(tvb, pinfo, tree);
}

/**
 * The message types, each a dissector of its own as in Wireshark's "igmp.type"
 * table (so frame.protocols reads "ip:igmp:igmp" for them, and "ip:igmp"
 * for a type none takes).
 */
const v0Dissector = makeDissector('igmp', 'IGMP', v0);
const mtraceDissector = makeDissector('igmp', 'IGMP', dissectMtrace);
const byType = new Map<number, Dissector>([
  ...Array.from({ length: 16 }, (_, type): [number, Dissector] => [type, v0Dissector]),
  [0x1e, mtraceDissector],
  [0x1f, mtraceDissector],
  [TYPE.V1_QUERY, makeDissector('igmp', 'IGMP', membershipQuery)],
  [TYPE.V1_REPORT, makeDissector('igmp', 'IGMP', v1)],
  [TYPE.V2_REPORT, makeDissector('igmp', 'IGMP', v2)],
  [TYPE.V2_LEAVE, makeDissector('igmp', 'IGMP', v2)],
  [TYPE.V3_REPORT, makeDissector('igmp', 'IGMP', v3Report)],
]);

function dissectIgmp(tvb: Tvb, pinfo: PacketInfo, tree: FieldNode | null): number {
  pinfo.cols.clearInfo();
  const d = byType.get(tvb.u8(0));
  if (d) pinfo.call(d, tvb, tree);
  else unknown(tvb, pinfo, tree);
  return tvb.length;
}

export const igmpDissector = makeDissector('igmp', 'IGMP', dissectIgmp);
defaultRegistry.addUint('ip.proto', 2, igmpDissector);
