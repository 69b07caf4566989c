import type { FieldNode } from '../fields/field-node.js';
import { AddressType, formatEther } from '../dissection/address.js';
import { makeDissector } from '../dissection/dissector.js';
import type { PacketInfo } from '../dissection/packet-info.js';
import { defaultRegistry } from '../dissection/session.js';
import type { Tvb } from '../dissection/tvb.js';
import { LINKTYPE_ETHERNET } from '../capture/linktypes.js';
import { dataDissector } from './data.js';
import { ethExpert, ethFields, hfEth } from './ethernet-fields.js';
import { ouiVendor } from './oui-names.js';
import { ethertypeDissector, type EthertypeData } from './ethertype.js';
import { dissect8023 } from './ieee8023.js';
import { hex4 } from './hex.js';

/** Destination and source, each with its address/OUI/LG/IG children. */
function addAddressItems(tvb: Tvb, tree: FieldNode, off: number, which: 'dst' | 'src', groupCheck: PacketInfo | null): FieldNode {
  const top = which === 'dst' ? ethFields.dst : ethFields.src;
  const node = tree.addItem(top, tvb, off, 6);
  // Ethernet II: a group (multicast) source address is a protocol violation.
  if (groupCheck && tvb.u8(off) & 0x01) groupCheck.expert(node, ethExpert.srcNotGroup);
  const ouiResolved = which === 'dst' ? ethFields.dstOuiResolved : ethFields.srcOuiResolved;
  const resolved = which === 'dst' ? ethFields.dstResolved : ethFields.srcResolved;
  const ctx = tree.ctx;
  // A pruned tree (-e, -Y) rarely keeps the resolved text: format it only when kept.
  const text = ctx.keeps(resolved) || ctx.keeps(ethFields.addrResolved) ? formatEther(tvb.bytes, tvb.start + off) : '';
  const vendor = ctx.keeps(ouiResolved) || ctx.keeps(ethFields.addrOuiResolved) ? ouiVendor(tvb.u24(off)) : undefined;
  node.addHidden(resolved, tvb, off, 6, text).setGenerated();
  node.addItem(which === 'dst' ? ethFields.dstOui : ethFields.srcOui, tvb, off, 3).setGenerated().setHidden();
  if (vendor !== undefined) node.addHidden(ouiResolved, tvb, off, 6, vendor).setGenerated();
  node.addItem(ethFields.addr, tvb, off, 6);
  node.addHidden(ethFields.addrResolved, tvb, off, 6, text).setGenerated();
  node.addItem(ethFields.addrOui, tvb, off, 3).setGenerated().setHidden();
  if (vendor !== undefined) node.addHidden(ethFields.addrOuiResolved, tvb, off, 6, vendor).setGenerated();
  node.addItem(which === 'dst' ? ethFields.dstLg : ethFields.srcLg, tvb, off, 3);
  node.addItem(ethFields.lg, tvb, off, 3).setHidden();
  node.addItem(which === 'dst' ? ethFields.dstIg : ethFields.srcIg, tvb, off, 3);
  node.addItem(ethFields.ig, tvb, off, 3).setHidden();
  return node;
}

/** Every field addAddressItems adds. */
const addressFields = [
  ethFields.dst, ethFields.src, ethFields.dstResolved, ethFields.srcResolved, ethFields.dstOui, ethFields.srcOui,
  ethFields.dstOuiResolved, ethFields.srcOuiResolved, ethFields.addr, ethFields.addrResolved, ethFields.addrOui,
  ethFields.addrOuiResolved, ethFields.dstLg, ethFields.srcLg, ethFields.lg, ethFields.dstIg, ethFields.srcIg, ethFields.ig,
];

/** Both addresses; with `groupCheck`, a group source address is flagged (Ethernet II only). */
function addressItems(tvb: Tvb, tree: FieldNode | null, groupCheck: PacketInfo | null = null): void {
  // A pruned tree (-e, -Y) that keeps none of the address fields would only get stand-ins: skip the
  // two dozen calls per frame. The stand-in `tree` carries the expert item as the address's would.
  if (!tree || (tree.isStandIn && !tree.ctx.keepsAnyOf(addressFields))) {
    if (groupCheck && tvb.u8(6) & 0x01) groupCheck.expert(tree, ethExpert.srcNotGroup);
    return;
  }
  addAddressItems(tvb, tree, 0, 'dst', null);
  addAddressItems(tvb, tree, 6, 'src', groupCheck);
}

