/**
 * Neighbor Discovery options (packet-icmpv6.c's dissect_icmpv6_nd_opt):
 * what routers and hosts on a lab LAN send in router advertisements,
 * solicitations and redirects (RFC 4861, 4191, 8106, 5175, 8910, 8781,
 * 3971, 2491), and those of 6LoWPAN ND (6775, 7400), SEND proxies (6496), fast
 * handovers (5568, 5269) and HMIPv6 (5380), with Wireshark's slips kept
 * (see the handover cases and NBMA). Options with no decoder here (SEND's 11 to 16)
 * are shown as data with Wireshark's "not implemented" note, as tshark does
 * for the ones it lacks.
 */
import { defineFields, FT, BASE, vals, TFS_SET_NOTSET } from '../fields/field-def.js';
import type { FieldNode } from '../fields/field-node.js';
import { addBitmask, addItem } from '../fields/proto-tree-items.js';
import { formatEther, formatHexBytes, formatIPv6 } from '../dissection/address.js';
import { defineExpert, Group, Severity } from '../dissection/expert.js';
import type { PacketInfo } from '../dissection/packet-info.js';
import type { Tvb } from '../dissection/tvb.js';
import { NameBudget, readDnsName } from './dns-name-expansion.js';

const OPT = {
  SOURCE_LINKADDR: 1, TARGET_LINKADDR: 2, PREFIX_INFORMATION: 3, REDIRECTED_HEADER: 4, MTU: 5, ADVINTERVAL: 7, SOURCE_ADDRLIST: 9, TARGET_ADDRLIST: 10, HOME_AGENT_INFO: 8, NONCE: 14,
  NBMA: 6, LOWPAN_CAPABILITY: 36, IP_ADDRESS_PREFIX: 17, NEW_ROUTER_PREFIX_INFO: 18, LINK_LAYER_ADDRESS: 19, NEIGHBOR_ADV_ACK: 20, MAP: 23,
  HANDOVER_KEY_REQUEST: 27, HANDOVER_KEY_REPLY: 28, HANDOVER_ASSIST_INFO: 29, MOBILE_NODE_ID: 30,
  ROUTE_INFO: 24, RDNSS: 25, EFO: 26, DNSSL: 31, PROXY_SIGNATURE: 32, ADDR_REGISTRATION: 33, LOWPAN_CONTEXT: 34, AUTH_BORDER_ROUTER: 35,
  CAPPORT: 37, PREF64: 38,
} as const;

const optionNames = vals({
  1: 'Source link-layer address', 2: 'Target link-layer address', 3: 'Prefix information', 4: 'Redirected header', 5: 'MTU',
  6: 'NBMA Shortcut Limit Option', 7: 'Advertisement Interval', 8: 'Home Agent Information', 9: 'Source Address List',
  10: 'Target Address List', 11: 'CGA', 12: 'RSA Signature', 13: 'Timestamp', 14: 'Nonce', 15: 'Trust Anchor', 16: 'Certificate',
  17: 'IP Address/Prefix Option', 18: 'New Router Prefix Information', 19: 'Link-layer Address', 20: 'Neighbor Advertisement Acknowledgment',
  23: 'MAP', 24: 'Route Information', 25: 'Recursive DNS Server', 26: 'RA Flags Extension', 27: 'Handover Key Request',
  28: 'Handover Key Reply', 29: 'Handover Assist Information', 30: 'Mobile Node Identifier Option', 31: 'DNS Search List Option',
  32: 'Proxy Signature (PS)', 33: 'Address Registration Option', 34: '6LoWPAN Context Option', 35: 'Authoritative Border Router',
  36: '6LoWPAN Capability Indication Option', 37: 'DHCP Captive-Portal', 38: 'PREF64 Option', 138: 'CARD Request', 139: 'CARD Reply',
  253: 'RFC3692-style Experiment 1', 254: 'RFC3692-style Experiment 2',
});

/** nd_flag_router_pref: the two-bit router preference (RFC 4191), in RA flags, route information and RA flags extension. */
export const routerPreferences = vals({ 0: 'Medium', 1: 'High', 2: 'Reserved', 3: 'Low' });
const pref64Plc = vals({ 0: '96 bits prefix length', 1: '64 bits prefix length', 2: '56 bits prefix length', 3: '48 bits prefix length', 4: '40 bits prefix length', 5: '32 bits prefix length' });
const INFINITY = 0xffffffff;
// Fast handovers for Mobile IPv6 (RFC 5568, 5269) and HMIPv6 (RFC 5380).
const ipaOptionCodes = vals({ 1: 'Old Care-of Address', 2: 'New Care-of Address', 3: "NAR's IP address", 4: "NAR's Prefix (sent in PrRtAdv)" });
const llaOptionCodes = vals({
  0: 'Wildcard', 1: 'Link-layer Address of the New Access Point', 2: 'Link-layer Address of the MN', 3: 'Link-layer Address of the NAR',
  4: 'Link-layer Address of the source', 5: 'The AP belongs to the current interface of the router', 6: 'No prefix information available',
  7: 'No fast handovers support available',
});
const naackStatuses = vals({
  1: 'New CoA is invalid, perform address configuration', 2: 'New CoA is invalid, use the supplied CoA',
  3: "NCoA is invalid, use NAR's IP address as NCoA in FBU", 4: 'PCoA supplied, do not send FBU', 128: 'LLA is unrecognized',
});
const haiOptionCodes = vals({ 1: 'Access Network Identifier (AN ID)', 2: 'Sector ID' });
const mnOptionCodes = vals({ 1: 'NAI', 2: 'IMSI' });
/** nd_opt_6lowpannd_status_val (RFC 6775's Address Registration status). */
const aroStatuses = vals({ 0: 'Success', 1: 'Duplicate Exists', 2: 'Neighbor Cache Full' });

