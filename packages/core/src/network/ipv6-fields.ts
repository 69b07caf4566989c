import { defineFields, defineProtocol, FT, BASE, vals, TFS_TRUE_FALSE, TFS_YES_NO } from '../fields/field-def.js';
import { defineFragmentFields } from '../reassembly/fragment-tree.js';
import { ipProtocolNames } from './ip-protocol-names.js';
import { dscpNames, ecnNames } from './ipv4-fields.js';
import { quickStartFieldDefs } from './quick-start-option.js';

const optTypes = vals({
  0x00: 'Pad1', 0x01: 'PadN', 0x04: 'Tunnel Encapsulation Limit', 0x05: 'Router Alert', 0x07: 'CALIPSO', 0x08: 'SMF_DPD',
  0x0f: 'Performance and Diagnostic Metrics', 0x1e: 'Experimental (0x1E)', 0x26: 'Quick-Start', 0x30: 'Path MTU Option', 0x31: 'IOAM Option',
  0x3e: 'Experimental (0x3E)', 0x41: 'Tunnel Payload Forwarding (TPF) Information', 0x5e: 'Experimental (0x5E)', 0x63: 'RPL Option',
  0x6d: 'MPL Option', 0x7e: 'Experimental (0x7E)', 0x8a: 'Endpoint Identification', 0x8b: 'ILNP Nonce', 0x8c: 'Line-Identification Option',
  0x9e: 'Experimental (0x9E)', 0xbe: 'Experimental (0xBE)', 0xc2: 'Jumbo Payload', 0xc9: 'Home Address', 0xde: 'Experimental (0xDE)',
  0xee: 'IP_DFF', 0xfe: 'Experimental (0xFE)',
});
const optActions = vals({ 0: 'Skip and continue', 1: 'Discard', 2: 'Discard and send ICMP Parameter Problem', 3: 'Discard and send ICMP if not multicast' });
const rtalertVals = vals({ 0: 'MLD', 1: 'RSVP', 2: 'Active Network' });
const routingTypes = vals({ 0: 'Source Route', 1: 'Nimrod', 2: 'Type 2 Routing', 3: 'RPL Source Route', 4: 'Segment Routing', 5: 'Compact Routing Header 16', 6: 'Compact Routing Header 32', 253: 'Experiment 1', 254: 'Experiment 2' });
const units: readonly [string, string] = [' byte', ' bytes'];

