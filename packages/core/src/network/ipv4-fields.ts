import { defineFields, defineProtocol, FT, BASE, vals, TFS_SET_NOTSET } from '../fields/field-def.js';
import { defineFragmentFields } from '../reassembly/fragment-tree.js';
import { ipProtocolNames } from './ip-protocol-names.js';
import { checksumStatusNames } from '../fields/checksum-status.js';

export const dscpNames = vals({
  0: 'Default', 8: 'Class Selector 1', 10: 'Assured Forwarding 11', 12: 'Assured Forwarding 12', 14: 'Assured Forwarding 13',
  16: 'Class Selector 2', 18: 'Assured Forwarding 21', 20: 'Assured Forwarding 22', 22: 'Assured Forwarding 23',
  24: 'Class Selector 3', 26: 'Assured Forwarding 31', 28: 'Assured Forwarding 32', 30: 'Assured Forwarding 33',
  32: 'Class Selector 4', 34: 'Assured Forwarding 41', 36: 'Assured Forwarding 42', 38: 'Assured Forwarding 43',
  40: 'Class Selector 5', 44: 'Voice Admit', 46: 'Expedited Forwarding', 48: 'Class Selector 6', 56: 'Class Selector 7', 1: 'Lower Effort',
});
export const dscpShortNames = vals({
  0: 'CS0', 8: 'CS1', 10: 'AF11', 12: 'AF12', 14: 'AF13', 16: 'CS2', 18: 'AF21', 20: 'AF22', 22: 'AF23', 24: 'CS3', 26: 'AF31', 28: 'AF32',
  30: 'AF33', 32: 'CS4', 34: 'AF41', 36: 'AF42', 38: 'AF43', 40: 'CS5', 44: 'VA', 46: 'EF', 48: 'CS6', 56: 'CS7', 1: 'LE',
});
export const ecnNames = vals({ 0: 'Not ECN-Capable Transport', 1: 'ECN-Capable Transport codepoint \'01\'', 2: 'ECN-Capable Transport codepoint \'10\'', 3: 'Congestion Experienced' });
export const ecnShortNames = vals({ 0: 'Not-ECT', 1: 'ECT(1)', 2: 'ECT(0)', 3: 'CE' });

const optionNumbers = vals({
  0: 'End of Option List (EOL)', 1: 'No-Operation (NOP)', 2: 'Security', 3: 'Loose source route', 4: 'Time stamp', 5: 'Extended security',
  6: 'Commercial IP security option', 7: 'Record route', 8: 'Stream identifier', 9: 'Strict source route', 10: 'Experimental Measurement',
  11: 'MTU probe', 12: 'MTU Reply', 13: 'Experimental Flow Control', 14: 'Experimental Access Control', 15: 'Ask Estrin',
  16: 'IMI Traffic Descriptor', 17: 'Extended Internet Protocol', 18: 'Traceroute', 19: 'Address Extension', 20: 'Router Alert',
  21: 'Selective Directed Broadcast', 22: 'Unassigned', 23: 'Dynamic Packet State', 24: 'Upstream Multicast Packet', 25: 'Quick-Start', 30: 'RFC 3692-style experiment',
});
const optionClasses = vals({ 0: 'Control', 1: 'Reserved for future use', 2: 'Debugging and measurement', 3: 'Reserved for future use' });

