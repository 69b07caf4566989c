import type { FieldNode } from '../fields/field-node.js';
import { FieldGroup } from '../fields/field-group.js';
import { AddressType, formatIPv4 } from '../dissection/address.js';
import { makeDissector } from '../dissection/dissector.js';
import { defineExpert, Group, Severity } from '../dissection/expert.js';
import type { PacketInfo } from '../dissection/packet-info.js';
import { defaultRegistry } from '../dissection/session.js';
import type { Tvb } from '../dissection/tvb.js';
import { LINKTYPE_IPV4 } from '../capture/linktypes.js';
import { dataDissector } from '../link/data.js';
import { ETHERTYPE } from '../link/ethertype-values.js';
import { hex4 } from '../link/hex.js';
import { BSD_AF } from '../link/null-loopback.js';
import { processReassembledData } from '../reassembly/fragment-tree.js';
import { reassembleIpFragment } from './ip-fragment-state.js';
import { dscpShortNames, ecnShortNames, hfIp, ipFields, ipFragmentFields } from './ipv4-fields.js';
import { dissectIpOptions, sourceRouteDestinationOffset } from './ipv4-options.js';
import { ipOptionFields } from './ipv4-option-fields.js';
import { ipProtocolName } from './ip-protocol-names.js';
import { internetChecksum } from './internet-checksum.js';
import { addVerifiedChecksum, checksumShouldBe } from './verified-checksum.js';
import { dispatchIpPayload } from './ip-payload-dispatch.js';

const eiBogusVersion = defineExpert('ip', 'ip.bogus_ip_version', Group.PROTOCOL, Severity.ERROR, 'Bogus IP version');
const eiBogusHeaderLength = defineExpert('ip', 'ip.bogus_header_length', Group.PROTOCOL, Severity.ERROR, 'Bogus IP header length');
const eiBogusLength = defineExpert('ip', 'ip.bogus_ip_length', Group.PROTOCOL, Severity.ERROR, 'Bogus IP length');
const eiTtlTooSmall = defineExpert('ip', 'ip.ttl.too_small', Group.SEQUENCE, Severity.NOTE, 'Time To Live');
const eiChecksumBad = defineExpert('ip', 'ip.checksum_bad.expert', Group.CHECKSUM, Severity.ERROR, 'Bad checksum');
const ipChecksumFields = { checksum: ipFields.checksum, status: ipFields.checksumStatus, bad: eiChecksumBad };
const eiTtlLncb = defineExpert('ip', 'ip.ttl.lncb', Group.SEQUENCE, Severity.NOTE, 'Time To Live');

/** What IPv4 tells the transport layer about the datagram (ws_ip4). */
export interface Ipv4Header {
  version: 4;
  proto: number;
  ttl: number;
  id: number;
  len: number;
  src: number;
  dst: number;
}

const IP_MF = 0x2000;
const IP_OFFSET = 0x1fff;

function isPrivate(a: number): boolean {
  return (a >>> 24) === 10 || (a & 0xfff00000) >>> 0 === 0xac100000 || (a & 0xffff0000) >>> 0 === 0xc0a80000;
}

function isLinkLocal(a: number): boolean {
  return (a & 0xffff0000) >>> 0 === 0xa9fe0000;
}

function isMulticast(a: number): boolean {
  return (a >>> 28) === 0xe;
}

/** Expected TTL for the Local Network Control Block, 0 meaning "any" (VRRP, GLBP, mDNS, LLMNR exceptions). */
function lncbValidTtl(dst: number): number {
  switch (dst & 0xff) {
    case 0x12: case 0x66: case 0xfb: return 255;
    case 0xfc: return 0;
    default: return 1;
  }
}

/** The header fields before the addresses (none has another protocol's items under it). */
const ipHeaderFields = new FieldGroup([
  ipFields.version, ipFields.hdrLen, ipFields.dsfield, ipFields.dscp, ipFields.ecn, ipFields.len, ipFields.id, ipFields.flags,
  ipFields.flagsRb, ipFields.flagsDf, ipFields.flagsMf, ipFields.fragOffset, ipFields.ttl, ipFields.proto, ipFields.checksum, ipFields.checksumStatus,
  ipFields.checksumCalculated,
]);

/** The fields whose value is an address as text. */
const hostTextFields = [ipFields.srcHost, ipFields.dstHost, ipFields.host, ipOptionFields.curRtHost];

