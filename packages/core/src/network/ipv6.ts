import type { FieldNode } from '../fields/field-node.js';
import { appendLabel } from '../fields/proto-tree-items.js';
import { AddressType, formatIPv6 } from '../dissection/address.js';
import { addEmbeddedAddressItems } from './ipv6-address-details.js';
import { makeDissector } from '../dissection/dissector.js';
import { defineExpert, Group, Severity } from '../dissection/expert.js';
import type { PacketInfo } from '../dissection/packet-info.js';
import { defaultRegistry } from '../dissection/session.js';
import type { Tvb } from '../dissection/tvb.js';
import { LINKTYPE_IPV6 } from '../capture/linktypes.js';
import { dataDissector } from '../link/data.js';
import { ETHERTYPE } from '../link/ethertype-values.js';
import { BSD_AF } from '../link/null-loopback.js';
import { dscpShortNames, ecnShortNames } from './ipv4-fields.js';
import { hfIpv6, ipv6Fields } from './ipv6-fields.js';
import { ipProtocolName } from './ip-protocol-names.js';
import { dispatchIpPayload } from './ip-payload-dispatch.js';

const eiBogusVersion = defineExpert('ipv6', 'ipv6.bogus_ipv6_version', Group.MALFORMED, Severity.ERROR, 'Bogus IP version');
const eiInvalidHeader = defineExpert('ipv6', 'ipv6.invalid_header', Group.MALFORMED, Severity.ERROR, 'Invalid IPv6 header');
const eiPlenZero = defineExpert('ipv6', 'ipv6.plen_zero', Group.PROTOCOL, Severity.CHAT, 'IPv6 payload length equals 0 (maybe because of "TCP segmentation offload" (TSO))');
const eiJumboMissing = defineExpert('ipv6', 'ipv6.opt.jumbo.missing', Group.MALFORMED, Severity.ERROR, 'IPv6 payload length equals 0 and Hop-By-Hop present and Jumbo Payload option missing');
const eiPlenExceeds = defineExpert('ipv6', 'ipv6.plen_exceeds_framing', Group.PROTOCOL, Severity.WARN, 'IPv6 payload length does not match expected framing length');

/** What IPv6 tells the layers above (ws_ip6). */
export interface Ipv6Header {
  version: 6;
  nxt: number;
  hlim: number;
  /** The header's Payload Length field as sent (0 in a jumbogram). */
  plen: number;
}

/** State the extension headers share while walking the chain (ipv6_pinfo_t). */
export interface Ipv6ChainState {
  header: Ipv6Header;
  /** Bytes of the payload left for the fragment header to reassemble. */
  fragPlen: number;
  jumboPlen: number;
  /** The IPv6 subtree extension headers are shown under, until the upper layer starts. */
  tree: FieldNode | null;
  item: FieldNode | null;
  itemLen: number;
}

const EXTENSION_HEADERS = new Set([0, 43, 44, 51, 60, 135, 140]);

/** ipv6_dissect_next: another extension header, or the upper-layer protocol. */
export function ipv6DissectNext(nxt: number, tvb: Tvb, pinfo: PacketInfo, tree: FieldNode | null, chain: Ipv6ChainState): void {
  if (EXTENSION_HEADERS.has(nxt)) {
    const d = pinfo.session.registry.getUint('ip.proto', nxt);
    if (d) {
      pinfo.call(d, tvb, tree, chain);
      return;
    }
  }
  if (chain.tree) {
    chain.item?.setLength(chain.itemLen);
    chain.tree = null;
  }
  // The "ipv6" tap (stats trees such as ipv6_hosts): once the extension headers are done, before the payload.
  pinfo.tap('ipv6', null);
  if (nxt === 59) {
    pinfo.cols.setInfo('IPv6 no next header');
    pinfo.call(dataDissector, tvb, tree);
    return;
  }
  if (dispatchIpPayload(nxt, tvb, pinfo, tree, chain.header)) return;
  pinfo.cols.setInfo(`Unknown IP Protocol: ${ipProtocolName(nxt)} (${nxt})`);
  pinfo.call(dataDissector, tvb, tree);
}

function addAddress(t: FieldNode, tvb: Tvb, off: number, which: 'src' | 'dst'): string {
  const s = formatIPv6(tvb.bytes, tvb.start + off);
  t.addItem(which === 'src' ? ipv6Fields.src : ipv6Fields.dst, tvb, off, 16);
  t.addItem(ipv6Fields.addr, tvb, off, 16).setHidden();
  t.addHidden(which === 'src' ? ipv6Fields.srcHost : ipv6Fields.dstHost, tvb, off, 16, s).setGenerated();
  t.addHidden(ipv6Fields.host, tvb, off, 16, s).setGenerated();
  return s;
}

