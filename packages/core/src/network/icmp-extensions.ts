// ICMP multi-part extensions (RFC 4884) after the datagram an ICMP or ICMPv6
// error quotes, and in RFC 8335's extended echo: MPLS label stacks (RFC
// 4950), interface information (RFC 5837) and interface identification
// (RFC 8335) objects, as packet-icmp.c's dissect_icmp_extension shows them.
import { makeDissector } from '../dissection/dissector.js';
import { defineExpert, Group, Severity } from '../dissection/expert.js';
import type { PacketInfo } from '../dissection/packet-info.js';
import type { Tvb } from '../dissection/tvb.js';
import { BASE, defineFields, FT, TFS_SET_NOTSET, TFS_TRUE_FALSE, vals } from '../fields/field-def.js';
import type { FieldNode } from '../fields/field-node.js';
import { addAsciiItem, addItem, addSubtree, appendBitmaskLabel, isOwnNode } from '../fields/proto-tree-items.js';
import { checksumStatusNames } from '../fields/checksum-status.js';
import { internetChecksum } from './internet-checksum.js';
import { addVerifiedChecksum } from './verified-checksum.js';

const CLASS = { EXTENDED_PAYLOAD: 0, MPLS_STACK: 1, INTERFACE_INFORMATION: 2, INTERFACE_IDENTIFICATION: 3 } as const;

const TFS_PRESENT = { true: 'Present', false: 'Not Present' };
const interfaceRoles = vals({
  0: 'IP interface upon which datagram arrived', 1: 'sub-IP component of an IP interface upon which datagram arrived',
  2: 'IP interface through which datagram would be forwarded', 3: 'IP next-hop to which datagram would be forwarded',
});
const identificationTypes = vals({ 1: 'Identifies Interface By Name', 2: 'Identifies Interface By Index', 3: 'Identifies Interface By Address' });
/** IANA's address family numbers, as Wireshark names them (afn_vals). */
const addressFamilies = vals({
  0: 'Reserved', 1: 'IPv4', 2: 'IPv6', 3: 'NSAP', 4: 'HDLC (8-bit multidrop)', 5: 'BBN 1822', 6: '802 (includes all 802 media plus Ethernet)', 7: 'E.163',
  8: 'E.164 (SMDS, Frame Relay, ATM)', 9: 'F.69 (Telex)', 10: 'X.121 (X.25, Frame Relay)', 11: 'IPX', 12: 'Appletalk', 13: 'Decnet IV', 14: 'Banyan Vines',
  15: 'E.164 with NSAP subaddress', 16: 'DNS (Domain Name System)', 17: 'Distinguished Name', 18: 'AS Number', 19: 'XTP over IP version 4',
  20: 'XTP over IP version 6', 21: 'XTP native mode XTP', 22: 'Fibre Channel World-Wide Port Name', 23: 'Fibre Channel World-Wide Node Name', 24: 'GWID',
  25: 'Layer-2 VPN', 196: 'Layer-2 VPN (old)', 26: 'MPLS-TP Section Endpoint Identifier', 27: 'MPLS-TP LSP Endpoint Identifier',
  28: 'MPLS-TP Pseudowire Endpoint Identifier', 29: 'MT IP: Multi-Topology IP version 4', 30: 'MT IPv6: Multi-Topology IP version 6',
  16384: 'EIGRP Common Service Family', 16385: 'EIGRP IPv4 Service Family', 16386: 'EIGRP IPv6 Service Family', 16387: 'LISP Canonical Address Format (LCAF)',
  16388: 'BGP-LS', 16389: '48-bit MAC Address', 16390: '64-bit MAC Address', 16391: 'OUI', 16392: 'MAC/24', 16393: 'MAC/40', 16394: 'IPv6/64',
  16395: 'RBridge Port ID', 16396: 'TRILL Nickname', 65535: 'Reserved',
});

