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
import { defaultRegistry } from '../dissection/session.js';
import type { Tvb } from '../dissection/tvb.js';

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
});

/** What LLC hands over with a BPDU that came by Cisco's SNAP protocol ID (PVST+). */
export interface StpData {
  pvst: boolean;
}

/** A bridge identifier: "32768 / 1 / 00:1a:2b:3c:4d:00" with priority, system ID extension and address under it. */
function bridgeId(tvb: Tvb, off: number, tree: FieldNode | null, title: string, defs: readonly [FieldDef, FieldDef, FieldDef]): string {
  const word = tvb.u16(off);
  const priority = word & 0xf000;
  const extension = word & 0x0fff;
  const mac = formatEther(tvb.bytes, tvb.start + off + 2);
  if (tree) {
    const id = tree.addText(tvb, off, 8, `${title}: ${priority} / ${extension} / ${mac}`);
    id.add(defs[0], tvb, off, 2, priority);
    id.add(defs[1], tvb, off, 2, extension);
    id.addItem(defs[2], tvb, off + 2, 6);
  }
  // Info's form, without the spaces.
  return `${priority}/${extension}/${mac}`;
}

/** A timer in 1/256 seconds. */
function timer(tvb: Tvb, off: number, tree: FieldNode | null, def: FieldDef): void {
  tree?.add(def, tvb, off, 2, tvb.u16(off) / 256);
}

export const stpDissector = makeDissector('stp', 'STP', (tvb, pinfo, tree, data) => {
  const f = stpFields;
  pinfo.cols.setProtocol('STP');
  pinfo.cols.clearInfo();
  const version = tvb.u8(2);
  const type = tvb.u8(3);
  const t = tree ? tree.addProtocol(hfStp, tvb, 0, -1) : null;
  t?.addItem(f.protocol, tvb, 0, 2);
  t?.addItem(f.version, tvb, 2, 1);
  t?.addItem(f.type, tvb, 3, 1);
  if (type === BPDU_TCN) {
    pinfo.cols.setInfo('Topology Change Notification');
    t?.setLength(4);
    return 4;
  }
  const flags = tvb.u8(4);
  const rapid = type === BPDU_RST;
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
  const root = bridgeId(tvb, 5, t, 'Root Identifier', [f.rootPrio, f.rootExt, f.rootHw]);
  const cost = tvb.u32(13);
  t?.addItem(f.rootCost, tvb, 13, 4);
  bridgeId(tvb, 17, t, 'Bridge Identifier', [f.bridgePrio, f.bridgeExt, f.bridgeHw]);
  const port = tvb.u16(25);
  t?.addItem(f.port, tvb, 25, 2);
  timer(tvb, 27, t, f.msgAge);
  timer(tvb, 29, t, f.maxAge);
  timer(tvb, 31, t, f.hello);
  timer(tvb, 33, t, f.forward);
  pinfo.cols.setInfo(`${rapid ? 'RST' : 'Conf'}. ${flags & 0x01 ? 'TC + ' : ''}Root = ${root}  Cost = ${cost}  Port = 0x${port.toString(16).padStart(4, '0')}`);
  let end = 35;
  if (rapid || version >= 2) {
    t?.addItem(f.version1Length, tvb, 35, 1);
    end = 36;
  }
  if ((data as StpData | undefined)?.pvst) end = pvstTlvs(tvb, end, t);
  t?.setLength(end);
  return end;
});
defaultRegistry.addNamed(stpDissector);

/** PVST+'s TLVs after the BPDU: the originating VLAN. */
function pvstTlvs(tvb: Tvb, off: number, tree: FieldNode | null): number {
  const f = stpFields;
  while (tvb.remaining(off) >= 4) {
    const type = tvb.u16(off);
    const len = tvb.u16(off + 2);
    if (type !== 0 || len !== 2) break;
    const vlan = tvb.u16(off + 4);
    if (tree) {
      const item = tree.addText(tvb, off, 6, `Originating VLAN (PVID): ${vlan}`);
      item.addItem(f.pvstTlvType, tvb, off, 2);
      item.addItem(f.pvstTlvLen, tvb, off + 2, 2);
      item.addItem(f.pvstOrigVlan, tvb, off + 4, 2);
    }
    off += 6;
  }
  return off;
}
