import { defineProtocol } from '../fields/field-def.js';
import { makeDissector } from '../dissection/dissector.js';
import { defaultRegistry } from '../dissection/session.js';
import { LINKTYPE_RAW, LINKTYPE_RAW_OPENBSD } from '../capture/linktypes.js';
import { dataDissector } from './data.js';

export const hfRaw = defineProtocol('raw', 'Raw packet data');

/** Raw IP link types 101/12/14: the version nibble picks IPv4 or IPv6 (packet-raw.c). */
export const rawIpDissector = makeDissector('raw', 'Raw', (tvb, pinfo, tree) => {
  pinfo.cols.setProtocol('N/A');
  pinfo.cols.setInfo('Raw packet data');
  tree?.addProtocol(hfRaw, tvb, 0, tvb.length);
  const registry = pinfo.session.registry;
  const version = tvb.u8(0) & 0xf0;
  const ip = registry.byProto(version === 0x40 ? 'ip' : version === 0x60 ? 'ipv6' : 'data') ?? dataDissector;
  pinfo.call(ip, tvb, tree);
  return tvb.length;
});
for (const lt of [LINKTYPE_RAW, LINKTYPE_RAW_OPENBSD, 14]) defaultRegistry.addUint('wtap_encap', lt, rawIpDissector);