export const icmpExtensionFields = defineFields('icmp', {
  ext: { abbrev: 'icmp.ext', name: 'ICMP Extensions', type: FT.NONE },
  version: { abbrev: 'icmp.ext.version', name: 'Version', type: FT.UINT8, base: BASE.DEC },
  reserved: { abbrev: 'icmp.ext.res', name: 'Reserved', type: FT.UINT16, base: BASE.HEX, bitmask: 0x0fff },
  checksum: { abbrev: 'icmp.ext.checksum', name: 'Checksum', type: FT.UINT16, base: BASE.HEX },
  checksumStatus: { abbrev: 'icmp.ext.checksum.status', name: 'Checksum Status', type: FT.UINT8, base: BASE.NONE, strings: checksumStatusNames },
  length: { abbrev: 'icmp.ext.length', name: 'Length', type: FT.UINT16, base: BASE.DEC },
  class: { abbrev: 'icmp.ext.class', name: 'Class', type: FT.UINT8, base: BASE.DEC, strings: vals({ 1: 'MPLS Label Stack Class', 2: 'Interface Information Object', 3: 'Interface Identification Object' }) },
  cType: { abbrev: 'icmp.ext.ctype', name: 'C-Type', type: FT.UINT8, base: BASE.DEC },
  data: { abbrev: 'icmp.ext.data', name: 'Data', type: FT.BYTES },
  mplsLabel: { abbrev: 'icmp.mpls.label', name: 'Label', type: FT.UINT24, base: BASE.DEC, bitmask: 0xfffff0 },
  mplsExp: { abbrev: 'icmp.mpls.exp', name: 'Experimental', type: FT.UINT24, base: BASE.DEC, bitmask: 0x0e },
  mplsS: { abbrev: 'icmp.mpls.s', name: 'Stack bit', type: FT.BOOLEAN, bitWidth: 24, tfs: TFS_SET_NOTSET, bitmask: 0x01 },
  mplsTtl: { abbrev: 'icmp.mpls.ttl', name: 'Time to live', type: FT.UINT8, base: BASE.DEC },
  mplsData: { abbrev: 'icmp.mpls.data', name: 'Data', type: FT.BYTES },
  infoRole: { abbrev: 'icmp.int_info.role', name: 'Interface Role', type: FT.UINT8, base: BASE.DEC, bitmask: 0xc0, strings: interfaceRoles },
  infoReserved: { abbrev: 'icmp.int_info.reserved', name: 'Reserved', type: FT.UINT8, base: BASE.DEC, bitmask: 0x30 },
  infoIfIndex: { abbrev: 'icmp.int_info.ifindex', name: 'ifIndex', type: FT.BOOLEAN, bitWidth: 8, tfs: TFS_TRUE_FALSE, bitmask: 0x08 },
  infoIpAddr: { abbrev: 'icmp.int_info.ipaddr', name: 'IP Address', type: FT.BOOLEAN, bitWidth: 8, tfs: TFS_PRESENT, bitmask: 0x04 },
  infoNamePresent: { abbrev: 'icmp.int_info.name_present', name: 'Interface Name', type: FT.BOOLEAN, bitWidth: 8, tfs: TFS_PRESENT, bitmask: 0x02 },
  infoMtuPresent: { abbrev: 'icmp.int_info.mtu_present', name: 'MTU', type: FT.BOOLEAN, bitWidth: 8, tfs: TFS_PRESENT, bitmask: 0x01 },
  infoIndex: { abbrev: 'icmp.int_info.index', name: 'Interface Index', type: FT.UINT32, base: BASE.DEC },
  infoAfi: { abbrev: 'icmp.int_info.afi', name: 'Address Family Identifier', type: FT.UINT16, base: BASE.DEC },
  reservedBytes: { abbrev: 'icmp.reserved', name: 'Reserved', type: FT.BYTES },
  infoIpv4: { abbrev: 'icmp.int_info.ipv4', name: 'Source', type: FT.IPv4 },
  infoIpv6: { abbrev: 'icmp.int_info.ipv6', name: 'Source', type: FT.IPv6 },
  infoIpUnknown: { abbrev: 'icmp.int_info.ipunknown', name: 'Source', type: FT.BYTES },
  infoNameLength: { abbrev: 'icmp.int_info.name_length', name: 'Name Length', type: FT.UINT8, base: BASE.DEC },
  infoName: { abbrev: 'icmp.int_info.name', name: 'Name', type: FT.STRING },
  infoMtu: { abbrev: 'icmp.int_info.mtu', name: 'Maximum Transmission Unit', type: FT.UINT32, base: BASE.DEC },
  identName: { abbrev: 'icmp.int_ident.name', name: 'Name', type: FT.STRING },
  identIndex: { abbrev: 'icmp.int_ident.index', name: 'Interface Index', type: FT.UINT32, base: BASE.DEC },
  identAfi: { abbrev: 'icmp.int_ident.afi', name: 'Address Family Identifier', type: FT.UINT16, base: BASE.DEC, strings: addressFamilies },
  identAddrLength: { abbrev: 'icmp.int_ident.addr_length', name: 'Address Length', type: FT.UINT8, base: BASE.DEC },
  identReserved: { abbrev: 'icmp.int_ident.reserved', name: 'Reserved', type: FT.BYTES },
  identIpv4: { abbrev: 'icmp.int_ident.ipv4', name: 'Address', type: FT.IPv4 },
  identIpv6: { abbrev: 'icmp.int_ident.ipv6', name: 'Address', type: FT.IPv6 },
  identAddress: { abbrev: 'icmp.int_ident.address', name: 'Address', type: FT.BYTES },
});
const f = icmpExtensionFields;
const eiChecksum = defineExpert('icmp', 'icmp.ext.checksum_bad', Group.CHECKSUM, Severity.WARN, 'Bad checksum');
const checksumFields = { checksum: f.checksum, status: f.checksumStatus, bad: eiChecksum };

