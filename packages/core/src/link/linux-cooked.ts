import { arpHardwareTypes } from './arp-hardware-types.js';
import { defineFields, defineProtocol, FT, BASE, vals } from '../fields/field-def.js';
import type { FieldNode } from '../fields/field-node.js';
import { AddressType } from '../dissection/address.js';
import { makeDissector } from '../dissection/dissector.js';
import type { PacketInfo } from '../dissection/packet-info.js';
import { defaultRegistry } from '../dissection/session.js';
import type { Tvb } from '../dissection/tvb.js';
import { LINKTYPE_LINUX_SLL, LINKTYPE_LINUX_SLL2 } from '../capture/linktypes.js';
import { dataDissector } from './data.js';
import { ethertypeDissector, type EthertypeData } from './ethertype.js';
import { etypeNames } from './ethertype-values.js';
import { llcDissector } from './llc.js';

const packetTypes = vals({ 0: 'Unicast to us', 1: 'Broadcast', 2: 'Multicast', 3: 'Unicast to another host', 4: 'Sent by us' });
const ltypes = vals({ 1: 'Raw 802.3', 2: 'AX.25', 3: 'All', 4: '802.2 LLC', 5: 'SNAP', 0x0c: 'PPP', 0x0d: 'IrDA', 0x10: 'ISI', 0x15: 'Control Area Network', 0x16: 'CAN FD', 0x19: 'Netlink' });

export const hfSll = defineProtocol('sll', 'Linux cooked-mode capture');
export const sllFields = defineFields('sll', {
  pkttype: { abbrev: 'sll.pkttype', name: 'Packet type', type: FT.UINT16, base: BASE.DEC, strings: packetTypes },
  hatype: { abbrev: 'sll.hatype', name: 'Link-layer address type', type: FT.UINT16, base: BASE.DEC, strings: arpHardwareTypes },
  halen: { abbrev: 'sll.halen', name: 'Link-layer address length', type: FT.UINT16, base: BASE.DEC },
  srcEth: { abbrev: 'sll.src.eth', name: 'Source', type: FT.ETHER },
  srcIpv4: { abbrev: 'sll.src.ipv4', name: 'Source', type: FT.IPv4 },
  srcOther: { abbrev: 'sll.src.other', name: 'Source', type: FT.BYTES },
  unused: { abbrev: 'sll.unused', name: 'Unused', type: FT.BYTES },
  ltype: { abbrev: 'sll.ltype', name: 'Protocol', type: FT.UINT16, base: BASE.HEX, strings: ltypes },
  gretype: { abbrev: 'sll.gretype', name: 'Protocol', type: FT.UINT16, base: BASE.HEX },
  etype: { abbrev: 'sll.etype', name: 'Protocol', type: FT.UINT16, base: BASE.HEX, strings: etypeNames },
  trailer: { abbrev: 'sll.trailer', name: 'Trailer', type: FT.BYTES },
  ifindex: { abbrev: 'sll.ifindex', name: 'Interface index', type: FT.UINT32, base: BASE.DEC },
});

const ARPHRD_IPGRE = 778;
const ARPHRD_NETLINK = 824;

function addLinkAddress(tree: FieldNode | null, pinfo: PacketInfo, tvb: Tvb, halenOffset: number, halenLen: number): void {
  const haLen = halenLen === 2 ? tvb.u16(halenOffset) : tvb.u8(halenOffset);
  const off = halenOffset + halenLen;
  tree?.add(sllFields.halen, tvb, halenOffset, halenLen, haLen);
  if (haLen === 4) {
    pinfo.dlSrc = tvb.address(AddressType.IPv4, off, 4);
    pinfo.src = pinfo.dlSrc;
    tree?.addItem(sllFields.srcIpv4, tvb, off, 4);
  } else if (haLen === 6) {
    pinfo.dlSrc = tvb.address(AddressType.ETHER, off, 6);
    pinfo.src = pinfo.dlSrc;
    tree?.addItem(sllFields.srcEth, tvb, off, 6);
  } else if (haLen !== 0) {
    tree?.addItem(sllFields.srcOther, tvb, off, haLen > 8 ? 8 : haLen);
  }
  if (haLen < 8) tree?.addItem(sllFields.unused, tvb, off + haLen, 8 - haLen);
}