/** IPv4 (packet-ip.c's dissect_ip_v4): header, options, defragmentation, then the payload protocol. */
function dissectIpv4(tvb: Tvb, pinfo: PacketInfo, parentTree: FieldNode | null): number {
  pinfo.cols.setProtocol('IPv4');
  pinfo.cols.clearInfo();
  const b0 = tvb.u8(0);
  const version = b0 >> 4;
  const hlen = (b0 & 0x0f) * 4;
  const full = parentTree?.ctx.full ?? false;
  const ti = parentTree ? parentTree.addProtocolIfKept(hfIp, tvb, 0, hlen) : null;
  const t = ti;
  // The header fields, skipped whole by a tree pruned to others (-e ip.src).
  const h = t !== null && t.ctx.keepsGroup(ipHeaderFields) ? t : null;
  const verItem = h?.add(ipFields.version, tvb, 0, 1, version) ?? null;
  if (version !== 4) {
    pinfo.cols.setInfo(`Bogus IPv4 version (${version}, must be 4)`);
    pinfo.expert(verItem, eiBogusVersion, 'Bogus IPv4 version');
    if (version === 6) {
      const v6 = pinfo.session.registry.byProto('ipv6');
      if (v6) pinfo.call(v6, tvb, parentTree);
    }
    return tvb.length;
  }
  if (hlen < 20) {
    pinfo.cols.setInfo(`Bogus IP header length (${hlen}, must be at least 20)`);
    const item = h?.add(ipFields.hdrLen, tvb, 0, 1, hlen).setText(`.... ${(hlen >> 2).toString(2).padStart(4, '0')} = Header Length: ${hlen} bytes (${hlen >> 2})`) ?? null;
    pinfo.expert(item, eiBogusHeaderLength, `Bogus IP header length (${hlen}, must be at least 20)`);
    return tvb.length;
  }
  if (h) {
    const hdrLenItem = h.add(ipFields.hdrLen, tvb, 0, 1, hlen);
    if (full) hdrLenItem.setText(`.... ${(hlen >> 2).toString(2).padStart(4, '0')} = Header Length: ${hlen} bytes (${hlen >> 2})`);
  }
  const tos = tvb.u8(1);
  if (h) {
    const ds = h.add(ipFields.dsfield, tvb, 1, 1, tos);
    if (full) ds.appendText(` (DSCP: ${dscpShortNames.get(tos >> 2) ?? 'Unknown'}, ECN: ${ecnShortNames.get(tos & 3) ?? 'Unknown'})`);
    ds.add(ipFields.dscp, tvb, 1, 1, tos >> 2);
    ds.add(ipFields.ecn, tvb, 1, 1, tos & 3);
  }
  let ipLen = tvb.u16(2);
  let lenItem: FieldNode | null = null;
  if (ipLen < hlen) {
    if (ipLen === 0 && pinfo.session.pref('ip.tso_support', true)) {
      // Zero length from TCP segmentation offload: trust the frame.
      ipLen = tvb.reported;
      h?.add(ipFields.len, tvb, 2, 2, ipLen).setValueText(`${ipLen} bytes (reported as 0, presumed to be because of "TCP segmentation offload" (TSO))`).setGenerated();
    } else {
      pinfo.cols.setInfo(`Bogus IP length (${ipLen}, less than header length ${hlen})`);
      const item = h?.add(ipFields.len, tvb, 2, 2, ipLen).setValueText(`${ipLen} bytes (bogus, less than header length ${hlen})`) ?? null;
      pinfo.expert(item, eiBogusLength);
      return tvb.length;
    }
  } else {
    lenItem = h?.add(ipFields.len, tvb, 2, 2, ipLen) ?? null;
  }
  if (ipLen > tvb.reported) {
    if (!pinfo.inErrorPacket) pinfo.expert(lenItem, eiBogusLength, `IPv4 total length exceeds packet length (${tvb.reported} bytes)`);
  } else {
    tvb.setActualLength(ipLen);
  }
  const id = tvb.u16(4);
  h?.add(ipFields.id, tvb, 4, 2, id);
  const off = tvb.u16(6);
  if (h) {
    const flags = h.add(ipFields.flags, tvb, 6, 1, off >> 13);
    if (full) {
      const parts: string[] = [];
      if (off & 0x8000) parts.push('Reserved bit');
      if (off & 0x4000) parts.push("Don't fragment");
      if (off & 0x2000) parts.push('More fragments');
      flags.setText(`${((off >> 13) & 7).toString(2).padStart(3, '0')}. .... = Flags: 0x${((off >> 13) & 7).toString(16)}${parts.length ? `, ${parts.join(', ')}` : ''}`);
    }
    flags.add(ipFields.flagsRb, tvb, 6, 1, (off >> 15) & 1);
    flags.add(ipFields.flagsDf, tvb, 6, 1, (off >> 14) & 1);
    flags.add(ipFields.flagsMf, tvb, 6, 1, (off >> 13) & 1);
    const fragOffsetItem = h.add(ipFields.fragOffset, tvb, 6, 2, off & IP_OFFSET);
    if (full) fragOffsetItem.setValueText(String((off & IP_OFFSET) * 8));
  }
  const ttl = tvb.u8(8);
  const ttlItem = h?.add(ipFields.ttl, tvb, 8, 1, ttl) ?? null;
  const proto = tvb.u8(9);
  h?.add(ipFields.proto, tvb, 9, 1, proto);
  const sum = tvb.u16(10);
  const checkSum = pinfo.session.pref('ip.check_checksum', false);
  // 0 unless validated and wrong: a fragment with a bad header is not reassembled.
  let headerSum = 0;
  if (checkSum && tvb.has(0, hlen)) {
    headerSum = internetChecksum(tvb.view(0, hlen));
    const sumItem = addVerifiedChecksum(pinfo, h, ipChecksumFields, tvb, 10, sum, headerSum);
    if (headerSum !== 0) sumItem?.appendText('(may be caused by "IP checksum offload"?)');
    h?.addGenerated(ipFields.checksumCalculated, tvb, 10, 2, headerSum === 0 ? sum : checksumShouldBe(sum, headerSum));
  } else if (h) {
    const sumItem = h.add(ipFields.checksum, tvb, 10, 2, sum);
    if (full) sumItem.setValueText(`0x${hex4(sum)} [${checkSum ? 'not all data available' : 'validation disabled'}]`);
    h.addGenerated(ipFields.checksumStatus, tvb, 10, 0, 2);
  }
  // The host names are text: format them only for a tree that shows or keeps them.
  const hostText = t !== null && (full || t.ctx.keepsAnyOf(hostTextFields));
  const src32 = tvb.u32(12);
  pinfo.netSrc = tvb.address(AddressType.IPv4, 12, 4);
  pinfo.src = pinfo.netSrc;
  if (t) {
    const s = hostText ? formatIPv4(src32) : '';
    if (full) ti!.appendText(`, Src: ${s}`);
    t.add(ipFields.src, tvb, 12, 4, src32);
    t.addHidden(ipFields.addr, tvb, 12, 4, src32);
    t.addHidden(ipFields.srcHost, tvb, 12, 4, s).setGenerated();
    t.addHidden(ipFields.host, tvb, 12, 4, s).setGenerated();
  }
  const dstOff = hlen > 20 ? sourceRouteDestinationOffset(tvb, 20, hlen - 20) : 0;
  const dst32 = tvb.u32(16 + dstOff);
  pinfo.netDst = tvb.address(AddressType.IPv4, 16 + dstOff, 4);
  pinfo.dst = pinfo.netDst;
  if ((dst32 & 0xffffff00) >>> 0 === 0xe0000000) {
    const valid = proto === 2 ? 1 : lncbValidTtl(dst32);
    if (ttl !== valid && valid !== 0) pinfo.expert(ttlItem, eiTtlLncb, `"Time To Live" != ${valid} for a packet sent to the Local Network Control Block (see RFC 3171)`);
  } else if (ttl < 5 && !isMulticast(dst32) && proto !== 103 && proto !== 89) {
    pinfo.expert(ttlItem, eiTtlTooSmall, `"Time To Live" only ${ttl}`);
  }
  if (t) {
    const d = hostText ? formatIPv4(dst32) : '';
    if (full) ti!.appendText(`, Dst: ${d}`);
    if (dstOff) {
      const cur = tvb.u32(16);
      if (full) ti!.appendText(`, Via: ${formatIPv4(cur)}`);
      t.add(ipFields.curRt, tvb, 16, 4, cur);
      t.addHidden(ipOptionFields.curRtHost, tvb, 16, 4, hostText ? formatIPv4(cur) : '').setGenerated();
    } else {
      t.add(ipFields.dst, tvb, 16, 4, dst32);
      t.addHidden(ipFields.addr, tvb, 16, 4, dst32);
      t.addHidden(ipFields.dstHost, tvb, 16, 4, d).setGenerated();
      t.addHidden(ipFields.host, tvb, 16 + dstOff, 4, d).setGenerated();
    }
  }
  if (hlen > 20) {
    // proto_tree_add_subtree checks the options' bytes exist, with or without a tree.
    tvb.check(20, hlen - 20);
    const optTree = t ? t.addText(tvb, 20, hlen - 20, `Options: (${hlen - 20} bytes)`) : null;
    dissectIpOptions(tvb, 20, hlen - 20, pinfo, optTree, ttl);
  }
  // The "ip" tap (stats trees such as ip_hosts): once per header that got past its options.
  pinfo.tap('ip', null);
  const header: Ipv4Header = { version: 4, proto, ttl, id, len: ipLen, src: src32, dst: dst32 };
  const offset = hlen;
  const saveFragmented = pinfo.fragmented;
  let next: Tvb | null = null;
  let head = null;
  let updateColInfo = true;
  const defrag = pinfo.session.pref('ip.defragment', true);
  if (defrag && off & (IP_MF | IP_OFFSET) && ipLen > hlen && tvb.has(offset, ipLen - hlen) && headerSum === 0) {
    let fragId = (proto ^ id ^ src32 ^ dst32) >>> 0;
    if (isPrivate(dst32) || isPrivate(src32) || isLinkLocal(dst32) || isLinkLocal(src32)) fragId = (fragId ^ pinfo.vlanId) >>> 0;
    const key = `4|${pinfo.src.key}|${pinfo.dst.key}|${fragId}`;
    head = reassembleIpFragment(pinfo, t, key, tvb.view(offset, ipLen - hlen), (off & IP_OFFSET) * 8, (off & IP_MF) !== 0);
    const r = processReassembledData(tvb, offset, pinfo, 'Reassembled IPv4', head, ipFragmentFields, t);
    next = r.next;
    updateColInfo = r.updateColInfo;
  } else if (!(off & IP_OFFSET)) {
    next = tvb.sub(offset);
    pinfo.fragmented = (off & IP_MF) !== 0;
  }
  if (next === null) {
    pinfo.cols.setInfo(`Fragmented IP protocol (proto=${ipProtocolName(proto)} ${proto}, off=${(off & IP_OFFSET) * 8}, ID=${hex4(id)})`);
    if (head && head.reassembledIn !== pinfo.num) pinfo.cols.appendInfo(` [Reassembled in #${head.reassembledIn}]`);
    pinfo.call(dataDissector, tvb.sub(offset), parentTree);
    pinfo.fragmented = saveFragmented;
    return tvb.length;
  }
  if (next.reported > 0) {
    if (!dispatchIpPayload(proto, next, pinfo, parentTree, header)) {
      if (updateColInfo) pinfo.cols.setInfo(`${ipProtocolName(proto)} (${proto})`);
      pinfo.call(dataDissector, next, parentTree);
    }
  }
  pinfo.fragmented = saveFragmented;
  return tvb.length;
}

