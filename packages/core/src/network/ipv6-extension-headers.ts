import type { FieldDef } from '../fields/field-def.js';
import type { FieldNode } from '../fields/field-node.js';
import { addItem, appendLabel } from '../fields/proto-tree-items.js';
import { DESTINATION_ONLY, dissectOptionValue, HOP_BY_HOP_ONLY } from './ipv6-option-values.js';
import { Address, AddressType, formatIPv6 } from '../dissection/address.js';
import { makeDissector } from '../dissection/dissector.js';
import { defineExpert, Group, Severity } from '../dissection/expert.js';
import type { PacketInfo } from '../dissection/packet-info.js';
import { defaultRegistry } from '../dissection/session.js';
import type { Tvb } from '../dissection/tvb.js';
import { dataDissector } from '../link/data.js';
import { hex8 } from '../link/hex.js';
import { processReassembledData } from '../reassembly/fragment-tree.js';
import { reassembleIpFragment } from './ip-fragment-state.js';
import { ahFields, extFields, hfAh, hfDstopts, hfFraghdr, hfHopopts, hfRouting, ipv6Fields, ipv6FragmentFields } from './ipv6-fields.js';
import { ipv6DissectNext, type Ipv6ChainState } from './ipv6.js';

const eiOptHeaderMismatch = defineExpert('ipv6', 'ipv6.opt.header_mismatch', Group.PROTOCOL, Severity.WARN, 'Wrong options extension header for type');
const eiJumboFragment = defineExpert('ipv6', 'ipv6.opt.jumbo.fragment', Group.PROTOCOL, Severity.WARN, 'Jumbo Payload option cannot be used with a fragment header');
const eiRoutingUndecoded = defineExpert('ipv6', 'ipv6.routing.undecoded', Group.UNDECODED, Severity.NOTE, 'Undecoded IPv6 routing header field');
const eiHopoptsNotFirst = defineExpert('ipv6.hopopts', 'ipv6.hopopts.not_first', Group.PROTOCOL, Severity.ERROR, 'IPv6 Hop-by-Hop extension header must appear immediately after IPv6 header');
const eiRoutingDeprecated = defineExpert('ipv6', 'ipv6.routing.deprecated', Group.DEPRECATED, Severity.NOTE, 'Routing header type is deprecated');

function chainOf(data: unknown): Ipv6ChainState | null {
  return data && typeof data === 'object' && 'fragPlen' in data ? (data as Ipv6ChainState) : null;
}

/** Where extension headers go: under the IPv6 item (the default), growing it. */
function rootFor(chain: Ipv6ChainState | null, tree: FieldNode | null): FieldNode | null {
  return chain?.tree ?? tree;
}

function addLen(chain: Ipv6ChainState | null, len: number): void {
  if (!chain) return;
  chain.fragPlen -= len;
  chain.itemLen += len;
}

