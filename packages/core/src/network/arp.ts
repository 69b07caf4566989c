import { arpHardwareTypes } from '../link/arp-hardware-types.js';
import { defineFields, defineProtocol, FT, BASE, vals } from '../fields/field-def.js';
import { formatEther, formatHexBytes, formatIPv4, formatIPv4Bytes } from '../dissection/address.js';
import { checkForDuplicateAddress } from './arp-duplicate-addresses.js';
import { makeDissector } from '../dissection/dissector.js';
import { defaultRegistry } from '../dissection/session.js';
import type { Tvb } from '../dissection/tvb.js';
import { ETHERTYPE, etypeNames } from '../link/ethertype-values.js';
import { hex4 } from '../link/hex.js';

const OP = { REQUEST: 1, REPLY: 2, RREQUEST: 3, RREPLY: 4, DRARPREQUEST: 5, DRARPREPLY: 6, DRARPERROR: 7, IREQUEST: 8, IREPLY: 9, NAK: 10, EXP1: 24, EXP2: 25 } as const;
/** Info's words for the MARS (RFC 2022) and MAPOS opcodes, before " from <hardware> at <protocol address>". */
const marsInfo = vals({
  11: 'MARS request', 12: 'MARS MULTI request', 13: 'MARS MSERV request', 14: 'MARS JOIN request', 15: 'MARS LEAVE', 16: 'MARS NAK', 17: 'MARS UNSERV request',
  18: 'MARS SJOIN request', 19: 'MARS SLEAVE', 20: 'MARS grouplist request', 21: 'MARS grouplist reply', 22: 'MARS redirect map', 23: 'MAPOS UNARP request',
});
const opNames = vals({
  1: 'request', 2: 'reply', 3: 'reverse request', 4: 'reverse reply', 5: 'drarp request', 6: 'drarp reply', 7: 'drarp error', 8: 'inverse request', 9: 'inverse reply', 10: 'arp nak',
  11: 'mars request', 12: 'mars multi', 13: 'mars mserv', 14: 'mars join', 15: 'mars leave', 16: 'mars nak', 17: 'mars unserv', 18: 'mars sjoin', 19: 'mars sleave',
  20: 'mars grouplist request', 21: 'mars grouplist reply', 22: 'mars redirect map', 23: 'mapos unarp', 24: 'experimental 1', 25: 'experimental 2', 0: 'reserved', 65535: 'reserved',
});

export const hfArp = defineProtocol('arp', 'Address Resolution Protocol');
export const arpFields = defineFields('arp', {
  hwType: { abbrev: 'arp.hw.type', name: 'Hardware type', type: FT.UINT16, base: BASE.DEC, strings: arpHardwareTypes },
  protoType: { abbrev: 'arp.proto.type', name: 'Protocol type', type: FT.UINT16, base: BASE.HEX, strings: etypeNames },
  hwSize: { abbrev: 'arp.hw.size', name: 'Hardware size', type: FT.UINT8, base: BASE.DEC },
  protoSize: { abbrev: 'arp.proto.size', name: 'Protocol size', type: FT.UINT8, base: BASE.DEC },
  opcode: { abbrev: 'arp.opcode', name: 'Opcode', type: FT.UINT16, base: BASE.DEC, strings: opNames },
  isGratuitous: { abbrev: 'arp.isgratuitous', name: 'Is gratuitous', type: FT.BOOLEAN },
  isProbe: { abbrev: 'arp.isprobe', name: 'Is probe', type: FT.BOOLEAN },
  isAnnouncement: { abbrev: 'arp.isannouncement', name: 'Is announcement', type: FT.BOOLEAN },
  srcHw: { abbrev: 'arp.src.hw', name: 'Sender hardware address', type: FT.BYTES },
  srcHwMac: { abbrev: 'arp.src.hw_mac', name: 'Sender MAC address', type: FT.ETHER },
  srcProto: { abbrev: 'arp.src.proto', name: 'Sender protocol address', type: FT.BYTES },
  srcProtoIpv4: { abbrev: 'arp.src.proto_ipv4', name: 'Sender IP address', type: FT.IPv4 },
  dstHw: { abbrev: 'arp.dst.hw', name: 'Target hardware address', type: FT.BYTES },
  dstHwMac: { abbrev: 'arp.dst.hw_mac', name: 'Target MAC address', type: FT.ETHER },
  dstProto: { abbrev: 'arp.dst.proto', name: 'Target protocol address', type: FT.BYTES },
  dstProtoIpv4: { abbrev: 'arp.dst.proto_ipv4', name: 'Target IP address', type: FT.IPv4 },
  drarpErrorStatus: { abbrev: 'arp.dst.drarp_error_status', name: 'DRARP error status', type: FT.UINT16, base: BASE.DEC, strings: vals({ 1: 'restricted', 2: 'no address', 3: 'serverdown', 4: 'moved', 5: 'failure' }) },
});

const isEtherHw = (hrd: number, hln: number) => (hrd === 1 || hrd === 6) && hln === 6;
const isIPv4Proto = (pro: number, pln: number) => pro === ETHERTYPE.IPv4 && pln === 4;