export const hfIp = defineProtocol('ip', 'Internet Protocol Version 4');
export const ipFields = defineFields('ip', {
  version: { abbrev: 'ip.version', name: 'Version', type: FT.UINT8, base: BASE.DEC, bitmask: 0xf0 },
  hdrLen: { abbrev: 'ip.hdr_len', name: 'Header Length', type: FT.UINT8, base: BASE.DEC, bitmask: 0x0f },
  dsfield: { abbrev: 'ip.dsfield', name: 'Differentiated Services Field', type: FT.UINT8, base: BASE.HEX },
  dscp: { abbrev: 'ip.dsfield.dscp', name: 'Differentiated Services Codepoint', type: FT.UINT8, base: BASE.DEC, strings: dscpNames, bitmask: 0xfc },
  ecn: { abbrev: 'ip.dsfield.ecn', name: 'Explicit Congestion Notification', type: FT.UINT8, base: BASE.DEC, strings: ecnNames, bitmask: 0x03 },
  len: { abbrev: 'ip.len', name: 'Total Length', type: FT.UINT16, base: BASE.DEC },
  id: { abbrev: 'ip.id', name: 'Identification', type: FT.UINT16, base: BASE.HEX_DEC },
  flags: { abbrev: 'ip.flags', name: 'Flags', type: FT.UINT8, base: BASE.HEX, bitmask: 0xe0 },
  flagsRb: { abbrev: 'ip.flags.rb', name: 'Reserved bit', type: FT.BOOLEAN, bitWidth: 8, tfs: TFS_SET_NOTSET, bitmask: 0x80 },
  flagsDf: { abbrev: 'ip.flags.df', name: "Don't fragment", type: FT.BOOLEAN, bitWidth: 8, tfs: TFS_SET_NOTSET, bitmask: 0x40 },
  flagsMf: { abbrev: 'ip.flags.mf', name: 'More fragments', type: FT.BOOLEAN, bitWidth: 8, tfs: TFS_SET_NOTSET, bitmask: 0x20 },
  fragOffset: { abbrev: 'ip.frag_offset', name: 'Fragment Offset', type: FT.UINT16, base: BASE.DEC, bitmask: 0x1fff },
  ttl: { abbrev: 'ip.ttl', name: 'Time to Live', type: FT.UINT8, base: BASE.DEC },
  proto: { abbrev: 'ip.proto', name: 'Protocol', type: FT.UINT8, base: BASE.DEC, strings: ipProtocolNames },
  checksum: { abbrev: 'ip.checksum', name: 'Header Checksum', type: FT.UINT16, base: BASE.HEX },
  checksumStatus: { abbrev: 'ip.checksum.status', name: 'Header checksum status', type: FT.UINT8, base: BASE.NONE, strings: checksumStatusNames },
  checksumCalculated: { abbrev: 'ip.checksum_calculated', name: 'Calculated Checksum', type: FT.UINT16, base: BASE.HEX },
  src: { abbrev: 'ip.src', name: 'Source Address', type: FT.IPv4 },
  addr: { abbrev: 'ip.addr', name: 'Source or Destination Address', type: FT.IPv4 },
  srcHost: { abbrev: 'ip.src_host', name: 'Source Host', type: FT.STRING },
  host: { abbrev: 'ip.host', name: 'Source or Destination Host', type: FT.STRING },
  dst: { abbrev: 'ip.dst', name: 'Destination Address', type: FT.IPv4 },
  dstHost: { abbrev: 'ip.dst_host', name: 'Destination Host', type: FT.STRING },
  curRt: { abbrev: 'ip.cur_rt', name: 'Current Route', type: FT.IPv4 },
  optType: { abbrev: 'ip.opt.type', name: 'Type', type: FT.UINT8, base: BASE.DEC },
  optTypeCopy: { abbrev: 'ip.opt.type.copy', name: 'Copy on fragmentation', type: FT.BOOLEAN, bitWidth: 8, tfs: { true: 'Yes', false: 'No' }, bitmask: 0x80 },
  optTypeClass: { abbrev: 'ip.opt.type.class', name: 'Class', type: FT.UINT8, base: BASE.DEC, strings: optionClasses, bitmask: 0x60 },
  optTypeNumber: { abbrev: 'ip.opt.type.number', name: 'Number', type: FT.UINT8, base: BASE.DEC, strings: optionNumbers, bitmask: 0x1f },
  optLen: { abbrev: 'ip.opt.len', name: 'Length', type: FT.UINT8, base: BASE.DEC },
  optPtr: { abbrev: 'ip.opt.ptr', name: 'Pointer', type: FT.UINT8, base: BASE.DEC },
  optAddr: { abbrev: 'ip.opt.addr', name: 'IP Address', type: FT.IPv4 },
  optRa: { abbrev: 'ip.opt.ra', name: 'Router Alert', type: FT.UINT16, base: BASE.DEC, ranges: [[0, 0, 'Router shall examine packet'], [1, 65535, 'Reserved']] },
  optPadding: { abbrev: 'ip.opt.padding', name: 'Padding', type: FT.BYTES },
});

export const ipFragmentFields = defineFragmentFields('ip', {
  prefix: 'ip.fragment',
  fragments: ['ip.fragments', 'IPv4 Fragments'],
  fragment: ['ip.fragment', 'IPv4 Fragment'],
  count: 'ip.fragment.count',
  reassembledIn: ['ip.reassembled_in', 'Reassembled IPv4 in frame'],
  reassembledLength: ['ip.reassembled.length', 'Reassembled IPv4 length'],
  reassembledData: ['ip.reassembled.data', 'Reassembled IPv4 data'],
  tag: 'IPv4 fragments',
});