function addProtocolType(tree: FieldNode | null, tvb: Tvb, off: number, hatype: number): number {
  const protocol = tvb.u16(off);
  if (protocol <= 1536) tree?.add(sllFields.ltype, tvb, off, 2, protocol);
  else if (hatype === ARPHRD_IPGRE) tree?.add(sllFields.gretype, tvb, off, 2, protocol);
  else tree?.add(sllFields.etype, tvb, off, 2, protocol);
  return protocol;
}

function dissectPayload(tree: FieldNode | null, pinfo: PacketInfo, fh: FieldNode | null, tvb: Tvb, headerSize: number, protocol: number): void {
  const next = tvb.sub(headerSize);
  if (protocol <= 1536) {
    // Linux's own protocol numbers: only 802.2 LLC is worth following here.
    if (protocol === 4) pinfo.call(llcDissector, next, tree);
    else pinfo.call(dataDissector, next, tree);
    return;
  }
  const data: EthertypeData = { etype: protocol, payloadOffset: headerSize, headerTree: fh, trailerField: sllFields.trailer, fcsLen: 0 };
  pinfo.call(ethertypeDissector, tvb, tree, data);
}

/** Linux "any"-device captures, v1 (16-byte header) and v2 (20 bytes) (packet-sll.c). */
function dissectSll(tvb: Tvb, pinfo: PacketInfo, tree: FieldNode | null, version: 1 | 2): number {
  // packet-sll.c reads the packet type as 16 bits in both versions, first: in v2 that takes the address length
  // along (0x0406, "Unknown (1030)" in Info, for a packet we sent with a MAC address), and a frame cut before
  // byte 12 fails before the Protocol column is set.
  const infoType = tvb.u16(version === 1 ? 0 : 10);
  const hatype = version === 1 ? tvb.u16(2) : tvb.u16(8);
  const headerSize = version === 1 ? 16 : 20;
  if (hatype === ARPHRD_NETLINK) {
    pinfo.call(dataDissector, tvb, tree);
    return tvb.length;
  }
  pinfo.cols.setProtocol('SLL');
  pinfo.cols.clearInfo();
  pinfo.cols.setInfo(packetTypes.get(infoType) ?? `Unknown (${infoType})`);
  const fh = tree ? tree.addProtocol(hfSll, tvb, 0, headerSize, `Linux cooked capture v${version}`) : null;
  let protocol: number;
  if (version === 1) {
    fh?.addItem(sllFields.pkttype, tvb, 0, 2);
    fh?.add(sllFields.hatype, tvb, 2, 2, hatype);
    addLinkAddress(fh, pinfo, tvb, 4, 2);
    protocol = addProtocolType(fh, tvb, 14, hatype);
  } else {
    protocol = addProtocolType(fh, tvb, 0, hatype);
    fh?.addItem(sllFields.ifindex, tvb, 4, 4);
    fh?.add(sllFields.hatype, tvb, 8, 2, hatype);
    fh?.addItem(sllFields.pkttype, tvb, 10, 1);
    addLinkAddress(fh, pinfo, tvb, 11, 1);
  }
  dissectPayload(tree, pinfo, fh, tvb, headerSize, protocol);
  return tvb.length;
}

export const sllDissector = makeDissector('sll', 'SLL', (tvb, pinfo, tree) => dissectSll(tvb, pinfo, tree, 1));
export const sll2Dissector = makeDissector('sll', 'SLL', (tvb, pinfo, tree) => dissectSll(tvb, pinfo, tree, 2));
defaultRegistry.addUint('wtap_encap', LINKTYPE_LINUX_SLL, sllDissector);
defaultRegistry.addUint('wtap_encap', LINKTYPE_LINUX_SLL2, sll2Dissector);