/** Hop-by-hop and destination options (dissect_opts): TLV options, pads shown as such. */
function dissectOptions(tvb: Tvb, pinfo: PacketInfo, tree: FieldNode | null, data: unknown, hop: boolean): number {
  // Info names each extension header before anything is read: a header cut short still shows it.
  pinfo.cols.appendSepInfo(' , ', hop ? 'IPv6 hop-by-hop options' : 'IPv6 destination options');
  const chain = chainOf(data);
  const nxt = tvb.u8(0);
  const len = (tvb.u8(1) + 1) << 3;
  const root = rootFor(chain, tree);
  addLen(chain, len);
  const t = root ? root.addProtocol(hop ? hfHopopts : hfDstopts, tvb, 0, len) : null;
  // RFC 2460: hop-by-hop options come right after the IPv6 header (this call's layer is the last one).
  if (hop && pinfo.layers[pinfo.layers.length - 2] !== 'ipv6') pinfo.expert(t, eiHopoptsNotFirst);
  t?.addItem(hop ? extFields.hopoptsNxt : extFields.dstoptsNxt, tvb, 0, 1);
  t?.addItem(hop ? extFields.hopoptsLen : extFields.dstoptsLen, tvb, 1, 1);
  t?.addGenerated(hop ? extFields.hopoptsLenOct : extFields.dstoptsLenOct, tvb, 1, 1, len);
  // The options are walked with a tree or without: a home address changes the source column, and reads past
  // the data fail either way (proto_tree_add_item checks its bytes without a tree too).
  let off = 2;
  while (off < len) {
    const type = tvb.u8(off);
    // dissect_opts reads the length byte before it knows the option is a Pad1: a Pad1 ending the data fails.
    const optLen = tvb.u8(off + 1);
    if (type === 0) {
      const pad = t ? t.add(ipv6Fields.opt, tvb, off, 1, null).setText('Pad1') : null;
      pad?.addItem(ipv6Fields.optType, tvb, off, 1);
      pad?.add(ipv6Fields.optPad1, tvb, off, 1, null);
      off += 1;
      continue;
    }
    const name = ipv6Fields.optType.strings!.get(type) ?? `Unknown IPv6 Option (${type})`;
    const o = t ? t.add(ipv6Fields.opt, tvb, off, 2 + optLen, null).setText(name) : null;
    const typeItem = o ? o.addItem(ipv6Fields.optType, tvb, off, 1) : null;
    // Options registered for one header only (a router alert belongs to hop-by-hop, RFC 2711).
    if (hop ? DESTINATION_ONLY.has(type) : HOP_BY_HOP_ONLY.has(type)) {
      pinfo.expert(typeItem, eiOptHeaderMismatch, `${name} must use a ${hop ? 'destination' : 'hop-by-hop'} options header`);
    }
    typeItem?.addItem(ipv6Fields.optTypeAction, tvb, off, 1);
    typeItem?.addItem(ipv6Fields.optTypeChange, tvb, off, 1);
    typeItem?.addItem(ipv6Fields.optTypeRest, tvb, off, 1);
    const lenItem = o ? o.addItem(ipv6Fields.optLength, tvb, off + 1, 1) : null;
    // An option read past its length (a short router alert) goes on after what was read.
    off += 2 + dissectOptionValue(type, tvb, off + 2, optLen, o, typeItem, lenItem, pinfo, chain?.header ?? null);
  }
  ipv6DissectNext(nxt, tvb.sub(len), pinfo, tree, chain ?? fallbackChain(nxt));
  return tvb.length;
}

function fallbackChain(nxt: number): Ipv6ChainState {
  return { header: { version: 6, nxt, hlim: 0, plen: 0 }, fragPlen: 0, jumboPlen: 0, tree: null, item: null, itemLen: 0 };
}

/** A routing header with segments left sends the packet on to its last address: columns and checksums use that one. */
function setFinalDestination(pinfo: PacketInfo, address: Uint8Array, segleft: number): void {
  if (segleft > 0 && pinfo.dst.type === AddressType.IPv6) pinfo.dst = new Address(AddressType.IPv6, address);
}