/** Ethernet II and IEEE 802.3 framing (packet-eth.c's dissect_eth_common). */
export function dissectEthernetCommon(tvb: Tvb, pinfo: PacketInfo, tree: FieldNode | null, fcsLen: number): number {
  pinfo.cols.setProtocol('Ethernet');
  pinfo.dlDst = tvb.address(AddressType.ETHER, 0, 6);
  pinfo.dst = pinfo.dlDst;
  pinfo.dlSrc = tvb.address(AddressType.ETHER, 6, 6);
  pinfo.src = pinfo.dlSrc;
  const type = tvb.u16(12);
  if (type > 1500 && type < 1536) {
    pinfo.cols.setInfo(`Ethernet Unknown: Invalid length/type: 0x${hex4(type)} (${type})`);
    const t = tree?.addProtocol(hfEth, tvb, 0, 14, `Ethernet Unknown, Src: ${pinfo.src}, Dst: ${pinfo.dst}`) ?? null;
    addressItems(tvb, t);
    const item = t ? t.addItem(ethFields.invalidLentype, tvb, 12, 2) : null;
    pinfo.expert(item, ethExpert.invalidLentype, `Invalid length/type: 0x${hex4(type)} (${type})`);
    pinfo.call(dataDissector, tvb.sub(14), tree);
    return tvb.length;
  }
  // A length field, except 0 (ETHERTYPE_UNK), which Wireshark takes as an Ethernet II type.
  if (type <= 1500 && type !== 0) {
    const is8022 = !(tvb.has(14, 2) && tvb.u16(14) === 0xffff);
    pinfo.cols.setInfo(`IEEE 802.3 Ethernet ${is8022 ? '' : 'Raw '}`);
    const t = tree?.addProtocol(hfEth, tvb, 0, 14, `IEEE 802.3 Ethernet ${is8022 ? '' : 'Raw '}`) ?? null;
    addressItems(tvb, t);
    dissect8023(type, is8022, tvb, 14, pinfo, tree, t, ethFields.len, ethFields.trailer, ethExpert.lenPastEnd, fcsLen);
    return tvb.length;
  }
  pinfo.cols.setInfo('Ethernet II');
  const t = tree ? tree.addProtocolIfKept(hfEth, tvb, 0, 14, tree.ctx.full ? `Ethernet II, Src: ${pinfo.src}, Dst: ${pinfo.dst}` : undefined) : null;
  addressItems(tvb, t, pinfo);
  t?.add(ethFields.type, tvb, 12, 2, type);
  const data: EthertypeData = { etype: type, payloadOffset: 14, headerTree: t, trailerField: ethFields.trailer, fcsLen };
  pinfo.call(ethertypeDissector, tvb, tree, data);
  return tvb.length;
}

/** The Ethernet link type of files: FCS presence unknown, guessed from the trailer (-1). */
/** The FCS length: a setting's, else the packet's (the pseudo-header's eth.fcs_len: pcapng flags), else -1 (guess from the trailer). */
function fcsLength(pinfo: PacketInfo): number {
  const pref = pinfo.session.pref('eth.fcs_len', -1);
  return pref !== -1 ? pref : (pinfo.raw.fcsLen ?? -1);
}

export const ethernetDissector = makeDissector('eth', 'Ethernet', (tvb, pinfo, tree) => dissectEthernetCommon(tvb, pinfo, tree, fcsLength(pinfo)));
export const ethernetWithoutFcsDissector = makeDissector('eth', 'Ethernet', (tvb, pinfo, tree) => dissectEthernetCommon(tvb, pinfo, tree, 0));
/** Ethernet frames known to end in their 4-byte FCS (eth_withfcs): bridged over SNAP with it (RFC 2684). */
export const ethernetWithFcsDissector = makeDissector('eth', 'Ethernet', (tvb, pinfo, tree) => dissectEthernetCommon(tvb, pinfo, tree, 4));

defaultRegistry.addUint('wtap_encap', LINKTYPE_ETHERNET, ethernetDissector);
