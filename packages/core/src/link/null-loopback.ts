import { defineFields, defineProtocol, FT, BASE, vals } from '../fields/field-def.js';
import { makeDissector } from '../dissection/dissector.js';
import { defaultRegistry } from '../dissection/session.js';
import { LINKTYPE_LOOP, LINKTYPE_NULL } from '../capture/linktypes.js';
import { dataDissector } from './data.js';
import { Address } from '../dissection/address.js';
import { etypeNames } from './ethertype-values.js';
import type { FieldNode } from '../fields/field-node.js';
import type { PacketInfo } from '../dissection/packet-info.js';
import type { Tvb } from '../dissection/tvb.js';

/** BSD AF_ values as written by BSD kernels, whatever the reading host uses. */
export const BSD_AF = { INET: 2, ISO: 7, APPLETALK: 16, IPX: 23, INET6_BSD: 24, INET6_FREEBSD: 28, INET6_DARWIN: 30 } as const;
const familyNames = vals({ 2: 'IP', 7: 'OSI', 16: 'Appletalk', 23: 'Netware IPX/SPX', 24: 'IPv6', 28: 'IPv6', 30: 'IPv6' });

export const hfNull = defineProtocol('null', 'Null/Loopback');
export const nullFields = defineFields('null', {
  family: { abbrev: 'null.family', name: 'Family', type: FT.UINT32, base: BASE.DEC, strings: familyNames },
  etype: { abbrev: 'null.type', name: 'Type', type: FT.UINT16, base: BASE.HEX, strings: etypeNames },
});

/**
 * BSD loopback (DLT_NULL): a 4-byte address family in the capturing
 * host's byte order, so both orders (and IRIX's 16-bit form) are accepted
 * (packet-null.c).
 */
export const nullDissector = makeDissector('null', 'Null', (tvb, pinfo, tree) => {
  // packet-null.c first reads two bytes to look for PPP in HDLC framing (0xff03, not dissected here):
  // a frame shorter than that fails before the columns are set.
  tvb.check(0, 2);
  loopbackColumns(pinfo);
  // Wireshark reads it in host order; every host we run on is little-endian.
  let header = tvb.u32le(0);
  if ((header & 0xffff0000) !== 0) {
    if ((header & 0xff000000) === 0 && (header & 0x00ff0000) >>> 0 < 0x00060000) header >>>= 16;
    else header = (((header & 0xff) << 24) | ((header & 0xff00) << 8) | ((header >>> 8) & 0xff00) | (header >>> 24)) >>> 0;
  } else if ((header & 0xff) === 0 && (header & 0xff00) < 0x0600) {
    header = ((header & 0xff) << 8) | ((header >>> 8) & 0xff);
  }
  if (header > 1500) {
    const next = tvb.sub(4);
    if (tree) tree.addProtocol(hfNull, tvb, 0, 4).add(nullFields.etype, tvb, 0, 4, header & 0xffff);
    if (!pinfo.session.registry.tryUint('ethertype', header & 0xffff, next, pinfo, tree)) pinfo.call(dataDissector, next, tree);
  } else {
    dissectFamily(tvb, pinfo, tree, header);
  }
  return tvb.length;
});

/** What a loopback header leaves in the columns when nothing above replaces it. */
function loopbackColumns(pinfo: PacketInfo): void {
  pinfo.cols.setProtocol('N/A');
  pinfo.cols.setInfo('Null/Loopback');
  pinfo.src = pinfo.dst = Address.NOT_APPLICABLE;
}

/** The address family's item, then the protocol null.type names for it (data otherwise). */
function dissectFamily(tvb: Tvb, pinfo: PacketInfo, tree: FieldNode | null, family: number): void {
  const next = tvb.sub(4);
  if (tree) tree.addProtocol(hfNull, tvb, 0, 4).add(nullFields.family, tvb, 0, 4, family);
  if (!pinfo.session.registry.tryUint('null.type', family, next, pinfo, tree)) pinfo.call(dataDissector, next, tree);
}
defaultRegistry.addUint('wtap_encap', LINKTYPE_NULL, nullDissector);

/**
 * OpenBSD loopback (DLT_LOOP, dissect_loop): the same address family, always
 * in network byte order, and no ethertype form.
 */
export const loopDissector = makeDissector('null', 'Null', (tvb, pinfo, tree) => {
  loopbackColumns(pinfo);
  dissectFamily(tvb, pinfo, tree, tvb.u32(0));
  return tvb.length;
});
defaultRegistry.addUint('wtap_encap', LINKTYPE_LOOP, loopDissector);
