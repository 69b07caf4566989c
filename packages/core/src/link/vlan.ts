import { defineFields, defineProtocol, FT, BASE, vals } from '../fields/field-def.js';
import { defineExpert, Group, Severity } from '../dissection/expert.js';
import { makeDissector } from '../dissection/dissector.js';
import { defaultRegistry } from '../dissection/session.js';
import { ethertypeDissector, type EthertypeData } from './ethertype.js';
import { etypeNames, ETHERTYPE } from './ethertype-values.js';
import { dissect8023 } from './ieee8023.js';

const priNames = vals({
  0: 'Best Effort (default)', 1: 'Background', 2: 'Excellent Effort', 3: 'Critical Applications',
  4: 'Video, < 100ms latency and jitter', 5: 'Voice, < 10ms latency and jitter', 6: 'Internetwork Control', 7: 'Network Control',
});

export const hfVlan = defineProtocol('vlan', '802.1Q Virtual LAN');
export const vlanFields = defineFields('vlan', {
  priority: { abbrev: 'vlan.priority', name: 'Priority', type: FT.UINT16, base: BASE.DEC, strings: priNames, bitmask: 0xe000 },
  dei: { abbrev: 'vlan.dei', name: 'DEI', type: FT.BOOLEAN, bitWidth: 16, tfs: { true: 'Eligible', false: 'Ineligible' }, bitmask: 0x1000 },
  id: { abbrev: 'vlan.id', name: 'ID', type: FT.UINT16, base: BASE.DEC, bitmask: 0x0fff },
  etype: { abbrev: 'vlan.etype', name: 'Type', type: FT.UINT16, base: BASE.HEX, strings: etypeNames },
  len: { abbrev: 'vlan.len', name: 'Length', type: FT.UINT16, base: BASE.DEC },
  trailer: { abbrev: 'vlan.trailer', name: 'Trailer', type: FT.BYTES },
});

const MAX_NESTED_TAGS = 20;

const eiVlanLenPastEnd = defineExpert('vlan', 'vlan.len.past_end', Group.MALFORMED, Severity.ERROR, 'Length field value goes past the end of the payload');

/** 802.1Q and 802.1ad tags, any depth up to a sane limit (packet-vlan.c). */
export const vlanDissector = makeDissector('vlan', 'VLAN', (tvb, pinfo, tree) => {
  pinfo.cols.setProtocol('VLAN');
  pinfo.cols.clearInfo();
  const tci = tvb.u16(0);
  // columns_set_vlan: what Info says until the protocol inside writes its own.
  pinfo.cols.setInfo(`PRI: ${tci >> 13}  DEI: ${(tci >> 12) & 1}  ID: ${tci & 0xfff}`);
  if (pinfo.vlanId === 0) pinfo.vlanId = tci & 0xfff;
  const depth = ((pinfo.layerData as { vlanDepth?: number } | null)?.vlanDepth ?? 0) + 1;
  const t = tree ? tree.addProtocol(hfVlan, tvb, 0, 4) : null;
  if (t && tree!.ctx.full) t.appendText(`, PRI: ${tci >> 13}, DEI: ${(tci >> 12) & 1}, ID: ${tci & 0xfff}`);
  if (depth > MAX_NESTED_TAGS) return tvb.length;
  pinfo.layerData = { vlanDepth: depth };
  if (t) {
    t.add(vlanFields.priority, tvb, 0, 2, tci >> 13);
    t.add(vlanFields.dei, tvb, 0, 2, (tci >> 12) & 1);
    t.add(vlanFields.id, tvb, 0, 2, tci & 0xfff);
  }
  const encap = tvb.u16(2);
  if (encap <= 1500) {
    const is8022 = !(tvb.has(4, 2) && tvb.u16(4) === 0xffff);
    dissect8023(encap, is8022, tvb, 4, pinfo, tree, t, vlanFields.len, vlanFields.trailer, eiVlanLenPastEnd, 0);
  } else {
    t?.add(vlanFields.etype, tvb, 2, 2, encap);
    const data: EthertypeData = { etype: encap, payloadOffset: 4, headerTree: t, trailerField: vlanFields.trailer, fcsLen: 0 };
    pinfo.call(ethertypeDissector, tvb, tree, data);
  }
  return tvb.length;
});

for (const et of [ETHERTYPE.VLAN, ETHERTYPE.IEEE_802_1AD, ETHERTYPE.QINQ_OLD]) defaultRegistry.addUint('ethertype', et, vlanDissector);
