/**
 * Spanning Tree BPDUs (packet-stp.c): 802.1D configuration and topology
 * change notifications, 802.1w rapid spanning tree, and Cisco's PVST+
 * (the same BPDU by SNAP, with the originating VLAN after it). Multiple
 * spanning tree's MSTI records are not decoded.
 */
import { defineFields, defineProtocol, FT, BASE, TFS_YES_NO, vals, type FieldDef } from '../fields/field-def.js';
import type { FieldNode } from '../fields/field-node.js';
import { formatEther } from '../dissection/address.js';
import { makeDissector } from '../dissection/dissector.js';
import { defineExpert, Group, Severity } from '../dissection/expert.js';
import type { PacketInfo } from '../dissection/packet-info.js';
import { defaultRegistry } from '../dissection/session.js';
import type { Tvb } from '../dissection/tvb.js';

const BPDU_CONF = 0x00;
const BPDU_RST = 0x02;
const BPDU_TCN = 0x80;

const portRoles = vals({ 1: 'Alternate or Backup', 2: 'Root', 3: 'Designated' });

export const hfStp = defineProtocol('stp', 'Spanning Tree Protocol');
export const stpFields = defineFields('stp', {
  protocol: { abbrev: 'stp.protocol', name: 'Protocol Identifier', type: FT.UINT16, base: BASE.HEX, strings: vals({ 0: 'Spanning Tree Protocol' }) },
  version: { abbrev: 'stp.version', name: 'Protocol Version Identifier', type: FT.UINT8, base: BASE.DEC, strings: vals({ 0: 'Spanning Tree', 2: 'Rapid Spanning Tree', 3: 'Multiple Spanning Tree', 4: 'Shortest Path Tree' }) },
  type: { abbrev: 'stp.type', name: 'BPDU Type', type: FT.UINT8, base: BASE.HEX, strings: vals({ 0x00: 'Configuration', 0x02: 'Rapid/Multiple Spanning Tree', 0x80: 'Topology Change Notification' }) },
  flags: { abbrev: 'stp.flags', name: 'BPDU flags', type: FT.UINT8, base: BASE.HEX },
  flagsTcack: { abbrev: 'stp.flags.tcack', name: 'Topology Change Acknowledgment', type: FT.BOOLEAN, bitWidth: 8, tfs: TFS_YES_NO, bitmask: 0x80 },
  flagsAgreement: { abbrev: 'stp.flags.agreement', name: 'Agreement', type: FT.BOOLEAN, bitWidth: 8, tfs: TFS_YES_NO, bitmask: 0x40 },
  flagsForwarding: { abbrev: 'stp.flags.forwarding', name: 'Forwarding', type: FT.BOOLEAN, bitWidth: 8, tfs: TFS_YES_NO, bitmask: 0x20 },
  flagsLearning: { abbrev: 'stp.flags.learning', name: 'Learning', type: FT.BOOLEAN, bitWidth: 8, tfs: TFS_YES_NO, bitmask: 0x10 },
  flagsPortRole: { abbrev: 'stp.flags.port_role', name: 'Port Role', type: FT.UINT8, base: BASE.DEC, bitmask: 0x0c, strings: portRoles },
  flagsProposal: { abbrev: 'stp.flags.proposal', name: 'Proposal', type: FT.BOOLEAN, bitWidth: 8, tfs: TFS_YES_NO, bitmask: 0x02 },
  flagsTc: { abbrev: 'stp.flags.tc', name: 'Topology Change', type: FT.BOOLEAN, bitWidth: 8, tfs: TFS_YES_NO, bitmask: 0x01 },
  rootPrio: { abbrev: 'stp.root.prio', name: 'Root Bridge Priority', type: FT.UINT16, base: BASE.DEC },
  rootExt: { abbrev: 'stp.root.ext', name: 'Root Bridge System ID Extension', type: FT.UINT16, base: BASE.DEC },
  rootHw: { abbrev: 'stp.root.hw', name: 'Root Bridge System ID', type: FT.ETHER },
  rootCost: { abbrev: 'stp.root.cost', name: 'Root Path Cost', type: FT.UINT32, base: BASE.DEC },
  bridgePrio: { abbrev: 'stp.bridge.prio', name: 'Bridge Priority', type: FT.UINT16, base: BASE.DEC },
  bridgeExt: { abbrev: 'stp.bridge.ext', name: 'Bridge System ID Extension', type: FT.UINT16, base: BASE.DEC },
  bridgeHw: { abbrev: 'stp.bridge.hw', name: 'Bridge System ID', type: FT.ETHER },
  port: { abbrev: 'stp.port', name: 'Port identifier', type: FT.UINT16, base: BASE.HEX },
  msgAge: { abbrev: 'stp.msg_age', name: 'Message Age', type: FT.DOUBLE },
  maxAge: { abbrev: 'stp.max_age', name: 'Max Age', type: FT.DOUBLE },
  hello: { abbrev: 'stp.hello', name: 'Hello Time', type: FT.DOUBLE },
  forward: { abbrev: 'stp.forward', name: 'Forward Delay', type: FT.DOUBLE },
  version1Length: { abbrev: 'stp.version_1_length', name: 'Version 1 Length', type: FT.UINT8, base: BASE.DEC },
  pvstTlvType: { abbrev: 'stp.pvst.tlvtype', name: 'Type', type: FT.UINT16, base: BASE.HEX, strings: vals({ 0: 'Originating VLAN' }) },
  pvstTlvLen: { abbrev: 'stp.pvst.tlvlen', name: 'Length', type: FT.UINT16, base: BASE.DEC },
  pvstOrigVlan: { abbrev: 'stp.pvst.origvlan', name: 'Originating VLAN', type: FT.UINT16, base: BASE.DEC },
  pvstTlvValue: { abbrev: 'stp.pvst.tlvval', name: 'Value', type: FT.BYTES },
});