/** One object's place: its subtree (or what stands for it), where it starts and where its (possibly cut) length ends. */
interface ExtensionObject {
  readonly tree: FieldNode | null;
  readonly isOwn: boolean;
  readonly off: number;
  readonly end: number;
}

/** The object subtree's title, set once its class is known (proto_item_set_text). */
function title(o: ExtensionObject, text: string): void {
  if (o.isOwn && o.tree!.ctx.full) o.tree!.setText(text);
}

/**
 * The extension structure at the start of `tvb` (which runs to the end of
 * the message). Returns the bytes used: 0 when there is no header of 4
 * bytes or its version is neither 1 nor 2 (a caller going through the
 * dissector table then shows the bytes as data).
 */
export function dissectIcmpExtensions(tvb: Tvb, pinfo: PacketInfo, tree: FieldNode | null): number {
  const reported = tvb.reported;
  const ti = tree ? tree.add(f.ext, tvb, 0, Math.min(reported, tvb.length), null).setText('ICMP Multi-Part Extensions') : null;
  if (reported < 4) return 0;
  const version = tvb.u8(0) >> 4;
  if (ti) {
    ti.add(f.version, tvb, 0, 1, version);
    ti.addItem(f.reserved, tvb, 0, 2);
  }
  const sum = tvb.u16(2);
  if (sum === 0) {
    ti?.addGenerated(f.checksum, tvb, 2, 2, 0).setValueText('[missing]');
    ti?.addGenerated(f.checksumStatus, tvb, 2, 2, 3);
  } else {
    addVerifiedChecksum(pinfo, ti, checksumFields, tvb, 2, sum, internetChecksum(tvb.view(0, reported)));
  }
  if (version !== 1 && version !== 2) {
    ti?.appendText(' (unsupported version)');
    return 0;
  }
  let off = 4;
  let interfaceInformationObjects = 0;
  while (reported - off >= 4) {
    const length = tvb.u16(off);
    const end = off + Math.min(length, reported - off);
    const sub = addSubtree(ti, tvb, off, Math.max(end - off, 4), () => 'Unknown object');
    const o: ExtensionObject = { tree: sub, isOwn: isOwnNode(sub, ti), off, end };
    sub?.add(f.length, tvb, off, 2, length);
    sub?.addItem(f.class, tvb, off + 2, 1);
    const classNum = tvb.u8(off + 2);
    const cType = tvb.u8(off + 3);
    if (length < 4) {
      title(o, 'Object with bad length');
      break;
    }
    let unknown: boolean;
    switch (classNum) {
      case CLASS.MPLS_STACK:
        unknown = mplsStack(tvb, o, cType);
        break;
      case CLASS.INTERFACE_INFORMATION:
        unknown = interfaceInformation(tvb, o, cType);
        if (++interfaceInformationObjects > 4) title(o, 'More than 4 Interface Information Objects');
        break;
      case CLASS.EXTENDED_PAYLOAD:
        sub?.add(f.cType, tvb, off + 3, 1, cType);
        unknown = cType !== 1;
        if (!unknown) {
          // What of the original datagram did not fit before the extensions.
          title(o, 'Extended Payload');
          if (end - off > 4) sub?.addItem(f.data, tvb, off + 4, end - off - 4);
        }
        break;
      case CLASS.INTERFACE_IDENTIFICATION:
        unknown = interfaceIdentification(tvb, o, cType, length);
        break;
      default:
        unknown = true;
    }
    if (unknown) {
      sub?.addItem(f.cType, tvb, off + 3, 1);
      title(o, `Unknown object (${classNum}/${cType})`);
      if (end - off > 4) sub?.addItem(f.data, tvb, off + 4, end - off - 4);
    }
    if (end - off < length && o.isOwn) sub!.appendText(' (truncated)');
    off = end;
  }
  return off;
}

/** RFC 4950: the label stack entries the packet carried when it expired. */
function mplsStack(tvb: Tvb, o: ExtensionObject, cType: number): boolean {
  const { tree, end } = o;
  tree?.add(f.cType, tvb, o.off + 3, 1, cType);
  if (cType !== 1) return true;
  title(o, 'MPLS Stack Entry');
  let at = o.off + 4;
  for (; at + 4 <= end && tvb.reported - at >= 4; at += 4) {
    const b2 = tvb.u8(at + 2);
    const label = (tvb.u16(at) << 4) | (b2 >> 4);
    const exp = (b2 >> 1) & 7;
    const ttl = tvb.u8(at + 3);
    const entry = addSubtree(tree, tvb, at, 4, () => `Label: ${label}, Exp: ${exp}, S: ${b2 & 1}, TTL: ${ttl}`);
    if (entry) {
      entry.add(f.mplsLabel, tvb, at, 3, label);
      entry.add(f.mplsExp, tvb, at + 2, 1, exp);
      entry.add(f.mplsS, tvb, at + 2, 1, b2 & 1);
      entry.addItem(f.mplsTtl, tvb, at + 3, 1);
    }
  }
  if (at < end) tree?.addItem(f.mplsData, tvb, at, end - at);
  return false;
}