function protoAddr(tvb: Tvb, off: number, len: number, pro: number): string {
  if (len === 0) return '<No address>';
  tvb.check(off, len); // an address cut short throws, as tvb_arpproaddr_to_str's does
  if (isIPv4Proto(pro, len)) return formatIPv4Bytes(tvb.bytes, tvb.start + off);
  return bytesToStr(tvb.view(off, len));
}

function hwAddr(tvb: Tvb, off: number, len: number, hrd: number): string {
  if (len === 0) return '<No address>';
  tvb.check(off, len);
  if (isEtherHw(hrd, len)) return formatEther(tvb.bytes, tvb.start + off);
  return bytesToStr(tvb.view(off, len));
}

/** tvb_bytes_to_str: plain hex, cut after 36 bytes with "…". */
function bytesToStr(b: Uint8Array): string {
  return b.length <= 36 ? formatHexBytes(b) : `${formatHexBytes(b.subarray(0, 36))}\u2026`;
}

function sameBytes(tvb: Tvb, a: number, b: number, len: number): boolean {
  for (let i = 0; i < len; i++) if (tvb.u8(a + i) !== tvb.u8(b + i)) return false;
  return true;
}

function allZero(tvb: Tvb, off: number, len: number): boolean {
  for (let i = 0; i < len; i++) if (tvb.u8(off + i) !== 0) return false;
  return true;
}

/**
 * tvb_memeql: never throws; bytes that are not there, or none asked for
 * (ensure_contiguous_no_exception gives no pointer for length 0), compare unequal.
 */
function memEqual(tvb: Tvb, off: number, len: number, equal: (tvb: Tvb, off: number, len: number) => boolean): boolean {
  return len > 0 && off >= 0 && off + len <= tvb.length && equal(tvb, off, len);
}