export const ndOptionFields = defineFields('icmpv6', {
  opt: { abbrev: 'icmpv6.opt', name: 'ICMPv6 Option', type: FT.NONE },
  type: { abbrev: 'icmpv6.opt.type', name: 'Type', type: FT.UINT8, base: BASE.DEC, strings: optionNames },
  length: { abbrev: 'icmpv6.opt.length', name: 'Length', type: FT.UINT8, base: BASE.DEC },
  reserved: { abbrev: 'icmpv6.opt.reserved', name: 'Reserved', type: FT.NONE },
  padding: { abbrev: 'icmpv6.opt.padding', name: 'Padding', type: FT.NONE },
  linkaddrMac: { abbrev: 'icmpv6.opt.linkaddr', name: 'Link-layer address', type: FT.ETHER },
  srcLinkaddrMac: { abbrev: 'icmpv6.opt.src_linkaddr', name: 'Source Link-layer address', type: FT.ETHER },
  targetLinkaddrMac: { abbrev: 'icmpv6.opt.target_linkaddr', name: 'Target Link-layer address', type: FT.ETHER },
  linkaddrEui64: { abbrev: 'icmpv6.opt.linkaddr_eui64', name: 'Link-layer address', type: FT.EUI64 },
  srcLinkaddrEui64: { abbrev: 'icmpv6.opt.src_linkaddr_eui64', name: 'Source Link-layer address', type: FT.EUI64 },
  targetLinkaddrEui64: { abbrev: 'icmpv6.opt.target_linkaddr_eui64', name: 'Target Link-layer address', type: FT.EUI64 },
  linkaddr: { abbrev: 'icmpv6.opt.linkaddr', name: 'Link-layer address', type: FT.BYTES },
  srcLinkaddr: { abbrev: 'icmpv6.opt.src_linkaddr', name: 'Source Link-layer address', type: FT.BYTES },
  targetLinkaddr: { abbrev: 'icmpv6.opt.target_linkaddr', name: 'Target Link-layer address', type: FT.BYTES },
  prefixLength: { abbrev: 'icmpv6.opt.prefix.length', name: 'Prefix Length', type: FT.UINT8, base: BASE.DEC },
  prefix: { abbrev: 'icmpv6.opt.prefix', name: 'Prefix', type: FT.IPv6 },
  prefixFlag: { abbrev: 'icmpv6.opt.prefix.flag', name: 'Flag', type: FT.UINT8, base: BASE.HEX },
  prefixFlagL: { abbrev: 'icmpv6.opt.prefix.flag.l', name: 'On-link flag(L)', type: FT.BOOLEAN, bitWidth: 8, tfs: TFS_SET_NOTSET, bitmask: 0x80 },
  prefixFlagA: { abbrev: 'icmpv6.opt.prefix.flag.a', name: 'Autonomous address-configuration flag(A)', type: FT.BOOLEAN, bitWidth: 8, tfs: TFS_SET_NOTSET, bitmask: 0x40 },
  prefixFlagR: { abbrev: 'icmpv6.opt.prefix.flag.r', name: 'Router address flag(R)', type: FT.BOOLEAN, bitWidth: 8, tfs: TFS_SET_NOTSET, bitmask: 0x20 },
  prefixFlagReserved: { abbrev: 'icmpv6.opt.prefix.flag.reserved', name: 'Reserved', type: FT.UINT8, base: BASE.DEC, bitmask: 0x1f },
  prefixValidLifetime: { abbrev: 'icmpv6.opt.prefix.valid_lifetime', name: 'Valid Lifetime', type: FT.UINT32, base: BASE.DEC },
  prefixPreferredLifetime: { abbrev: 'icmpv6.opt.prefix.preferred_lifetime', name: 'Preferred Lifetime', type: FT.UINT32, base: BASE.DEC },
  redirectedPacket: { abbrev: 'icmpv6.opt.redirected_packet', name: 'Redirected Packet', type: FT.NONE },
  mtu: { abbrev: 'icmpv6.opt.mtu', name: 'MTU', type: FT.UINT32, base: BASE.DEC },
  advertisementInterval: { abbrev: 'icmpv6.opt.advertisement_interval', name: 'Advertisement Interval', type: FT.UINT32, base: BASE.DEC },
  homeAgentPreference: { abbrev: 'icmpv6.opt.home_agent_preference', name: 'Home Agent Preference', type: FT.UINT16, base: BASE.DEC },
  // Wireshark names the lifetime "Home Agent Preference" too.
  homeAgentLifetime: { abbrev: 'icmpv6.opt.home_agent_lifetime', name: 'Home Agent Preference', type: FT.UINT16, base: BASE.DEC },
  nonce: { abbrev: 'icmpv6.opt.nonce', name: 'Nonce', type: FT.BYTES },
  routeInfoFlag: { abbrev: 'icmpv6.opt.route_info.flag', name: 'Flag', type: FT.UINT8, base: BASE.HEX },
  routeInfoPreference: { abbrev: 'icmpv6.opt.route_info.flag.route_preference', name: 'Route Preference', type: FT.UINT8, base: BASE.DEC, bitmask: 0x18, strings: routerPreferences },
  routeInfoReserved: { abbrev: 'icmpv6.opt.route_info.flag.reserved', name: 'Reserved', type: FT.UINT8, base: BASE.DEC, bitmask: 0xe7 },
  routeLifetime: { abbrev: 'icmpv6.opt.route_lifetime', name: 'Route Lifetime', type: FT.UINT32, base: BASE.DEC },
  rdnssLifetime: { abbrev: 'icmpv6.opt.rdnss.lifetime', name: 'Lifetime', type: FT.UINT32, base: BASE.DEC },
  rdnss: { abbrev: 'icmpv6.opt.rdnss', name: 'Recursive DNS Servers', type: FT.IPv6 },
  ipv6Address: { abbrev: 'icmpv6.opt.ipv6_address', name: 'IPv6 Address', type: FT.IPv6 },
  efo: { abbrev: 'icmpv6.opt.efo', name: 'Flags Expansion Option', type: FT.UINT16, base: BASE.HEX },
  efoM: { abbrev: 'icmpv6.opt.efo.m', name: 'Managed address configuration', type: FT.BOOLEAN, bitWidth: 16, tfs: TFS_SET_NOTSET, bitmask: 0x8000 },
  efoO: { abbrev: 'icmpv6.opt.efo.o', name: 'Other configuration', type: FT.BOOLEAN, bitWidth: 16, tfs: TFS_SET_NOTSET, bitmask: 0x4000 },
  efoH: { abbrev: 'icmpv6.opt.efo.h', name: 'Home Agent', type: FT.BOOLEAN, bitWidth: 16, tfs: TFS_SET_NOTSET, bitmask: 0x2000 },
  efoPrf: { abbrev: 'icmpv6.opt.efo.prf', name: 'Prf (Default Router Preference)', type: FT.UINT16, base: BASE.DEC, bitmask: 0x1800, strings: routerPreferences },
  efoP: { abbrev: 'icmpv6.opt.efo.p', name: 'Proxy', type: FT.BOOLEAN, bitWidth: 16, tfs: TFS_SET_NOTSET, bitmask: 0x0400 },
  efoRsv: { abbrev: 'icmpv6.opt.efo.rsv', name: 'Reserved', type: FT.UINT16, base: BASE.DEC, bitmask: 0x02ff },
  dnsslLifetime: { abbrev: 'icmpv6.opt.dnssl.lifetime', name: 'Lifetime', type: FT.UINT32, base: BASE.DEC },
  dnssl: { abbrev: 'icmpv6.opt.dnssl', name: 'Domain Names', type: FT.STRING },
  captivePortal: { abbrev: 'icmpv6.opt.captive_portal', name: 'Captive Portal', type: FT.STRING },
  pref64ScaledLifetime: { abbrev: 'icmpv6.opt.pref64.scaled_lifetime', name: 'Scaled Lifetime', type: FT.UINT16, base: BASE.DEC, bitmask: 0xfff8 },
  pref64Plc: { abbrev: 'icmpv6.opt.pref64.plc', name: 'PLC (Prefix Length Code)', type: FT.UINT16, base: BASE.HEX, bitmask: 0x0007, strings: pref64Plc },
  pref64Prefix: { abbrev: 'icmpv6.opt.pref64.prefix', name: 'Prefix', type: FT.IPv6 },
  nbmaShortcutLimit: { abbrev: 'icmpv6.opt.nbma.shortcut_limit', name: 'Shortcut Limit', type: FT.UINT8, base: BASE.DEC },
  sixcioUnassigned1: { abbrev: 'icmpv6.opt.6cio.unassigned1', name: 'Unassigned', type: FT.UINT16, base: BASE.HEX, bitmask: 0xfffe },
  sixcioFlagG: { abbrev: 'icmpv6.opt.6cio.flag_g', name: 'G', type: FT.UINT16, base: BASE.HEX, bitmask: 0x0001 },
  sixcioUnassigned2: { abbrev: 'icmpv6.opt.6cio.unassigned2', name: 'Unassigned', type: FT.UINT32, base: BASE.HEX },
  ipaOptionCode: { abbrev: 'icmpv6.opt.ipa.option_code', name: 'Option-code', type: FT.UINT8, base: BASE.DEC, strings: ipaOptionCodes },
  ipaPrefixLen: { abbrev: 'icmpv6.opt.ipa.prefix_len', name: 'Prefix Length', type: FT.UINT8, base: BASE.DEC },
  ipaAddress: { abbrev: 'icmpv6.opt.ipa.ipv6_address', name: 'IPv6 Address', type: FT.IPv6 },
  nrpiOptionCode: { abbrev: 'icmpv6.opt.nrpi.option_code', name: 'Option-code', type: FT.UINT8, base: BASE.DEC },
  nrpiPrefixLen: { abbrev: 'icmpv6.opt.nrpi.prefix_len', name: 'Prefix Length', type: FT.UINT8, base: BASE.DEC },
  nrpiPrefix: { abbrev: 'icmpv6.opt.nrpi.prefix', name: 'Prefix', type: FT.IPv6 },
  llaOptionCode: { abbrev: 'icmpv6.opt.lla.option_code', name: 'Option-code', type: FT.UINT8, base: BASE.DEC, strings: llaOptionCodes },
  llaBytes: { abbrev: 'icmpv6.opt.lla.bytes', name: 'Link-Layer Address', type: FT.BYTES },
  naackOptionCode: { abbrev: 'icmpv6.opt.naack.option_code', name: 'Option-Code', type: FT.UINT8, base: BASE.DEC },
  naackStatus: { abbrev: 'icmpv6.opt.naack.status', name: 'Status', type: FT.UINT8, base: BASE.DEC, strings: naackStatuses },
  naackSuppliedNcoa: { abbrev: 'icmpv6.opt.naack.supplied_ncoa', name: 'Supplied NCoA', type: FT.IPv6 },
  mapDistance: { abbrev: 'icmpv6.opt.map.distance', name: 'Distance', type: FT.UINT8, base: BASE.DEC, bitmask: 0xf0 },
  mapPreference: { abbrev: 'icmpv6.opt.map.preference', name: 'Preference', type: FT.UINT8, base: BASE.DEC, bitmask: 0x0f },
  mapFlag: { abbrev: 'icmpv6.opt.map.flag', name: 'Flag', type: FT.UINT8, base: BASE.HEX },
  mapFlagR: { abbrev: 'icmpv6.opt.map.flag.r', name: 'RCoA Flag', type: FT.BOOLEAN, bitWidth: 8, bitmask: 0x80 },
  mapFlagReserved: { abbrev: 'icmpv6.opt.map.flag.reserved', name: 'Reserved', type: FT.UINT8, base: BASE.DEC, bitmask: 0x7f },
  mapValidLifetime: { abbrev: 'icmpv6.opt.map.valid_lifetime', name: 'Valid Lifetime', type: FT.UINT32, base: BASE.DEC },
  mapGlobalAddress: { abbrev: 'icmpv6.opt.map.global_address', name: 'Global Address', type: FT.IPv6 },
  hkrPadLength: { abbrev: 'icmpv6.opt.hkr.pad_length', name: 'Pad Length', type: FT.UINT8, base: BASE.DEC },
  hkrAt: { abbrev: 'icmpv6.opt.hkr.at', name: 'AT', type: FT.UINT8, base: BASE.DEC, bitmask: 0xf0 },
  hkrReserved: { abbrev: 'icmpv6.opt.hkr.reserved', name: 'Reserved', type: FT.UINT8, base: BASE.DEC, bitmask: 0x0f },
  hkrEncryptionPublicKey: { abbrev: 'icmpv6.opt.hkr.encryption_public_key', name: 'Handover Key Encryption Public Key', type: FT.BYTES },
  hkrPadding: { abbrev: 'icmpv6.opt.hkr.padding', name: 'Padding', type: FT.BYTES },
  hkrLifetime: { abbrev: 'icmpv6.opt.hkr.lifetime', name: 'Padding', type: FT.UINT16, base: BASE.DEC },
  hkrEncryptedHandoverKey: { abbrev: 'icmpv6.opt.hkr.encrypted_handover_key', name: 'Encrypted Handover Key', type: FT.BYTES },
  haiOptionCode: { abbrev: 'icmpv6.opt.hai.option_code', name: 'Option-Code', type: FT.UINT8, base: BASE.DEC, strings: haiOptionCodes },
  haiLength: { abbrev: 'icmpv6.opt.hai.length', name: 'HAI-Length', type: FT.UINT8, base: BASE.DEC },
  haiValue: { abbrev: 'icmpv6.opt.hai.value', name: 'HAI-Value', type: FT.BYTES },
  mnOptionCode: { abbrev: 'icmpv6.opt.mn.option_code', name: 'Option-Code', type: FT.UINT8, base: BASE.DEC, strings: mnOptionCodes },
  mnLength: { abbrev: 'icmpv6.opt.mn.length', name: 'MN-Length', type: FT.UINT8, base: BASE.DEC },
  mnValue: { abbrev: 'icmpv6.opt.mn.value', name: 'MN-Value', type: FT.BYTES },
  psKeyHash: { abbrev: 'icmpv6.opt.ps.key_hash', name: 'Key Hash', type: FT.BYTES },
  digitalSignaturePadding: { abbrev: 'icmpv6.opt.digital_signature_padding', name: 'Digital Signature and Padding', type: FT.NONE },
  aroStatus: { abbrev: 'icmpv6.opt.aro.status', name: 'Status', type: FT.UINT8, base: BASE.DEC, strings: aroStatuses },
  aroLifetime: { abbrev: 'icmpv6.opt.aro.registration_lifetime', name: 'Registration  Lifetime', type: FT.UINT16, base: BASE.DEC },
  aroEui64: { abbrev: 'icmpv6.opt.aro.eui64', name: 'EUI-64', type: FT.EUI64 },
  sixcoContextLength: { abbrev: 'icmpv6.opt.6co.context_length', name: 'Context Length', type: FT.UINT8, base: BASE.DEC },
  sixcoFlag: { abbrev: 'icmpv6.opt.6co.flag', name: 'Flag', type: FT.UINT8, base: BASE.HEX },
  sixcoFlagC: { abbrev: 'icmpv6.opt.6co.flag.c', name: 'Compression Flag', type: FT.BOOLEAN, bitWidth: 8, tfs: TFS_SET_NOTSET, bitmask: 0x10 },
  sixcoFlagCid: { abbrev: 'icmpv6.opt.6co.flag.cid', name: 'CID', type: FT.UINT8, base: BASE.DEC, bitmask: 0x0f },
  sixcoFlagReserved: { abbrev: 'icmpv6.opt.6co.flag.reserved', name: 'Reserved', type: FT.UINT8, base: BASE.DEC, bitmask: 0xe0 },
  sixcoLifetime: { abbrev: 'icmpv6.opt.6co.valid_lifetime', name: 'Lifetime', type: FT.UINT16, base: BASE.DEC },
  sixcoContextPrefix: { abbrev: 'icmpv6.opt.6co.context_prefix', name: 'Context Prefix', type: FT.IPv6 },
  abroVersionLow: { abbrev: 'icmpv6.opt.abro.version_low', name: 'Version Low', type: FT.UINT16, base: BASE.DEC },
  abroVersionHigh: { abbrev: 'icmpv6.opt.abro.version_high', name: 'Version', type: FT.UINT16, base: BASE.DEC },
  abroLifetime: { abbrev: 'icmpv6.opt.abro.valid_lifetime', name: 'Valid Lifetime', type: FT.UINT16, base: BASE.DEC },
  abro6lbrAddress: { abbrev: 'icmpv6.opt.abro.6lbr_address', name: '6LBR Address', type: FT.IPv6 },
  unknownData: { abbrev: 'icmpv6.unknown_data', name: 'Unknown Data', type: FT.BYTES },
  data: { abbrev: 'icmpv6.data', name: 'Data', type: FT.BYTES },
});