/** RFC 5837: which interface the router means (ifIndex, address, name, MTU, as the C-Type's bits say). */
function interfaceInformation(tvb: Tvb, o: ExtensionObject, cType: number): boolean {
  const { tree, end } = o;
  title(o, 'Interface Information Object');
  const ct = tree?.add(f.cType, tvb, o.off + 3, 1, cType) ?? null;
  // proto_tree_add_bitmask: the role by name, each flag that is set by its name.
  const bits = [f.infoRole, f.infoReserved, f.infoIfIndex, f.infoIpAddr, f.infoNamePresent, f.infoMtuPresent];
  appendBitmaskLabel(ct, tree, cType, bits);
  if (ct) for (const def of bits) ct.addItem(def, tvb, o.off + 3, 1);
  let at = o.off + 4;
  if (cType & 0x08) {
    addItem(tree, f.infoIndex, tvb, at, 4);
    at += 4;
  }
  if (cType & 0x04 && end >= at + 2) {
    const afi = tvb.u16(at);
    const sub = addSubtree(tree, tvb, at, afi === 1 ? 8 : 20, () => 'IP Address Sub-Object');
    sub?.add(f.infoAfi, tvb, at, 2, afi);
    addItem(sub, f.reservedBytes, tvb, at + 2, 2);
    at += 4;
    if (afi === 1) {
      addItem(sub, f.infoIpv4, tvb, at, 4);
      at += 4;
    } else if (afi === 2) {
      addItem(sub, f.infoIpv6, tvb, at, 16);
      at += 16;
    } else {
      // Wireshark gives this item the length offset - end: never positive, so it fails or runs to the end.
      addItem(sub, f.infoIpUnknown, tvb, at, at - end);
      return false;
    }
  }
  if (cType & 0x02) {
    let nameLength = 0;
    let sub: FieldNode | null = null;
    if (end >= at + 1) {
      // The length counts its own byte.
      nameLength = tvb.u8(at);
      sub = addSubtree(tree, tvb, at, nameLength, () => 'Interface Name Sub-Object');
      addItem(sub, f.infoNameLength, tvb, at, 1);
      at += 1;
    }
    if (end >= at + nameLength) {
      addAsciiItem(sub, f.infoName, tvb, at, nameLength - 1);
      at += nameLength - 1;
    }
  }
  if (cType & 0x01) addItem(tree, f.infoMtu, tvb, at, 4);
  return false;
}

/** RFC 8335: the interface an extended echo request asks about, by name, index or address. */
function interfaceIdentification(tvb: Tvb, o: ExtensionObject, cType: number, length: number): boolean {
  const { tree } = o;
  title(o, 'Interface Identification Object');
  if (tvb.reported - o.off < 5) return true;
  tree?.add(f.cType, tvb, o.off + 3, 1, cType).appendText(` (${identificationTypes.get(cType) ?? `Unknown C-Type ${cType}`})`);
  let at = o.off + 4;
  switch (cType) {
    case 1:
      addAsciiItem(tree, f.identName, tvb, at, length - 4);
      break;
    case 2:
      addItem(tree, f.identIndex, tvb, at, 4);
      break;
    case 3: {
      addItem(tree, f.identAfi, tvb, at, 2);
      const afi = tvb.u16(at);
      addItem(tree, f.identAddrLength, tvb, at + 2, 1);
      let addrLength = tvb.u8(at + 2);
      addItem(tree, f.identReserved, tvb, at + 3, 1);
      at += 4;
      const size = afi === 1 ? 4 : afi === 2 ? 16 : 0;
      if (size === 0) {
        addItem(tree, f.identAddress, tvb, at, tvb.reported - at);
        break;
      }
      for (; addrLength >= size && tvb.reported - at >= size; at += size, addrLength -= size) addItem(tree, size === 4 ? f.identIpv4 : f.identIpv6, tvb, at, size);
      break;
    }
  }
  return false;
}

/** The extensions as ICMPv6 calls them, through a handle of ICMP's: they add "icmp" to the frame's protocols. */
export const icmpExtensionsDissector = makeDissector('icmp', 'ICMP', dissectIcmpExtensions, []);