/** IPv6 (packet-ipv6.c's dissect_ipv6): the fixed header, then the extension header chain. */
function dissectIpv6(tvb: Tvb, pinfo: PacketInfo, tree: FieldNode | null): number {
  pinfo.cols.setProtocol('IPv6');
  pinfo.cols.clearInfo();
  // Extension headers go under the parent when the IPv6 item is skipped (they have their own items).
  const item = tree ? tree.addProtocolIfKept(hfIpv6, tvb, 0, 40) : null;
  const version = tvb.u8(0) >> 4;
  const verItem = item?.add(ipv6Fields.version, tvb, 0, 1, version) ?? null;
  item?.add(ipv6Fields.ipVersion, tvb, 0, 1, version).appendText(' [This field makes the filter match on "ip.version == 6" possible]').setHidden();
  if (version !== 6) {
    pinfo.cols.setInfo(`Bogus IPv6 version (${version}, must be 6)`);
    pinfo.expert(verItem, eiBogusVersion, 'Bogus IPv6 version');
    return 0;
  }
  if (tvb.reported < 40) {
    pinfo.cols.setInfo(`Invalid IPv6 header (${tvb.reported} bytes, need exactly 40)`);
    pinfo.expert(item, eiInvalidHeader, 'IPv6 header must be exactly 40 bytes');
  }
  const w0 = tvb.u32(0);
  const tcls = (w0 >>> 20) & 0xff;
  if (item) {
    const tc = item.add(ipv6Fields.tclass, tvb, 0, 4, tcls);
    if (item.ctx.full) tc.appendText(` (DSCP: ${dscpShortNames.get(tcls >> 2) ?? 'Unknown'}, ECN: ${ecnShortNames.get(tcls & 3) ?? 'Unknown'})`);
    tc.add(ipv6Fields.tclassDscp, tvb, 0, 4, tcls >> 2);
    tc.add(ipv6Fields.tclassEcn, tvb, 0, 4, tcls & 3);
    item.add(ipv6Fields.flow, tvb, 1, 3, w0 & 0xfffff);
  }
  const plenRaw = tvb.u16(4);
  const nxt = tvb.u8(6);
  const plenItem = item?.add(ipv6Fields.plen, tvb, 4, 2, plenRaw) ?? null;
  if (plenRaw === 0 && nxt !== 0 && nxt !== 59) pinfo.expert(plenItem, eiPlenZero);
  item?.add(ipv6Fields.nxt, tvb, 6, 1, nxt);
  const hlim = tvb.u8(7);
  item?.add(ipv6Fields.hlim, tvb, 7, 1, hlim);
  // The source is added before the destination is read: a header cut inside it still shows its source.
  pinfo.netSrc = tvb.address(AddressType.IPv6, 8, 16);
  pinfo.src = pinfo.netSrc;
  const s = item ? addAddress(item, tvb, 8, 'src') : '';
  pinfo.netDst = tvb.address(AddressType.IPv6, 24, 16);
  pinfo.dst = pinfo.netDst;
  if (item) {
    const d = addAddress(item, tvb, 24, 'dst');
    if (item.ctx.full) item.appendText(`, Src: ${s}, Dst: ${d}`);
    addEmbeddedAddressItems(item, tvb, 8, 'src');
    addEmbeddedAddressItems(item, tvb, 24, 'dst');
  }
  // A payload length of 0 before hop-by-hop options: a jumbogram (RFC 2675), whose length is the Jumbo Payload option's.
  let plen = plenRaw;
  let jumboPlen = 0;
  if (plenRaw === 0 && nxt === 0) {
    jumboPlen = jumboPayloadLength(tvb, 40);
    if (jumboPlen !== 0) {
      appendLabel(plenItem, item, () => ' (Jumbogram)');
      plen = jumboPlen;
    } else {
      pinfo.cols.setInfo('Invalid IPv6 payload length');
      pinfo.expert(plenItem, eiJumboMissing);
    }
  }
  const reportedPlen = tvb.reported - 40;
  if (!pinfo.inErrorPacket && plen > reportedPlen) pinfo.expert(plenItem, eiPlenExceeds, `IPv6 payload length exceeds framing length (${reportedPlen} bytes)`);
  const header: Ipv6Header = { version: 6, nxt, hlim, plen: plenRaw };
  const chain: Ipv6ChainState = { header, fragPlen: plenRaw, jumboPlen, tree: item, item, itemLen: 40 };
  tvb.setActualLength(40 + plen);
  const saveFragmented = pinfo.fragmented;
  ipv6DissectNext(nxt, tvb.sub(40), pinfo, tree, chain);
  pinfo.fragmented = saveFragmented;
  return tvb.length;
}

/**
 * ipv6_get_jumbo_plen: the Jumbo Payload option's length in the hop-by-hop
 * header at `at`, when it is one (over 65535), else 0. Options are looked at
 * while six bytes of one are there.
 */
function jumboPayloadLength(tvb: Tvb, at: number): number {
  if (tvb.remaining(at) < 2) return 0;
  const end = at + (tvb.u8(at + 1) + 1) * 8;
  let off = at + 2;
  while (off < end && tvb.remaining(off) >= 6) {
    const type = tvb.u8(off++);
    if (type === 0) continue;
    const len = tvb.u8(off++);
    if (type === 0xc2 && len === 4) {
      const value = tvb.u32(off);
      return value > 0xffff ? value : 0;
    }
    off += len;
  }
  return 0;
}

export const ipv6Dissector = makeDissector('ipv6', 'IPv6', dissectIpv6);
defaultRegistry.addUint('ethertype', ETHERTYPE.IPv6, ipv6Dissector);
defaultRegistry.addUint('wtap_encap', LINKTYPE_IPV6, ipv6Dissector);
for (const af of [BSD_AF.INET6_BSD, BSD_AF.INET6_FREEBSD, BSD_AF.INET6_DARWIN]) defaultRegistry.addUint('null.type', af, ipv6Dissector);
defaultRegistry.addUint('ip.proto', 41, ipv6Dissector);