/** ARP and RARP over Ethernet-style hardware (packet-arp.c); "ARP/RARP" is the name Wireshark gives expert items and malformed marks. */
export const arpDissector = makeDissector('arp', 'ARP/RARP', (tvb, pinfo, tree) => {
  pinfo.cols.setProtocol('ARP');
  pinfo.cols.clearInfo();
  const hrd = tvb.u16(0);
  const t = tree ? tree.addProtocol(hfArp, tvb, 0, -1) : null;
  t?.add(arpFields.hwType, tvb, 0, 2, hrd);
  // Each field is shown as soon as it is read: a header cut short shows what it had.
  const pro = tvb.u16(2);
  t?.add(arpFields.protoType, tvb, 2, 2, pro);
  const hln = tvb.u8(4);
  t?.add(arpFields.hwSize, tvb, 4, 1, hln);
  const pln = tvb.u8(5);
  t?.add(arpFields.protoSize, tvb, 5, 1, pln);
  const op = tvb.u16(6);
  t?.add(arpFields.opcode, tvb, 6, 2, op);
  const totLen = 8 + 2 * hln + 2 * pln;
  t?.setLength(totLen);
  // A packet claiming more address bytes than it has is malformed here, before its addresses are read.
  tvb.setReportedLength(totLen);
  if (op === OP.RREQUEST || op === OP.RREPLY) pinfo.cols.setProtocol('RARP');
  else if (op >= OP.DRARPREQUEST && op <= OP.DRARPERROR) pinfo.cols.setProtocol('DRARP');
  else if (op === OP.IREQUEST || op === OP.IREPLY) pinfo.cols.setProtocol('Inverse ARP');
  else if (op >= 11 && op <= 22) pinfo.cols.setProtocol('MARS');
  else if (op === 23) pinfo.cols.setProtocol('MAPOS');
  const sha = 8, spa = sha + hln, tha = spa + pln, tpa = tha + hln;
  // Address conflicts: the sender's binding, and a reply's target's (a request's target means nothing, RFC 826);
  // checked before the gratuitous test, so a packet cut in its target address still reports its sender's.
  let duplicate = -1;
  if ((op === OP.REQUEST || op === OP.REPLY) && isEtherHw(hrd, hln) && isIPv4Proto(pro, pln)) {
    const claims = (macOff: number, ipOff: number): boolean => (tvb.u8(macOff) & 0x01) === 0 && !allZero(tvb, macOff, 6) && tvb.u32(ipOff) !== 0;
    if (claims(sha, spa) && checkForDuplicateAddress(tvb, pinfo, tree, sha, tvb.u32(spa))) duplicate = tvb.u32(spa);
    // A gratuitous reply names the same address twice: reported once.
    if (op !== OP.REQUEST && claims(tha, tpa) && duplicate !== tvb.u32(tpa) && checkForDuplicateAddress(tvb, pinfo, tree, tha, tvb.u32(tpa))) duplicate = tvb.u32(tpa);
  }
  // For a request or reply packet-arp.c takes pointers to both protocol addresses for the gratuitous test:
  // either one cut short fails here, before Info and the addresses are shown.
  if (op === OP.REQUEST || op === OP.REPLY) {
    tvb.check(spa, pln);
    tvb.check(tpa, pln);
  }
  let gratuitous = false, probe = false, announcement = false;
  if ((op === OP.REQUEST || op === OP.REPLY) && memEqual(tvb, spa, pln, (b, o, n) => sameBytes(b, o, tpa, n))) {
    gratuitous = true;
    if (op === OP.REQUEST && memEqual(tvb, tha, 6, allZero)) announcement = true;
  } else if (op === OP.REQUEST && memEqual(tvb, tha, 6, allZero) && tvb.u32(spa) === 0) {
    probe = true;
  }
  const cols = pinfo.cols;
  switch (op) {
    case OP.REQUEST:
      if (gratuitous) cols.setInfo(announcement ? `ARP Announcement for ${protoAddr(tvb, tpa, pln, pro)}` : `Gratuitous ARP for ${protoAddr(tvb, tpa, pln, pro)} (Request)`);
      else if (probe) cols.setInfo(`Who has ${protoAddr(tvb, tpa, pln, pro)}? (ARP Probe)`);
      else cols.setInfo(`Who has ${protoAddr(tvb, tpa, pln, pro)}? Tell ${protoAddr(tvb, spa, pln, pro)}`);
      break;
    case OP.REPLY:
      if (gratuitous) cols.setInfo(`Gratuitous ARP for ${protoAddr(tvb, spa, pln, pro)} (Reply)`);
      else cols.setInfo(`${protoAddr(tvb, spa, pln, pro)} is at ${hwAddr(tvb, sha, hln, hrd)}`);
      break;
    case OP.RREQUEST: case OP.IREQUEST: case OP.DRARPREQUEST:
      cols.setInfo(`Who is ${hwAddr(tvb, tha, hln, hrd)}? Tell ${hwAddr(tvb, sha, hln, hrd)}`);
      break;
    case OP.RREPLY: case OP.DRARPREPLY:
      cols.setInfo(`${hwAddr(tvb, tha, hln, hrd)} is at ${protoAddr(tvb, tpa, pln, pro)}`);
      break;
    case OP.DRARPERROR:
      cols.setInfo('DRARP Error');
      break;
    case OP.IREPLY:
      cols.setInfo(`${hwAddr(tvb, sha, hln, hrd)} is at ${protoAddr(tvb, spa, pln, pro)}`);
      break;
    case OP.NAK:
      cols.setInfo('ARP NAK');
      break;
    case OP.EXP1: case OP.EXP2:
      cols.setInfo(`Experimental ${op === OP.EXP1 ? 1 : 2} ( opcode ${op} )`);
      break;
    case 0: case 65535:
      cols.setInfo(`Reserved opcode ${op}`);
      break;
    default:
      if (marsInfo.has(op)) {
        cols.setInfo(`${marsInfo.get(op)!} from ${hwAddr(tvb, sha, hln, hrd)} at ${protoAddr(tvb, spa, pln, pro)}`);
        break;
      }
      cols.setInfo(`Unknown ARP opcode 0x${hex4(op)}`);
  }
  if (duplicate !== -1) cols.appendInfo(` (duplicate use of ${formatIPv4(duplicate)} detected!)`);
  if (t) {
    let opStr = opNames.get(op);
    if (opStr !== undefined) {
      if (gratuitous && op === OP.REQUEST) opStr = 'request/gratuitous ARP';
      if (gratuitous && op === OP.REPLY) opStr = 'reply/gratuitous ARP';
      if (probe) opStr = 'ARP Probe';
      if (announcement) opStr = 'ARP Announcement';
      t.appendText(` (${opStr})`);
    } else {
      t.appendText(` (opcode 0x${hex4(op)})`);
    }
    if (gratuitous) t.addGenerated(arpFields.isGratuitous, tvb, 0, 0, 1);
    if (probe) t.addGenerated(arpFields.isProbe, tvb, 0, 0, 1);
    if (announcement) t.addGenerated(arpFields.isAnnouncement, tvb, 0, 0, 1);
    const ether = isEtherHw(hrd, hln);
    const ipv4 = isIPv4Proto(pro, pln);
    if (hln) t.addItem(ether ? arpFields.srcHwMac : arpFields.srcHw, tvb, sha, hln);
    if (pln) t.addItem(ipv4 ? arpFields.srcProtoIpv4 : arpFields.srcProto, tvb, spa, pln);
    if (hln) t.addItem(ether ? arpFields.dstHwMac : arpFields.dstHw, tvb, tha, hln);
    if (pln && op !== OP.DRARPERROR) t.addItem(ipv4 ? arpFields.dstProtoIpv4 : arpFields.dstProto, tvb, tpa, pln);
    // A DRARP error's status is the first byte of the target protocol address.
    else if (pln) t.addItem(arpFields.drarpErrorStatus, tvb, tpa, 1);
  }
  return tvb.length;
});
defaultRegistry.addUint('ethertype', ETHERTYPE.ARP, arpDissector);
defaultRegistry.addUint('ethertype', ETHERTYPE.REVARP, arpDissector);