const eiInvalidOptionLength = defineExpert('icmpv6', 'icmpv6.invalid_option_length', Group.MALFORMED, Severity.ERROR, 'Invalid Option Length');
const eiUndecodedOption = defineExpert('icmpv6', 'icmpv6.undecoded.option', Group.UNDECODED, Severity.NOTE, 'Undecoded option');
const eiUnknownData = defineExpert('icmpv6', 'icmpv6.unknown_data.expert', Group.MALFORMED, Severity.ERROR, 'Unknown Data (not interpreted)');

/** ", Managed address configuration, …, Prf (Default Router Preference): High, Proxy": the flags RA and its extension show in their label. */
export function routerFlagsText(managed: boolean, other: boolean, homeAgent: boolean, preference: number, proxy: boolean): string {
  let s = '';
  if (managed) s += ', Managed address configuration';
  if (other) s += ', Other configuration';
  if (homeAgent) s += ', Home Agent';
  s += `, Prf (Default Router Preference): ${routerPreferences.get(preference)}`;
  if (proxy) s += ', Proxy';
  return s;
}

/** A lifetime item: "Infinity (4294967295)", or `zeroText` for 0 when given, else the number. */
function addLifetime(o: FieldNode, def: typeof ndOptionFields.routeLifetime, tvb: Tvb, at: number, zeroText: string | null): void {
  const item = o.addItem(def, tvb, at, 4);
  const v = tvb.u32(at);
  if (v === INFINITY) item.setValueText(`Infinity (${v})`);
  else if (v === 0 && zeroText !== null) item.setValueText(`${zeroText} (0)`);
}