function dissectRouting(tvb: Tvb, pinfo: PacketInfo, tree: FieldNode | null, data: unknown): number {
  pinfo.cols.appendSepInfo(' , ', 'IPv6 routing');
  const chain = chainOf(data);
  const root = rootFor(chain, tree);
  // The header's item and its next header come before its length is read: a header of one byte shows both, then fails.
  const t = root ? root.addProtocol(hfRouting, tvb, 0, -1) : null;
  const nxt = tvb.u8(0);
  t?.addItem(extFields.routingNxt, tvb, 0, 1);
  const hdrLen = tvb.u8(1);
  const len = (hdrLen + 1) << 3;
  addLen(chain, len);
  t?.setLength(len);
  t?.addItem(extFields.routingLen, tvb, 1, 1);
  t?.addGenerated(extFields.routingLenOct, tvb, 1, 1, len);
  // The type is read after the lengths are shown, the segments left after the type: a header cut after either shows
  // what comes before, then fails.
  const type = tvb.u8(2);
  if (t?.ctx.full) t.appendText(` (${extFields.routingType.strings!.get(type) ?? `Unknown type ${type}`})`);
  const typeItem = t ? t.addItem(extFields.routingType, tvb, 2, 1) : null;
  addItem(t, extFields.routingSegleft, tvb, 3, 1);
  const segleft = tvb.u8(3);
  // A known type's fields are read within the header's length (packet-ipv6.c hands them to the routing type's
  // dissector in a subset of it): past the IPv6 payload length a read fails as the contained-length error.
  const rt = tvb.sub(0, len);
  // Each type reads its fields item by item, checked with or without a tree: a header cut among them shows what is there.
  // A source route's last address is where the packet is finally going: upper layers (checksums, columns) use it.
  let finalDst: Uint8Array | null = null;
  if (type === 0) {
    addItem(t, extFields.routingSrcReserved, rt, 4, 4);
    let idx = 1;
    for (let off = 8; off + 16 <= len; off += 16) {
      addItem(t, extFields.routingSrcAddr, rt, off, 16)?.setText(`Address[${idx++}]: ${formatIPv6(rt.bytes, rt.start + off)}`);
      finalDst = rt.view(off, 16);
    }
    pinfo.expert(typeItem, eiRoutingDeprecated);
  } else if (type === 2) {
    addItem(t, extFields.routingMipv6Reserved, rt, 4, 4);
    // The one address of a type 2 header, labelled as the source route's are.
    addItem(t, extFields.routingMipv6HomeAddress, rt, 8, 16)?.setText(`Address[1]: ${formatIPv6(rt.bytes, rt.start + 8)}`);
    finalDst = rt.view(8, 16);
  } else if (type === 4) {
    // Segment Routing (RFC 8754): the segments in reverse order, the final destination first.
    const lastEntry = rt.u8(4);
    addItem(t, extFields.routingSrhLastEntry, rt, 4, 1);
    addItem(t, extFields.routingSrhFlags, rt, 5, 1);
    addItem(t, extFields.routingSrhTag, rt, 6, 2);
    // Last Entry + 1 addresses, read within the header's length whatever it says: one past it is malformed.
    for (let i = 0, off = 8; i <= lastEntry; i++, off += 16) {
      const item = addItem(t, extFields.routingSrhAddr, rt, off, 16);
      item?.setText(`Address[${i}]: ${formatIPv6(rt.bytes, rt.start + off)}`);
      // The final destination is taken at once: a segment list that runs past the header still has it (tshark's columns).
      if (i === 0) setFinalDestination(pinfo, rt.view(off, 16), segleft);
    }
  } else if (len > 4) {
    // A type without a dissector of its own: its data is an item of the routing header's own bytes.
    pinfo.expert(addItem(t, extFields.routingUnknownData, tvb, 4, len - 4), eiRoutingUndecoded);
  }
  if (finalDst) setFinalDestination(pinfo, finalDst, segleft);
  ipv6DissectNext(nxt, tvb.sub(len), pinfo, tree, chain ?? fallbackChain(nxt));
  return tvb.length;
}

