import { defineProtocol } from '../fields/field-def.js';
import { makeDissector } from '../dissection/dissector.js';
import { defaultRegistry } from '../dissection/session.js';
import { LINKTYPE_RAW, LINKTYPE_RAW_OPENBSD } from '../capture/linktypes.js';
import { dataDissector } from './data.js';
import { Address } from '../dissection/address.js';
import type { Tvb } from '../dissection/tvb.js';

export const hfRaw = defineProtocol('raw', 'Raw packet data');

const PPP_HDLC_ADDRESS_CONTROL = 0xff03;

/** Whether the first `n` bytes are there and all zero (tvb_memeql, which does not throw). */
function startsWithZeros(tvb: Tvb, n: number): boolean {
  if (!tvb.has(0, n)) return false;
  for (let i = 0; i < n; i++) if (tvb.u8(i) !== 0) return false;
  return true;
}

/**
 * Raw IP link types 101/12/14 (packet-raw.c): the version nibble picks IPv4
 * or IPv6. Before that come Wireshark's checks for old Linux PPP and ISDN
 * drivers, whose reads a frame shorter than eight bytes does not survive.
 */
export const rawIpDissector = makeDissector('raw', 'Raw', (tvb, pinfo, tree) => {
  pinfo.cols.setProtocol('N/A');
  pinfo.cols.setInfo('Raw packet data');
  pinfo.src = pinfo.dst = Address.NOT_APPLICABLE;
  tree?.addProtocol(hfRaw, tvb, 0, tvb.length);
  const registry = pinfo.session.registry;
  // A PPP header (with a fake MAC address before it on ISDN): PPP is not dissected here, its bytes are shown as data.
  if (tvb.u16(0) === PPP_HDLC_ADDRESS_CONTROL || tvb.u16(6) === PPP_HDLC_ADDRESS_CONTROL) {
    pinfo.call(dataDissector, tvb, tree);
    return tvb.length;
  }
  // An ISDN link that is down sends ten zero bytes before the IP packet.
  if (startsWithZeros(tvb, 10)) {
    pinfo.call(registry.byProto('ip') ?? dataDissector, tvb.sub(10), tree);
    return tvb.length;
  }
  const version = tvb.u8(0) & 0xf0;
  const ip = registry.byProto(version === 0x40 ? 'ip' : version === 0x60 ? 'ipv6' : 'data') ?? dataDissector;
  pinfo.call(ip, tvb, tree);
  return tvb.length;
});
for (const lt of [LINKTYPE_RAW, LINKTYPE_RAW_OPENBSD, 14]) defaultRegistry.addUint('wtap_encap', lt, rawIpDissector);