/** Source or target link-layer address: a MAC address, an EUI-64 in 16 bytes, or bytes. */
function linkLayerAddress(tvb: Tvb, pinfo: PacketInfo, o: FieldNode | null, at: number, len: number, source: boolean): void {
  const f = ndOptionFields;
  if (len === 8) {
    tvb.check(at, 6); // tvb_ether_to_str's bounds: a cut address shows nothing
    const mac = formatEther(tvb.bytes, tvb.start + at);
    if (o) {
      o.addItem(f.linkaddrMac, tvb, at, 6);
      o.addItem(source ? f.srcLinkaddrMac : f.targetLinkaddrMac, tvb, at, 6).setHidden();
      o.appendText(` : ${mac}`);
    }
    pinfo.cols.appendInfo(source ? ` from ${mac}` : ` is at ${mac}`);
  } else if (len === 16 && tvb.u32(at + 8) === 0 && tvb.u16(at + 12) === 0) {
    const eui = formatHexBytes(tvb.view(at, 8), ':');
    if (o) {
      o.addItem(f.linkaddrEui64, tvb, at, 8);
      o.addItem(source ? f.srcLinkaddrEui64 : f.targetLinkaddrEui64, tvb, at, 8).setHidden();
      // Wireshark adds the plain byte fields for a source address only.
      if (source) {
        o.addItem(f.linkaddr, tvb, at, 8).setHidden();
        o.addItem(f.srcLinkaddr, tvb, at, 8).setHidden();
      }
      o.addItem(f.padding, tvb, at + 8, 6);
      o.appendText(` : ${eui}`);
    }
    // Wireshark says "from" for a target address in this form too.
    pinfo.cols.appendInfo(` from ${eui}`);
  } else {
    // proto_tree_add_item checks the bytes with a tree or without.
    tvb.check(at, len - 2);
    addItem(o, f.linkaddr, tvb, at, len - 2);
    addItem(o, source ? f.srcLinkaddr : f.targetLinkaddr, tvb, at, len - 2)?.setHidden();
  }
}