/** What LLC hands over with a BPDU that came by Cisco's SNAP protocol ID (PVST+). */
export interface StpData {
  pvst: boolean;
}

/** A bridge identifier: "32768 / 1 / 00:1a:2b:3c:4d:00" with priority, system ID extension and address under it. */
function bridgeId(tvb: Tvb, off: number, tree: FieldNode | null, title: string, defs: readonly [FieldDef, FieldDef, FieldDef]): void {
  // Its subtree and address item check their bytes with a tree or without.
  tvb.check(off, 8);
  if (!tree) return;
  const word = tvb.u16(off);
  const priority = word & 0xf000;
  const extension = word & 0x0fff;
  const id = tree.addText(tvb, off, 8, `${title}: ${priority} / ${extension} / ${formatEther(tvb.bytes, tvb.start + off + 2)}`);
  id.add(defs[0], tvb, off, 2, priority);
  id.add(defs[1], tvb, off, 2, extension);
  id.addItem(defs[2], tvb, off + 2, 6);
}

/** Info's name for a type 2 BPDU, by the protocol version. */
function rapidKind(version: number): string {
  return version === 3 ? 'MST' : version === 4 ? 'SPT' : 'RST';
}

/** A timer in 1/256 seconds, read with a tree or without. */
function timer(tvb: Tvb, off: number, tree: FieldNode | null, def: FieldDef): void {
  const seconds = tvb.u16(off) / 256;
  tree?.add(def, tvb, off, 2, seconds);
}

const PVST_TLV_ORIGVLAN = 0;
const PVST_TLV_OFFSET = 36;
const eiPvstLengthInvalid = defineExpert('stp', 'stp.pvst.tlvlen.invalid', Group.MALFORMED, Severity.ERROR, 'Indicated length is not valid for this record type');
const eiPvstOrigVlanMissing = defineExpert('stp', 'stp.pvst.origvlan.missing', Group.MALFORMED, Severity.ERROR, 'Originating (PVID) VLAN TLV is missing or corrupt');
const eiPvstTruncated = defineExpert('stp', 'stp.pvst.tlv.truncated', Group.MALFORMED, Severity.ERROR, 'TLV record is truncated prematurely');
const eiPvstUnknown = defineExpert('stp', 'stp.pvst.tlv.unknown', Group.UNDECODED, Severity.COMMENT, 'TLV type is unknown');
const eiVersionSupport = defineExpert('stp', 'bpdu.version_support', Group.PROTOCOL, Severity.WARN, 'This version of Wireshark only knows about versions 0, 2, 3 & 4');
const eiUnknownType = defineExpert('stp', 'stp.type.unknown', Group.PROTOCOL, Severity.WARN, 'Unknown BPDU type data');