export const hfIpv6 = defineProtocol('ipv6', 'Internet Protocol Version 6');
export const ipv6Fields = defineFields('ipv6', {
  version: { abbrev: 'ipv6.version', name: 'Version', type: FT.UINT8, base: BASE.DEC, bitmask: 0xf0 },
  ipVersion: { abbrev: 'ip.version', name: 'Version', type: FT.UINT8, base: BASE.DEC, bitmask: 0xf0 },
  tclass: { abbrev: 'ipv6.tclass', name: 'Traffic Class', type: FT.UINT32, base: BASE.HEX, bitmask: 0x0ff00000 },
  tclassDscp: { abbrev: 'ipv6.tclass.dscp', name: 'Differentiated Services Codepoint', type: FT.UINT32, base: BASE.DEC, strings: dscpNames, bitmask: 0x0fc00000 },
  tclassEcn: { abbrev: 'ipv6.tclass.ecn', name: 'Explicit Congestion Notification', type: FT.UINT32, base: BASE.DEC, strings: ecnNames, bitmask: 0x00300000 },
  flow: { abbrev: 'ipv6.flow', name: 'Flow Label', type: FT.UINT24, base: BASE.HEX, bitmask: 0x0fffff },
  plen: { abbrev: 'ipv6.plen', name: 'Payload Length', type: FT.UINT16, base: BASE.DEC },
  nxt: { abbrev: 'ipv6.nxt', name: 'Next Header', type: FT.UINT8, base: BASE.DEC, strings: ipProtocolNames },
  hlim: { abbrev: 'ipv6.hlim', name: 'Hop Limit', type: FT.UINT8, base: BASE.DEC },
  src: { abbrev: 'ipv6.src', name: 'Source Address', type: FT.IPv6 },
  srcHost: { abbrev: 'ipv6.src_host', name: 'Source Host', type: FT.STRING },
  dst: { abbrev: 'ipv6.dst', name: 'Destination Address', type: FT.IPv6 },
  dstHost: { abbrev: 'ipv6.dst_host', name: 'Destination Host', type: FT.STRING },
  addr: { abbrev: 'ipv6.addr', name: 'Source or Destination Address', type: FT.IPv6 },
  host: { abbrev: 'ipv6.host', name: 'Source or Destination Host', type: FT.STRING },
  opt: { abbrev: 'ipv6.opt', name: 'IPv6 Option', type: FT.NONE },
  optType: { abbrev: 'ipv6.opt.type', name: 'Type', type: FT.UINT8, base: BASE.HEX, strings: optTypes },
  optTypeAction: { abbrev: 'ipv6.opt.type.action', name: 'Action', type: FT.UINT8, base: BASE.DEC, strings: optActions, bitmask: 0xc0 },
  optTypeChange: { abbrev: 'ipv6.opt.type.change', name: 'May Change', type: FT.BOOLEAN, bitWidth: 8, tfs: TFS_YES_NO, bitmask: 0x20 },
  optTypeRest: { abbrev: 'ipv6.opt.type.rest', name: 'Low-Order Bits', type: FT.UINT8, base: BASE.HEX, bitmask: 0x1f },
  optUnknown: { abbrev: 'ipv6.opt.unknown', name: 'Unknown Option Payload', type: FT.BYTES },
  optLength: { abbrev: 'ipv6.opt.length', name: 'Length', type: FT.UINT8, base: BASE.DEC },
  optPad1: { abbrev: 'ipv6.opt.pad1', name: 'Pad1', type: FT.NONE },
  optPadn: { abbrev: 'ipv6.opt.padn', name: 'PadN', type: FT.BYTES, allowZero: true },
  optRouterAlert: { abbrev: 'ipv6.opt.router_alert', name: 'Router Alert', type: FT.UINT16, base: BASE.DEC, strings: rtalertVals },
  optData: { abbrev: 'ipv6.opt_unknown_data', name: 'Unknown Data', type: FT.BYTES },
  optTel: { abbrev: 'ipv6.opt.tel', name: 'Tunnel Encapsulation Limit', type: FT.UINT8, base: BASE.DEC },
  optTpf: { abbrev: 'ipv6.opt.tpf_information', name: 'TPF Information', type: FT.UINT32, base: BASE.HEX },
  optHomeAddress: { abbrev: 'ipv6.opt.mipv6.home_address', name: 'MIPv6 Home Address', type: FT.IPv6 },
  optIlnpNonce: { abbrev: 'ipv6.opt.ilnp_nonce', name: 'ILNP Nonce', type: FT.BYTES },
  optLioLength: { abbrev: 'ipv6.opt.lio.length', name: 'LineIDLen', type: FT.UINT8, base: BASE.DEC },
  optLioLineId: { abbrev: 'ipv6.opt.lio.line_id', name: 'Line ID', type: FT.STRING },
  optDffFlags: { abbrev: 'ipv6.opt.dff.flags', name: 'Flags', type: FT.UINT8, base: BASE.HEX },
  optDffVer: { abbrev: 'ipv6.opt.dff.flag.ver', name: 'Version (VER)', type: FT.UINT8, base: BASE.DEC, bitmask: 0xc0 },
  optDffDup: { abbrev: 'ipv6.opt.dff.flag.dup', name: 'Duplicate (DUP)', type: FT.BOOLEAN, bitWidth: 8, tfs: TFS_TRUE_FALSE, bitmask: 0x20 },
  optDffRet: { abbrev: 'ipv6.opt.dff.flag.ret', name: 'Return (RET)', type: FT.BOOLEAN, bitWidth: 8, tfs: TFS_TRUE_FALSE, bitmask: 0x10 },
  optDffRsv: { abbrev: 'ipv6.opt.dff.flag.rsv', name: 'Reserved', type: FT.UINT8, base: BASE.HEX, bitmask: 0x0f },
  optDffSeq: { abbrev: 'ipv6.opt.dff.sequence_number', name: 'Sequence Number', type: FT.UINT16, base: BASE.DEC_HEX },
  optExperimental: { abbrev: 'ipv6.opt.experimental', name: 'Experimental Option', type: FT.BYTES },
  ...quickStartFieldDefs('ipv6.opt'),
});

export const hfHopopts = defineProtocol('ipv6.hopopts', 'IPv6 Hop-by-Hop Option');
export const hfDstopts = defineProtocol('ipv6.dstopts', 'Destination Options for IPv6');
export const hfRouting = defineProtocol('ipv6.routing', 'Routing Header for IPv6');
export const hfFraghdr = defineProtocol('ipv6.fraghdr', 'Fragment Header for IPv6');
export const hfAh = defineProtocol('ah', 'Authentication Header');