/**
 * The options from `off` to the end of the message. A contained packet
 * (Redirected header) is handed to `dissectContained`, in a subset of the
 * option's length.
 */
export function dissectNdOptions(
  tvb: Tvb,
  off: number,
  pinfo: PacketInfo,
  tree: FieldNode | null,
  dissectContained: (tvb: Tvb, offset: number, tree: FieldNode | null) => void,
): void {
  const f = ndOptionFields;
  while (tvb.reported > off) {
    const len = tvb.u8(off + 1) * 8;
    const type = tvb.u8(off);
    const o = tree ? tree.add(f.opt, tvb, off, len, null) : null;
    addItem(o, f.type, tvb, off, 1);
    o?.appendText(` (${optionNames.get(type) ?? `Unknown ${type}`}`);
    const lengthItem = o ? o.addItem(f.length, tvb, off + 1, 1).appendText(` (${len} bytes)`) : null;
    if (len === 0) {
      pinfo.expert(lengthItem, eiInvalidOptionLength, 'Invalid option length (Zero)');
      return;
    }
    const body = off + 2;
    const end = off + len;
    // Where the option's dissection stopped, from its start, type and length included (undefined: at its length).
    let read: number | undefined;
    switch (type) {
      case OPT.SOURCE_LINKADDR:
      case OPT.TARGET_LINKADDR:
        linkLayerAddress(tvb, pinfo, o, body, len, type === OPT.SOURCE_LINKADDR);
        break;
      case OPT.PREFIX_INFORMATION: {
        const prefixLen = tvb.u8(body);
        addItem(o, f.prefixLength, tvb, body, 1);
        if (o) {
          const flag = tvb.u8(body + 1);
          const fl = o.addItem(f.prefixFlag, tvb, body + 1, 1);
          fl.addItem(f.prefixFlagL, tvb, body + 1, 1);
          fl.addItem(f.prefixFlagA, tvb, body + 1, 1);
          fl.addItem(f.prefixFlagR, tvb, body + 1, 1);
          fl.addItem(f.prefixFlagReserved, tvb, body + 1, 1);
          if (flag & 0x80) fl.appendText(', On-link flag(L)');
          if (flag & 0x40) fl.appendText(', Autonomous address-configuration flag(A)');
          if (flag & 0x20) fl.appendText(', Router address flag(R)');
          for (const [def, at] of [[f.prefixValidLifetime, body + 2], [f.prefixPreferredLifetime, body + 6]] as const) {
            const item = o.addItem(def, tvb, at, 4);
            if (tvb.u32(at) === INFINITY) item.appendText(' (Infinity)');
          }
          o.addItem(f.reserved, tvb, body + 10, 4);
          o.addItem(f.prefix, tvb, body + 14, 16);
        }
        const text = formatIPv6(tvb.view(body + 14, 16), 0);
        o?.appendText(` : ${text}/${prefixLen}`);
        read = 32;
        break;
      }
      case OPT.REDIRECTED_HEADER:
        addItem(o, f.reserved, tvb, body, 6);
        read = 8;
        if (len > 8) {
          // The item checks the contained packet's bytes, with or without a tree, before its subset of the option's length is made.
          addItem(o, f.redirectedPacket, tvb, body + 6, len - 8);
          const contained = tvb.sub(body + 6, len - 8);
          dissectContained(contained, 0, o);
          read = 8 + contained.length;
        }
        break;
      case OPT.MTU:
        addItem(o, f.reserved, tvb, body, 2);
        addItem(o, f.mtu, tvb, body + 2, 4);
        o?.appendText(` : ${tvb.u32(body + 2)}`);
        read = 8;
        break;
      case OPT.ADVINTERVAL:
        // RFC 6275's advertisement interval (radvd's AdvIntervalOpt), in milliseconds.
        addItem(o, f.reserved, tvb, body, 2);
        addItem(o, f.advertisementInterval, tvb, body + 2, 4);
        o?.appendText(` : ${tvb.u32(body + 2) | 0}`);
        read = 8;
        break;
      case OPT.HOME_AGENT_INFO:
        addItem(o, f.reserved, tvb, body, 2);
        addItem(o, f.homeAgentPreference, tvb, body + 2, 2);
        addItem(o, f.homeAgentLifetime, tvb, body + 4, 2);
        read = 8;
        break;
      case OPT.NONCE:
        addItem(o, f.nonce, tvb, body, len - 2);
        break;
      case OPT.ROUTE_INFO: {
        // In packet-icmpv6.c's order: a cut option shows what came before the missing byte, the preference in the label.
        addItem(o, f.prefixLength, tvb, body, 1);
        const prefixLen = tvb.u8(body);
        const flag = tvb.u8(body + 1);
        const preference = routerPreferences.get((flag & 0x18) >> 3)!;
        if (o) {
          const fl = o.addItem(f.routeInfoFlag, tvb, body + 1, 1).appendText(`, Route Preference: ${preference}`);
          fl.addItem(f.routeInfoPreference, tvb, body + 1, 1);
          fl.addItem(f.routeInfoReserved, tvb, body + 1, 1);
          o.appendText(` : ${preference}`);
          addLifetime(o, f.routeLifetime, tvb, body + 2, null);
        } else {
          tvb.check(body + 2, 4);
        }
        const at = body + 6;
        if (len === 8) o?.appendText(` ::/${prefixLen}`);
        else if (len === 16 || len === 24) {
          const prefix = prefixBytes(tvb, at, len - 8);
          const text = formatIPv6(prefix, 0);
          if (o) {
            o.add(f.prefix, tvb, at, len - 8, prefix);
            o.appendText(` ${text}/${prefixLen}`);
          }
        } else {
          // Only once the fixed fields are read: an option cut before is just cut.
          pinfo.expert(lengthItem, eiInvalidOptionLength);
          addUnknownData(o, pinfo, tvb, at, len - 8);
        }
        break;
      }
      case OPT.SOURCE_ADDRLIST: case OPT.TARGET_ADDRLIST:
        // Inverse Neighbor Discovery (RFC 3122): six reserved bytes, then addresses for as long as the option runs.
        addItem(o, f.reserved, tvb, body, 6);
        for (let at = body + 6; at < end; at += 16) {
          addItem(o, f.ipv6Address, tvb, at, 16);
          const text = formatIPv6(tvb.view(at, 16), 0);
          o?.appendText(` ${text}`);
        }
        break;
      case OPT.RDNSS: {
        addItem(o, f.reserved, tvb, body, 2);
        if (o) addLifetime(o, f.rdnssLifetime, tvb, body + 2, 'RDNSS address MUST no longer be used');
        else tvb.check(body + 2, 4);
        for (let at = body + 6; at < end; at += 16) {
          addItem(o, f.rdnss, tvb, at, 16);
          // The label's text reads the address, tree or not: a short option is malformed here.
          const text = formatIPv6(tvb.view(at, 16), 0);
          o?.appendText(` ${text}`);
        }
        break;
      }
      case OPT.EFO: {
        const flags = tvb.u16(body);
        if (o) {
          const fl = o.addItem(f.efo, tvb, body, 2).appendText(routerFlagsText((flags & 0x8000) !== 0, (flags & 0x4000) !== 0, (flags & 0x2000) !== 0, (flags & 0x1800) >> 11, (flags & 0x0400) !== 0));
          for (const def of [f.efoM, f.efoO, f.efoH, f.efoPrf, f.efoP, f.efoRsv]) fl.addItem(def, tvb, body, 2);
          o.addItem(f.reserved, tvb, body + 2, 4);
        }
        read = 8;
        break;
      }
      case OPT.DNSSL: {
        addItem(o, f.reserved, tvb, body, 2);
        if (o) addLifetime(o, f.dnsslLifetime, tvb, body + 2, 'DNSSL domain name MUST no longer be used');
        else tvb.check(body + 2, 4);
        const budget = new NameBudget(len);
        for (let at = body + 6; at < end; ) {
          if (tvb.u8(at) === 0) {
            o?.add(f.padding, tvb, at, end - at, null);
            break;
          }
          // Pointers count from the name itself (get_dns_name's data offset).
          const name = readDnsName(tvb, at, at, pinfo.session.limits.dnsMaxPointers, budget);
          if (o) {
            o.add(f.dnssl, tvb, at, name.used, name.name);
            o.appendText(` ${name.name}`);
          }
          at += name.used;
        }
        break;
      }
      case OPT.NBMA:
        // NBMA shortcut limit (RFC 2491): the limit, then reserved bytes read from the limit's own byte on, one short.
        addItem(o, f.nbmaShortcutLimit, tvb, body, 1);
        o?.appendText(` : ${tvb.u8(body)}`);
        addItem(o, f.reserved, tvb, body, 1);
        addItem(o, f.reserved, tvb, body + 1, 4);
        read = 7;
        break;
      case OPT.LOWPAN_CAPABILITY:
        // 6LoWPAN capability indication (RFC 7400).
        addItem(o, f.sixcioUnassigned1, tvb, body, 2);
        addItem(o, f.sixcioFlagG, tvb, body, 2);
        addItem(o, f.sixcioUnassigned2, tvb, body + 2, 4);
        read = 8;
        break;
      case OPT.IP_ADDRESS_PREFIX:
      case OPT.NEW_ROUTER_PREFIX_INFO: {
        const ipa = type === OPT.IP_ADDRESS_PREFIX;
        addItem(o, ipa ? f.ipaOptionCode : f.nrpiOptionCode, tvb, body, 1);
        const prefixLen = tvb.u8(body + 1);
        addItem(o, ipa ? f.ipaPrefixLen : f.nrpiPrefixLen, tvb, body + 1, 1);
        addItem(o, f.reserved, tvb, body + 2, 4);
        addItem(o, ipa ? f.ipaAddress : f.nrpiPrefix, tvb, body + 6, 16);
        const text = formatIPv6(tvb.view(body + 6, 16), 0);
        o?.appendText(` ${text}/${prefixLen}`);
        read = 24;
        break;
      }
      case OPT.LINK_LAYER_ADDRESS:
        addItem(o, f.llaOptionCode, tvb, body, 1);
        addItem(o, f.llaBytes, tvb, body + 1, len - 3);
        read = len;
        break;
      case OPT.NEIGHBOR_ADV_ACK: {
        addItem(o, f.naackOptionCode, tvb, body, 1);
        const status = tvb.u8(body + 1);
        addItem(o, f.naackStatus, tvb, body + 1, 1);
        if (status === 2) {
          addItem(o, f.naackSuppliedNcoa, tvb, body + 2, 16);
          read = 20;
        } else {
          addItem(o, f.reserved, tvb, body + 2, len - 4);
          read = len;
        }
        break;
      }
      case OPT.MAP: {
        addItem(o, f.mapDistance, tvb, body, 1);
        addItem(o, f.mapPreference, tvb, body, 1);
        addBitmask(o, f.mapFlag, tvb, body + 1, 1, tvb.u8(body + 1), [f.mapFlagR, f.mapFlagReserved]);
        addItem(o, f.mapValidLifetime, tvb, body + 2, 4);
        addItem(o, f.mapGlobalAddress, tvb, body + 6, 16);
        read = 24;
        break;
      }
      case OPT.HANDOVER_KEY_REQUEST:
      case OPT.HANDOVER_KEY_REPLY: {
        const reply = type === OPT.HANDOVER_KEY_REPLY;
        const pad = tvb.u8(body);
        addItem(o, f.hkrPadLength, tvb, body, 1);
        addItem(o, f.hkrAt, tvb, body + 1, 1);
        addItem(o, f.hkrReserved, tvb, body + 1, 1);
        let at = body + 2;
        if (reply) {
          addItem(o, f.hkrLifetime, tvb, at, 2);
          at += 2;
        }
        const keyLen = len - (reply ? 6 : 4) - pad;
        addItem(o, reply ? f.hkrEncryptedHandoverKey : f.hkrEncryptionPublicKey, tvb, at, keyLen);
        at += keyLen;
        addItem(o, f.hkrPadding, tvb, at, pad);
        // Wireshark steps one byte past the key, whatever the padding: the rest of the padding counts again as unknown data.
        read = at + 1 - off;
        break;
      }
      case OPT.HANDOVER_ASSIST_INFO:
      case OPT.MOBILE_NODE_ID: {
        const hai = type === OPT.HANDOVER_ASSIST_INFO;
        addItem(o, hai ? f.haiOptionCode : f.mnOptionCode, tvb, body, 1);
        const valueLen = tvb.u8(body + 1);
        addItem(o, hai ? f.haiLength : f.mnLength, tvb, body + 1, 1);
        addItem(o, hai ? f.haiValue : f.mnValue, tvb, body + 2, valueLen);
        // Wireshark takes the padding as the option's length less the value's offset in the message, not in the option.
        const at = body + 2 + valueLen;
        const pad = len - at;
        addItem(o, f.padding, tvb, at, pad);
        read = at + pad - off;
        break;
      }
      case OPT.PROXY_SIGNATURE:
        // SEND proxy signature (RFC 6496): the signature's length is what the option leaves after the key hash.
        addItem(o, f.reserved, tvb, body, 2);
        addItem(o, f.psKeyHash, tvb, body + 2, 16);
        addItem(o, f.digitalSignaturePadding, tvb, body + 18, len - 20);
        break;
      case OPT.ADDR_REGISTRATION: {
        // 6LoWPAN ND (RFC 6775).
        const status = tvb.u8(body);
        addItem(o, f.aroStatus, tvb, body, 1);
        addItem(o, f.reserved, tvb, body + 1, 3);
        addItem(o, f.aroLifetime, tvb, body + 4, 2);
        addItem(o, f.aroEui64, tvb, body + 6, 8);
        const eui = formatHexBytes(tvb.view(body + 6, 8), ':');
        o?.appendText(` : Register ${eui} ${aroStatuses.get(status) ?? `Unknown ${status}`}`);
        read = 16;
        break;
      }
      case OPT.LOWPAN_CONTEXT: {
        const contextLen = tvb.u8(body);
        addItem(o, f.sixcoContextLength, tvb, body, 1);
        addBitmask(o, f.sixcoFlag, tvb, body + 1, 1, tvb.u8(body + 1), [f.sixcoFlagC, f.sixcoFlagCid, f.sixcoFlagReserved]);
        addItem(o, f.reserved, tvb, body + 2, 2);
        addItem(o, f.sixcoLifetime, tvb, body + 4, 2);
        const at = body + 6;
        if (len === 8) {
          o?.appendText(` ::/${contextLen}`);
        } else if (len === 16 || len === 24) {
          // An 8-byte prefix is copied out (tvb_memcpy checks it) and shown zero-filled.
          const prefix = prefixBytes(tvb, at, len - 8);
          if (len === 24) addItem(o, f.sixcoContextPrefix, tvb, at, 16);
          else o?.add(f.sixcoContextPrefix, tvb, at, 8, prefix);
          o?.appendText(` ${formatIPv6(prefix, 0)}/${contextLen}`);
        } else {
          pinfo.expert(lengthItem, eiInvalidOptionLength);
        }
        read = len === 16 || len === 24 ? len : 8;
        break;
      }
      case OPT.AUTH_BORDER_ROUTER: {
        const versionLow = tvb.u16(body);
        addItem(o, f.abroVersionLow, tvb, body, 2);
        const versionHigh = tvb.u16(body + 2);
        addItem(o, f.abroVersionHigh, tvb, body + 2, 2);
        const lifetime = tvb.u16(body + 4);
        addItem(o, f.abroLifetime, tvb, body + 4, 2);
        addItem(o, f.abro6lbrAddress, tvb, body + 6, 16);
        const address = formatIPv6(tvb.view(body + 6, 16), 0);
        o?.appendText(` : Version ${versionHigh}.${versionLow}, Valid Lifetime : ${lifetime}, 6LBR : ${address}`);
        read = 24;
        break;
      }
      case OPT.CAPPORT:
        addItem(o, f.captivePortal, tvb, body, len - 2);
        break;
      case OPT.PREF64:
        if (o) {
          o.addItem(f.pref64ScaledLifetime, tvb, body, 2);
          o.addItem(f.pref64Plc, tvb, body, 2);
          o.add(f.pref64Prefix, tvb, body + 2, 12, prefixBytes(tvb, body + 2, 12));
        }
        read = 16;
        break;
      default: {
        const note = `Dissector for ICMPv6 Option (${type}) code not implemented, Contact Wireshark developers if you want this supported`;
        pinfo.expert(o, eiUndecodedOption, note);
        // proto_tree_add_item checks its bytes with a tree or without: a length past the data fails the frame either way.
        addItem(o, f.data, tvb, body, len - 2);
        break;
      }
    }
    // What the option's length holds beyond what its dissection read is unknown data.
    if (read !== undefined && read < len) addUnknownData(o, pinfo, tvb, off + read, len - read);
    o?.appendText(')');
    off = end;
  }
}

/** Bytes an option holds that its dissection does not read: an item with the malformed expert, checked with a tree or without (proto_tree_add_item). */
function addUnknownData(o: FieldNode | null, pinfo: PacketInfo, tvb: Tvb, at: number, len: number): void {
  pinfo.expert(addItem(o, ndOptionFields.unknownData, tvb, at, len), eiUnknownData);
}

/** The first `bytes` bytes of an IPv6 prefix at `at`, zero-filled to 16. */
function prefixBytes(tvb: Tvb, at: number, bytes: number): Uint8Array {
  const b = new Uint8Array(16);
  b.set(tvb.view(at, bytes));
  return b;
}
