import { defineFields, defineProtocol, FT, BASE, vals } from '../fields/field-def.js';
import { makeDissector } from '../dissection/dissector.js';
import { defaultRegistry } from '../dissection/session.js';
import { dataDissector } from './data.js';
import { ethertypeDissector, type EthertypeData } from './ethertype.js';
import { etypeNames } from './ethertype-values.js';
import { hex2 } from './hex.js';

const sapNames = vals({
  0x00: 'NULL LSAP', 0x02: 'LLC Sub-Layer Management Individual', 0x04: 'SNA Path Control Individual',
  0x06: 'TCP/IP', 0x42: 'Spanning Tree BPDU', 0xaa: 'SNAP', 0xe0: 'NetWare', 0xf0: 'NetBIOS', 0xfe: 'ISO Network Layer', 0xff: 'Global LSAP',
});

export const hfLlc = defineProtocol('llc', 'Logical-Link Control');
export const llcFields = defineFields('llc', {
  dsap: { abbrev: 'llc.dsap', name: 'DSAP', type: FT.UINT8, base: BASE.HEX, strings: sapNames },
  ssap: { abbrev: 'llc.ssap', name: 'SSAP', type: FT.UINT8, base: BASE.HEX, strings: sapNames },
  control: { abbrev: 'llc.control', name: 'Control field', type: FT.UINT8, base: BASE.HEX },
  oui: { abbrev: 'llc.oui', name: 'Organization Code', type: FT.UINT24, base: BASE.HEX },
  type: { abbrev: 'llc.type', name: 'Type', type: FT.UINT16, base: BASE.HEX, strings: etypeNames },
  pid: { abbrev: 'llc.pid', name: 'Protocol ID', type: FT.UINT16, base: BASE.HEX },
});

/**
 * 802.2 LLC, enough to name the frame and follow SNAP to an ethertype; the
 * protocols behind other SAPs (STP, NetBIOS...) are shown as data.
 */
export const llcDissector = makeDissector('llc', 'LLC', (tvb, pinfo, tree) => {
  pinfo.cols.setProtocol('LLC');
  const dsap = tvb.u8(0);
  const ssap = tvb.u8(1);
  const control = tvb.u8(2);
  const isSnap = dsap === 0xaa && ssap === 0xaa;
  const hdrLen = isSnap ? 8 : 3;
  const t = tree?.addProtocol(hfLlc, tvb, 0, hdrLen) ?? null;
  t?.add(llcFields.dsap, tvb, 0, 1, dsap);
  t?.add(llcFields.ssap, tvb, 1, 1, ssap);
  t?.add(llcFields.control, tvb, 2, 1, control);
  pinfo.cols.setInfo(`S, func=?, N(R)=?; DSAP ${sapNames.get(dsap & 0xfe) ?? `0x${hex2(dsap)}`} ${dsap & 1 ? 'Group' : 'Individual'}, SSAP ${sapNames.get(ssap & 0xfe) ?? `0x${hex2(ssap)}`} ${ssap & 1 ? 'Response' : 'Command'}`);
  if (isSnap) {
    const oui = tvb.u24(3);
    const pid = tvb.u16(6);
    t?.add(llcFields.oui, tvb, 3, 3, oui);
    if (oui === 0) {
      t?.add(llcFields.type, tvb, 6, 2, pid);
      const data: EthertypeData = { etype: pid, payloadOffset: 8, headerTree: t, trailerField: null, fcsLen: 0 };
      pinfo.call(ethertypeDissector, tvb, tree, data);
      return tvb.length;
    }
    t?.add(llcFields.pid, tvb, 6, 2, pid);
  }
  if (tvb.length > hdrLen) pinfo.call(dataDissector, tvb.sub(hdrLen), tree);
  return tvb.length;
});
defaultRegistry.addNamed(llcDissector);
