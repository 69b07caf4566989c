/**
 * 802.2 LLC (packet-llc.c): the SAPs, the control field, and SNAP, which
 * leads to an ethertype or to a vendor's protocol. Of the protocols behind
 * a SAP or a vendor's SNAP protocol ID, Spanning Tree is dissected (what a
 * switch port sends every two seconds, IEEE's BPDUs by SAP 0x42 and Cisco's
 * PVST+ by SNAP); the others (CDP, IPX, NetBIOS, SNA, XID...) are data.
 */
import { defineFields, defineProtocol, FT, BASE, vals } from '../fields/field-def.js';
import { makeDissector } from '../dissection/dissector.js';
import { defaultRegistry } from '../dissection/session.js';
import { dataDissector } from './data.js';
import { etypeNames } from './ethertype-values.js';
import { hex2 } from './hex.js';
import { ouiVendor } from './oui-names.js';
import { bridgedDissector, OUI_CISCO, OUI_IEEE_802_1, snapPidFieldByOui } from './snap-oui-pids.js';
import { stpDissector } from './stp.js';
import { dissectXdlcControl } from './xdlc-control.js';
import type { FieldNode } from '../fields/field-node.js';
import type { PacketInfo } from '../dissection/packet-info.js';
import type { Tvb } from '../dissection/tvb.js';

const sapNames = vals({
  0x00: 'NULL LSAP', 0x01: 'NULL LSAP', 0x02: 'LLC Sub-Layer Management', 0x04: 'SNA Path Control', 0x06: 'TCP/IP', 0x08: 'SNA', 0x0c: 'SNA',
  0x0e: 'PROWAY (IEC955) Network Management and Initialization', 0x10: 'NetWare (unofficial?)', 0x14: 'ISO Network Layer (OSLAN 1)',
  0x18: 'Texas Instruments', 0x20: 'ISO Network Layer (unofficial?)', 0x34: 'ISO Network Layer (unofficial?)', 0x42: 'Spanning Tree BPDU',
  0x4e: 'EIA RS-511 Manufacturing Message Service', 0x54: 'ISO Network Layer (OSLAN 2)', 0x7e: 'ISO 8208 (X.25 over 802.2)', 0x7f: 'ISO 802.2',
  0x80: 'XNS', 0x82: 'BACnet', 0x86: 'Nestar', 0x8e: 'PROWAY (IEC955) Active Station List Maintenance', 0x98: 'ARP', 0xb4: 'HP JetDirect Printer',
  0xaa: 'SNAP', 0xba: 'Banyan Vines', 0xbc: 'Banyan Vines', 0xe0: 'NetWare', 0xf0: 'NetBIOS', 0xf4: 'IBM Net Management', 0xf8: 'HP Extended LLC',
  0xfa: 'Ungermann-Bass', 0xfc: 'Remote Program Load', 0xfe: 'ISO Network Layer', 0xff: 'Global LSAP',
});

const OUI_ENCAP_ETHER = 0x000000;
const OUI_CISCO_90 = 0x0000f8;
const SAP_STP = 0x42;
const SAP_SNAP = 0xaa;
const CISCO_PID_PVSTP = 0x010b;

const sapText = (v: number): string => sapNames.get(v << 1) ?? 'Unknown';

export const hfLlc = defineProtocol('llc', 'Logical-Link Control');
export const llcFields = defineFields('llc', {
  dsap: { abbrev: 'llc.dsap', name: 'DSAP', type: FT.UINT8, base: BASE.HEX, strings: sapNames },
  dsapSap: { abbrev: 'llc.dsap.sap', name: 'SAP', type: FT.UINT8, base: BASE.CUSTOM, bitmask: 0xfe, custom: sapText },
  dsapIg: { abbrev: 'llc.dsap.ig', name: 'IG Bit', type: FT.BOOLEAN, bitWidth: 8, tfs: { true: 'Group', false: 'Individual' }, bitmask: 0x01 },
  ssap: { abbrev: 'llc.ssap', name: 'SSAP', type: FT.UINT8, base: BASE.HEX, strings: sapNames },
  ssapSap: { abbrev: 'llc.ssap.sap', name: 'SAP', type: FT.UINT8, base: BASE.CUSTOM, bitmask: 0xfe, custom: sapText },
  ssapCr: { abbrev: 'llc.ssap.cr', name: 'CR Bit', type: FT.BOOLEAN, bitWidth: 8, tfs: { true: 'Response', false: 'Command' }, bitmask: 0x01 },
  // BASE_OUI: the label names the vendor; -T fields prints the number.
  oui: { abbrev: 'llc.oui', name: 'Organization Code', type: FT.UINT24, base: BASE.DEC },
  type: { abbrev: 'llc.type', name: 'Type', type: FT.UINT16, base: BASE.HEX, strings: etypeNames },
  pid: { abbrev: 'llc.pid', name: 'Protocol ID', type: FT.UINT16, base: BASE.HEX },
});