/** The fragment header (dissect_fraghdr): reassembles by (src, dst, ident) and continues on the completing frame. */
function dissectFraghdr(tvb: Tvb, pinfo: PacketInfo, tree: FieldNode | null, data: unknown): number {
  const chain = chainOf(data);
  const nxt = tvb.u8(0);
  const offlg = tvb.u16(2);
  const fragOff = offlg & 0xfff8;
  const more = (offlg & 1) !== 0;
  const ident = tvb.u32(4);
  pinfo.cols.setInfo(`IPv6 fragment (off=${fragOff} more=${more ? 'y' : 'n'} ident=0x${hex8(ident)} nxt=${nxt})`);
  const root = rootFor(chain, tree);
  addLen(chain, 8);
  const t = root ? root.addProtocol(hfFraghdr, tvb, 0, 8) : null;
  if (chain !== null && chain.jumboPlen !== 0) pinfo.expert(t, eiJumboFragment);
  if (t) {
    t.addItem(extFields.fraghdrNxt, tvb, 0, 1);
    t.addItem(extFields.fraghdrReservedOctet, tvb, 1, 1);
    t.addItem(extFields.fraghdrOffset, tvb, 2, 2).appendText(` (${fragOff} bytes)`);
    t.addItem(extFields.fraghdrReservedBits, tvb, 2, 2);
    t.addItem(extFields.fraghdrMore, tvb, 2, 2);
    t.addItem(extFields.fraghdrIdent, tvb, 4, 4);
  }
  let next = tvb.sub(8);
  if (chain && chain.fragPlen > 0 && (fragOff !== 0 || more)) {
    pinfo.fragmented = true;
    let showData = true;
    const plen = chain.fragPlen;
    const defragment = pinfo.session.pref('ipv6.defragment', true);
    if (defragment && tvb.has(8, plen)) {
      const key = `6|${pinfo.src.key}|${pinfo.dst.key}|${ident}`;
      const head = reassembleIpFragment(pinfo, t, key, tvb.view(8, plen), fragOff, more);
      const r = processReassembledData(tvb, 8, pinfo, 'Reassembled IPv6', head, ipv6FragmentFields, root);
      if (r.next) {
        chain.fragPlen = 0;
        pinfo.fragmented = false;
        ipv6DissectNext(nxt, r.next, pinfo, tree, chain);
        return tvb.length;
      }
    } else if (!defragment && fragOff === 0) {
      // Not reassembling, a first fragment is dissected; reassembling, one the capture cut short is data.
      showData = false;
    }
    if (showData) {
      pinfo.call(dataDissector, next, tree);
      return tvb.length;
    }
  }
  ipv6DissectNext(nxt, next, pinfo, tree, chain ?? fallbackChain(nxt));
  return tvb.length;
}

/** IPsec AH (packet-ipsec.c's dissect_ah): the header, then whatever it protects. */
function dissectAh(tvb: Tvb, pinfo: PacketInfo, tree: FieldNode | null, data: unknown): number {
  pinfo.cols.setProtocol('AH');
  pinfo.cols.clearInfo();
  const chain = chainOf(data);
  const nxt = tvb.u8(0);
  const ahLen = tvb.u8(1);
  const len = (ahLen + 2) << 2;
  const root = chain ? rootFor(chain, tree) : tree;
  addLen(chain, len);
  // The header's item runs to the end until its fields are read; a header cut short shows those that are there.
  const t = root ? root.addProtocol(hfAh, tvb, 0, -1) : null;
  addItem(t, ahFields.nextHeader, tvb, 0, 1);
  appendLabel(addItem(t, ahFields.length, tvb, 1, 1), t, () => ` (${len} bytes)`);
  addItem(t, ahFields.reserved, tvb, 2, 2);
  addItem(t, ahFields.spi, tvb, 4, 4);
  pinfo.cols.setInfo(`AH (SPI=0x${hex8(tvb.u32(4))})`);
  addItem(t, ahFields.sequence, tvb, 8, 4);
  addItem(t, ahFields.icv, tvb, 12, ahLen ? (ahLen - 1) * 4 : 0);
  t?.setLength(len);
  if (chain) ipv6DissectNext(nxt, tvb.sub(len), pinfo, tree, chain);
  else {
    const d = pinfo.session.registry.getUint('ip.proto', nxt);
    if (!d || !pinfo.call(d, tvb.sub(len), tree)) pinfo.call(dataDissector, tvb.sub(len), tree);
  }
  return tvb.length;
}

const defs: Array<[number, string, string, (tvb: Tvb, p: PacketInfo, t: FieldNode | null, d?: unknown) => number]> = [
  [0, 'ipv6.hopopts', 'IPv6 Hop-by-Hop', (tvb, p, t, d) => dissectOptions(tvb, p, t, d, true)],
  [60, 'ipv6.dstopts', 'IPv6 Destination', (tvb, p, t, d) => dissectOptions(tvb, p, t, d, false)],
  [43, 'ipv6.routing', 'IPv6 Routing', dissectRouting],
  [44, 'ipv6.fraghdr', 'IPv6 Fragment', dissectFraghdr],
  [51, 'ah', 'AH', dissectAh],
];
for (const [proto, abbrev, short, fn] of defs) defaultRegistry.addUint('ip.proto', proto, makeDissector(abbrev, short, fn));

export type { FieldDef };