export const stpDissector = makeDissector('stp', 'STP', (tvb, pinfo, tree, data) => {
  const f = stpFields;
  pinfo.cols.setProtocol('STP');
  pinfo.cols.clearInfo();
  const type = tvb.u8(3);
  const version = tvb.u8(2);
  const known = type === BPDU_CONF || type === BPDU_RST || type === BPDU_TCN;
  const addHeader = (): FieldNode | null => {
    if (!tree) return null;
    const t = tree.addProtocol(hfStp, tvb, 0, -1);
    t.addItem(f.protocol, tvb, 0, 2);
    const versionItem = t.addItem(f.version, tvb, 2, 1);
    if (version === 1 || version > 4) pinfo.expert(versionItem, eiVersionSupport);
    const typeItem = t.addItem(f.type, tvb, 3, 1);
    if (!known) pinfo.expert(typeItem, eiUnknownType);
    return t;
  };
  if (type === BPDU_TCN) {
    pinfo.cols.setInfo('Topology Change Notification');
    addHeader()?.setLength(4);
    return 4;
  }
  if (!known) {
    // Wireshark shows no more of a BPDU type it does not know.
    pinfo.cols.setInfo(`Unknown BPDU type (${type})`);
    addHeader();
    return tvb.length;
  }
  const rapid = type === BPDU_RST;
  // dissect_bpdu reads what Info shows before it adds any item: a BPDU cut before its port identifier shows nothing.
  const flags = tvb.u8(4);
  const rootWord = tvb.u16(5);
  tvb.check(7, 6);
  const root = `${rootWord & 0xf000}/${rootWord & 0x0fff}/${formatEther(tvb.bytes, tvb.start + 7)}`;
  const cost = tvb.u32(13);
  const port = tvb.u16(25);
  // packet-stp.c prints the cost with %d: past 2^31 it reads as negative.
  pinfo.cols.setInfo(`${rapid ? rapidKind(version) : 'Conf'}. ${flags & 0x01 ? 'TC + ' : ''}Root = ${root}  Cost = ${cost | 0}  Port = 0x${port.toString(16).padStart(4, '0')}`);
  const t = addHeader();
  // packet-bpdu.c reads the bridge identifier's priority and address before it adds the flags, with a tree or without.
  tvb.u16(17);
  tvb.check(19, 6);
  if (t) {
    const fl = t.addItem(f.flags, tvb, 4, 1);
    if (flags & 0x80) fl.appendText(', Topology Change Acknowledgment');
    if (rapid) {
      if (flags & 0x40) fl.appendText(', Agreement');
      if (flags & 0x20) fl.appendText(', Forwarding');
      if (flags & 0x10) fl.appendText(', Learning');
      fl.appendText(`, Port Role: ${portRoles.get((flags & 0x0c) >> 2) ?? 'Unknown'}`);
      if (flags & 0x02) fl.appendText(', Proposal');
    }
    if (flags & 0x01) fl.appendText(', Topology Change');
    fl.addItem(f.flagsTcack, tvb, 4, 1);
    if (rapid) for (const def of [f.flagsAgreement, f.flagsForwarding, f.flagsLearning, f.flagsPortRole, f.flagsProposal]) fl.addItem(def, tvb, 4, 1);
    fl.addItem(f.flagsTc, tvb, 4, 1);
  }
  bridgeId(tvb, 5, t, 'Root Identifier', [f.rootPrio, f.rootExt, f.rootHw]);
  t?.addItem(f.rootCost, tvb, 13, 4);
  bridgeId(tvb, 17, t, 'Bridge Identifier', [f.bridgePrio, f.bridgeExt, f.bridgeHw]);
  t?.addItem(f.port, tvb, 25, 2);
  timer(tvb, 27, t, f.msgAge);
  timer(tvb, 29, t, f.maxAge);
  timer(tvb, 31, t, f.hello);
  timer(tvb, 33, t, f.forward);
  let end = 35;
  if (rapid) {
    const version1Length = tvb.u8(35);
    t?.add(f.version1Length, tvb, 35, 1, version1Length);
    end = 36;
  }
  // Wireshark reads the TLVs from offset 36 (BPDU_PVST_TLV), after a configuration BPDU's 35 bytes too.
  if ((data as StpData | undefined)?.pvst) end = pvstTlvs(tvb, PVST_TLV_OFFSET, pinfo, t);
  t?.setLength(end);
  return end;
});
defaultRegistry.addNamed(stpDissector);

/**
 * dissect_bpdu_pvst_tlv: Cisco's TLVs after a (R)PVST+ BPDU, of which the
 * originating VLAN must be one. Each TLV's line spans its length, checked
 * as proto_tree_add_subtree checks it (with a tree or not).
 */
function pvstTlvs(tvb: Tvb, off: number, pinfo: PacketInfo, tree: FieldNode | null): number {
  const f = stpFields;
  let origVlanSeen = false;
  if (tvb.reportedRemaining(off) < 4) pinfo.expert(tree, eiPvstTruncated);
  while (tvb.reportedRemaining(off) >= 4) {
    const type = tvb.u16(off);
    const len = tvb.u16(off + 2);
    tvb.check(off, 4 + len);
    const item = tree ? tree.addText(tvb, off, 4 + len, type === PVST_TLV_ORIGVLAN ? 'Originating VLAN' : `Unknown TLV type: 0x${type.toString(16).padStart(4, '0')}`) : null;
    item?.addItem(f.pvstTlvType, tvb, off, 2);
    const lenItem = item ? item.addItem(f.pvstTlvLen, tvb, off + 2, 2) : null;
    if (tvb.reportedRemaining(off + 4) < len) {
      pinfo.expert(lenItem, eiPvstTruncated);
      break;
    }
    off += 4;
    if (type === PVST_TLV_ORIGVLAN) {
      if (len === 2) {
        item?.appendText(` (PVID): ${tvb.u16(off)}`);
        item?.addItem(f.pvstOrigVlan, tvb, off, 2);
        origVlanSeen = true;
      } else {
        pinfo.expert(lenItem, eiPvstLengthInvalid);
      }
    } else {
      item?.addItem(f.pvstTlvValue, tvb, off, len);
      pinfo.expert(item, eiPvstUnknown);
    }
    off += len;
  }
  if (!origVlanSeen) pinfo.expert(tree, eiPvstOrigVlanMissing);
  return off;
}