export const extFields = defineFields('ipv6', {
  hopoptsNxt: { abbrev: 'ipv6.hopopts.nxt', name: 'Next Header', type: FT.UINT8, base: BASE.DEC, strings: ipProtocolNames },
  hopoptsLen: { abbrev: 'ipv6.hopopts.len', name: 'Length', type: FT.UINT8, base: BASE.DEC },
  hopoptsLenOct: { abbrev: 'ipv6.hopopts.len_oct', name: 'Length', type: FT.UINT16, base: BASE.DEC, unit: units },
  dstoptsNxt: { abbrev: 'ipv6.dstopts.nxt', name: 'Next Header', type: FT.UINT8, base: BASE.DEC, strings: ipProtocolNames },
  dstoptsLen: { abbrev: 'ipv6.dstopts.len', name: 'Length', type: FT.UINT8, base: BASE.DEC },
  dstoptsLenOct: { abbrev: 'ipv6.dstopts.len_oct', name: 'Length', type: FT.UINT16, base: BASE.DEC, unit: units },
  routingNxt: { abbrev: 'ipv6.routing.nxt', name: 'Next Header', type: FT.UINT8, base: BASE.DEC, strings: ipProtocolNames },
  routingLen: { abbrev: 'ipv6.routing.len', name: 'Length', type: FT.UINT8, base: BASE.DEC },
  routingLenOct: { abbrev: 'ipv6.routing.len_oct', name: 'Length', type: FT.UINT16, base: BASE.DEC, unit: units },
  routingType: { abbrev: 'ipv6.routing.type', name: 'Type', type: FT.UINT8, base: BASE.DEC, strings: routingTypes },
  routingSegleft: { abbrev: 'ipv6.routing.segleft', name: 'Segments Left', type: FT.UINT8, base: BASE.DEC },
  routingUnknownData: { abbrev: 'ipv6.routing.unknown_data', name: 'Type-Specific Data', type: FT.BYTES },
  routingSrhLastEntry: { abbrev: 'ipv6.routing.srh.last_entry', name: 'Last Entry', type: FT.UINT8, base: BASE.DEC },
  routingSrhFlags: { abbrev: 'ipv6.routing.srh.flags', name: 'Flags', type: FT.UINT8, base: BASE.HEX },
  routingSrhTag: { abbrev: 'ipv6.routing.srh.tag', name: 'Tag', type: FT.BYTES },
  routingSrhAddr: { abbrev: 'ipv6.routing.srh.addr', name: 'Address', type: FT.IPv6 },
  routingSrcReserved: { abbrev: 'ipv6.routing.src.reserved', name: 'Reserved', type: FT.BYTES },
  routingSrcAddr: { abbrev: 'ipv6.routing.src.addr', name: 'Address', type: FT.IPv6 },
  routingMipv6Reserved: { abbrev: 'ipv6.routing.mipv6.reserved', name: 'Reserved', type: FT.BYTES },
  routingMipv6HomeAddress: { abbrev: 'ipv6.routing.mipv6.home_address', name: 'Home Address', type: FT.IPv6 },
  fraghdrNxt: { abbrev: 'ipv6.fraghdr.nxt', name: 'Next header', type: FT.UINT8, base: BASE.DEC, strings: ipProtocolNames },
  fraghdrReservedOctet: { abbrev: 'ipv6.fraghdr.reserved_octet', name: 'Reserved octet', type: FT.UINT8, base: BASE.HEX },
  fraghdrOffset: { abbrev: 'ipv6.fraghdr.offset', name: 'Offset', type: FT.UINT16, base: BASE.DEC, bitmask: 0xfff8 },
  fraghdrReservedBits: { abbrev: 'ipv6.fraghdr.reserved_bits', name: 'Reserved bits', type: FT.UINT16, base: BASE.DEC, bitmask: 0x0006 },
  fraghdrMore: { abbrev: 'ipv6.fraghdr.more', name: 'More Fragments', type: FT.BOOLEAN, bitWidth: 16, tfs: TFS_YES_NO, bitmask: 0x0001 },
  fraghdrIdent: { abbrev: 'ipv6.fraghdr.ident', name: 'Identification', type: FT.UINT32, base: BASE.HEX },
});

export const ahFields = defineFields('ah', {
  nextHeader: { abbrev: 'ah.next_header', name: 'Next header', type: FT.UINT8, base: BASE.DEC, strings: ipProtocolNames },
  length: { abbrev: 'ah.length', name: 'Length', type: FT.UINT8, base: BASE.DEC },
  reserved: { abbrev: 'ah.reserved', name: 'Reserved', type: FT.BYTES },
  spi: { abbrev: 'ah.spi', name: 'AH SPI', type: FT.UINT32, base: BASE.HEX },
  sequence: { abbrev: 'ah.sequence', name: 'AH Sequence', type: FT.UINT32, base: BASE.DEC },
  icv: { abbrev: 'ah.icv', name: 'AH ICV', type: FT.BYTES },
});

export const ipv6FragmentFields = defineFragmentFields('ipv6', {
  prefix: 'ipv6.fragment',
  fragments: ['ipv6.fragments', 'IPv6 Fragments'],
  fragment: ['ipv6.fragment', 'IPv6 Fragment'],
  count: 'ipv6.fragment.count',
  // Wireshark registers IPv6's list of fragments with no value (IPv4's holds the bytes).
  fragmentsType: FT.NONE,
  reassembledIn: ['ipv6.reassembled.in', 'Reassembled IPv6 in frame'],
  reassembledLength: ['ipv6.reassembled.length', 'Reassembled IPv6 length'],
  reassembledData: ['ipv6.reassembled.data', 'Reassembled IPv6 data'],
  tag: 'IPv6 fragments',
});
