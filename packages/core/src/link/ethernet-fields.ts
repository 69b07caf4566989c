import { defineFields, defineProtocol, FT, BASE, type TrueFalse } from '../fields/field-def.js';
import { defineExpert, Group, Severity } from '../dissection/expert.js';
import { etypeNames } from './ethertype-values.js';
import { checksumStatusNames } from '../fields/checksum-status.js';


const lgTfs: TrueFalse = { true: 'Locally administered address (this is NOT the factory default)', false: 'Globally unique address (factory default)' };
const igTfs: TrueFalse = { true: 'Group address (multicast/broadcast)', false: 'Individual address (unicast)' };

export const hfEth = defineProtocol('eth', 'Ethernet');
export const ethFields = defineFields('eth', {
  dst: { abbrev: 'eth.dst', name: 'Destination', type: FT.ETHER },
  dstResolved: { abbrev: 'eth.dst_resolved', name: 'Destination (resolved)', type: FT.STRING },
  dstOui: { abbrev: 'eth.dst.oui', name: 'Destination OUI', type: FT.UINT24, base: BASE.DEC },
  dstOuiResolved: { abbrev: 'eth.dst.oui_resolved', name: 'Destination OUI (resolved)', type: FT.STRING },
  src: { abbrev: 'eth.src', name: 'Source', type: FT.ETHER },
  srcResolved: { abbrev: 'eth.src_resolved', name: 'Source (resolved)', type: FT.STRING },
  srcOui: { abbrev: 'eth.src.oui', name: 'Source OUI', type: FT.UINT24, base: BASE.DEC },
  srcOuiResolved: { abbrev: 'eth.src.oui_resolved', name: 'Source OUI (resolved)', type: FT.STRING },
  len: { abbrev: 'eth.len', name: 'Length', type: FT.UINT16, base: BASE.DEC },
  type: { abbrev: 'eth.type', name: 'Type', type: FT.UINT16, base: BASE.HEX, strings: etypeNames },
  invalidLentype: { abbrev: 'eth.invalid_lentype', name: 'Invalid length/type', type: FT.UINT16, base: BASE.HEX_DEC },
  addr: { abbrev: 'eth.addr', name: 'Address', type: FT.ETHER },
  addrResolved: { abbrev: 'eth.addr_resolved', name: 'Address (resolved)', type: FT.STRING },
  addrOui: { abbrev: 'eth.addr.oui', name: 'Address OUI', type: FT.UINT24, base: BASE.DEC },
  addrOuiResolved: { abbrev: 'eth.addr.oui_resolved', name: 'Address OUI (resolved)', type: FT.STRING },
  padding: { abbrev: 'eth.padding', name: 'Padding', type: FT.BYTES },
  trailer: { abbrev: 'eth.trailer', name: 'Trailer', type: FT.BYTES },
  fcs: { abbrev: 'eth.fcs', name: 'Frame check sequence', type: FT.UINT32, base: BASE.HEX },
  fcsStatus: { abbrev: 'eth.fcs.status', name: 'FCS Status', type: FT.UINT8, base: BASE.NONE, strings: checksumStatusNames },
  dstLg: { abbrev: 'eth.dst.lg', name: 'LG bit', type: FT.BOOLEAN, bitWidth: 24, tfs: lgTfs, bitmask: 0x020000 },
  dstIg: { abbrev: 'eth.dst.ig', name: 'IG bit', type: FT.BOOLEAN, bitWidth: 24, tfs: igTfs, bitmask: 0x010000 },
  srcLg: { abbrev: 'eth.src.lg', name: 'LG bit', type: FT.BOOLEAN, bitWidth: 24, tfs: lgTfs, bitmask: 0x020000 },
  srcIg: { abbrev: 'eth.src.ig', name: 'IG bit', type: FT.BOOLEAN, bitWidth: 24, tfs: igTfs, bitmask: 0x010000 },
  lg: { abbrev: 'eth.lg', name: 'LG bit', type: FT.BOOLEAN, bitWidth: 24, tfs: lgTfs, bitmask: 0x020000 },
  ig: { abbrev: 'eth.ig', name: 'IG bit', type: FT.BOOLEAN, bitWidth: 24, tfs: igTfs, bitmask: 0x010000 },
});

export const ethExpert = {
  lenPastEnd: defineExpert('eth', 'eth.len.past_end', Group.MALFORMED, Severity.ERROR, 'Length field value goes past the end of the payload'),
  invalidLentype: defineExpert('eth', 'eth.invalid_lentype.expert', Group.PROTOCOL, Severity.WARN, 'Invalid length/type'),
  paddingBad: defineExpert('eth', 'eth.padding_bad', Group.PROTOCOL, Severity.NOTE, 'Padding identification may be inaccurate and impact trailer dissector'),
  srcNotGroup: defineExpert('eth', 'eth.src_not_group', Group.PROTOCOL, Severity.WARN, 'Source MAC must not be a group address: IEEE 802.3-2002, Section 3.2.3(b)'),
};