/**
 * dissect_ip, what other protocols call for "an IP packet" (IP in IP, the
 * raw IPv4 and BSD loopback links, the packet an ICMP error quotes): IPv4
 * or IPv6 by the version nibble, anything else one item saying the version
 * is bogus (Ethernet's type 0x0800 goes to dissect_ip_v4 directly).
 */
function dissectIpAnyVersion(tvb: Tvb, pinfo: PacketInfo, tree: FieldNode | null): number {
  const version = tvb.u8(0) >> 4;
  if (version === 4) return dissectIpv4(tvb, pinfo, tree);
  if (version === 6) {
    const v6 = pinfo.session.registry.byProto('ipv6');
    return v6 ? pinfo.call(v6, tvb, tree) : tvb.length;
  }
  const ti = tree ? tree.addProtocol(hfIp, tvb, 0, 1, `Internet Protocol, bogus version (${version})`) : null;
  pinfo.expert(ti ? ti.add(ipFields.version, tvb, 0, 1, version) : null, eiBogusVersion);
  pinfo.cols.setProtocol('IP');
  pinfo.cols.setInfo(`Bogus IP version (${version})`);
  return 1;
}

export const ipv4Dissector = makeDissector('ip', 'IPv4', dissectIpv4);
export const ipDissector = makeDissector('ip', 'IPv4', dissectIpAnyVersion);
defaultRegistry.addUint('ethertype', ETHERTYPE.IPv4, ipv4Dissector);
defaultRegistry.addUint('wtap_encap', LINKTYPE_IPV4, ipDissector);
defaultRegistry.addUint('null.type', BSD_AF.INET, ipDissector);
defaultRegistry.addUint('ip.proto', 4, ipDissector);