/**
 * "00:00:0c (Cisco Systems, Inc)": BASE_OUI, with the vendor's name from the
 * manuf table, no name for an OUI the table lacks, and the whole cut to the
 * 31 characters of Wireshark's buffer ("00:00:80 (Cray Communications (").
 */
function ouiText(oui: number): string {
  const hex = oui.toString(16).padStart(6, '0');
  const address = `${hex.slice(0, 2)}:${hex.slice(2, 4)}:${hex.slice(4, 6)}`;
  const vendor = ouiVendor(oui);
  return vendor === undefined ? address : `${address} (${vendor})`.slice(0, 31);
}

export const llcDissector = makeDissector('llc', 'LLC', (tvb, pinfo, tree) => {
  pinfo.cols.setProtocol('LLC');
  pinfo.cols.clearInfo();
  // Each SAP is shown as it is read: a header cut after its DSAP shows that.
  const dsap = tvb.u8(0);
  const t = tree?.addProtocol(hfLlc, tvb, 0, -1) ?? null;
  if (t) {
    const d = t.addItem(llcFields.dsap, tvb, 0, 1);
    d.addItem(llcFields.dsapSap, tvb, 0, 1);
    d.addItem(llcFields.dsapIg, tvb, 0, 1);
  }
  const ssap = tvb.u8(1);
  if (t) {
    const s = t.addItem(llcFields.ssap, tvb, 1, 1);
    s.addItem(llcFields.ssapSap, tvb, 1, 1);
    s.addItem(llcFields.ssapCr, tvb, 1, 1);
  }
  const isSnap = dsap === SAP_SNAP && ssap === SAP_SNAP;
  const control = dissectXdlcControl(tvb, 2, t, (ssap & 0x01) !== 0);
  pinfo.cols.setInfo(control.summary);
  const hdrLen = 2 + control.length + (isSnap ? 5 : 0);
  t?.setLength(hdrLen);
  if (isSnap) return dissectSnap(tvb, 2 + control.length, pinfo, tree, t, control.carriesInformation);
  const name = (sap: number): string => sapNames.get(sap & 0xfe) ?? `0x${hex2(sap & 0xfe)}`;
  pinfo.cols.appendInfo(`; DSAP ${name(dsap)} ${dsap & 1 ? 'Group' : 'Individual'}, SSAP ${name(ssap)} ${ssap & 1 ? 'Response' : 'Command'}`);
  if (tvb.reported > hdrLen) {
    const next = tvb.sub(hdrLen);
    if (control.carriesInformation && dsap === SAP_STP) pinfo.call(stpDissector, next, tree);
    else pinfo.call(dataDissector, next, tree);
  }
  return tvb.length;
});
defaultRegistry.addNamed(llcDissector);

/** dissect_snap: OUI and protocol ID, then an ethertype's protocol, PVST+, or data. */
function dissectSnap(tvb: Tvb, off: number, pinfo: PacketInfo, tree: FieldNode | null, t: FieldNode | null, information: boolean): number {
  const oui = tvb.u24(off);
  const pid = tvb.u16(off + 3);
  // The vendor's name from the manuf table (uint_get_manuf_name_if_known).
  pinfo.cols.appendInfo(`; SNAP, OUI 0x${oui.toString(16).toUpperCase().padStart(6, '0')} (${ouiVendor(oui) ?? 'Unknown'}), PID 0x${pid.toString(16).toUpperCase().padStart(4, '0')}`);
  t?.add(llcFields.oui, tvb, off, 3, oui).setValueText(ouiText(oui));
  const next = tvb.sub(off + 5);
  if (oui === OUI_ENCAP_ETHER || oui === OUI_CISCO_90) {
    if (information) {
      t?.add(llcFields.type, tvb, off + 3, 2, pid);
      // Straight through the ethertype table, not the "ethertype" dissector: tshark's frame.protocols reads
      // "eth:llc:arp" here, and a type nobody registered leaves LLC in the Protocol column.
      if (!pinfo.session.registry.tryUint('ethertype', pid, next, pinfo, tree)) pinfo.call(dataDissector, next, tree);
      return tvb.length;
    }
  } else if (oui === OUI_IEEE_802_1) {
    t?.add(llcFields.pid, tvb, off + 3, 2, pid);
    // Bridged frames (RFC 2684), whatever the control field: Ethernet with or without its FCS after two bytes of
    // padding, BPDUs.
    const bridged = bridgedDissector(pid);
    if (bridged) {
      pinfo.call(bridged.dissector, tvb.sub(off + 5 + bridged.padding), tree);
      return tvb.length;
    }
  } else {
    const pidField = snapPidFieldByOui.get(oui);
    t?.add(pidField ?? llcFields.pid, tvb, off + 3, 2, pid);
    if (information && oui === OUI_CISCO && pid === CISCO_PID_PVSTP) {
      pinfo.call(stpDissector, next, tree, { pvst: true });
      return tvb.length;
    }
  }
  if (next.reported > 0) pinfo.call(dataDissector, next, tree);
  return tvb.length;
}
