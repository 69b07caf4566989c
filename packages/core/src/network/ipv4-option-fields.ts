import { defineExpert, Group, Severity } from '../dissection/expert.js';
import { BASE, defineFields, FT, vals, type FieldDef } from '../fields/field-def.js';
import { quickStartFieldDefs } from './quick-start-option.js';

/** Option type codes (packet-ip.h), copy and class bits included. */
export const IPOPT = {
  EOL: 0, NOP: 1, SEC: 0x82, LSR: 0x83, TS: 0x44, ESEC: 0x85, CIPSO: 0x86, RR: 0x07, SID: 0x88, SSR: 0x89,
  MTUP: 0x0b, MTUR: 0x0c, TR: 0x52, RTRALT: 0x94, SDB: 0x95, QS: 0x19,
} as const;

/**
 * The options Wireshark registers as protocols of their own ("ip.option"
 * table): the item is the option's bytes (ip.options.routeralert:
 * 94:04:00:00), typed here as bytes, which prints the same. Unknown codes
 * have no item, only a line "Unknown (0x..) (n bytes)".
 */
export const ipOptionProtocols = defineFields('ip', {
  eol: { abbrev: 'ip.options.eol', name: 'IP Option - End of Options List (EOL)', type: FT.BYTES },
  nop: { abbrev: 'ip.options.nop', name: 'IP Option - No-Operation (NOP)', type: FT.BYTES },
  security: { abbrev: 'ip.options.security', name: 'IP Option - Security', type: FT.BYTES },
  route: { abbrev: 'ip.options.route', name: 'IP Option - Loose Source Route', type: FT.BYTES },
  timestamp: { abbrev: 'ip.options.timestamp', name: 'IP Option - Time Stamp', type: FT.BYTES },
  extSecurity: { abbrev: 'ip.options.ext_security', name: 'IP Option - Extended Security', type: FT.BYTES },
  cipso: { abbrev: 'ip.options.cipso', name: 'IP Option - Commercial Security', type: FT.BYTES },
  recordRoute: { abbrev: 'ip.options.record_route', name: 'IP Option - Record Route', type: FT.BYTES },
  sid: { abbrev: 'ip.options.sid', name: 'IP Option - Stream ID', type: FT.BYTES },
  sourceRoute: { abbrev: 'ip.options.source_route', name: 'IP Option - Strict Source Route', type: FT.BYTES },
  mtuProbe: { abbrev: 'ip.options.mtu_probe', name: 'IP Option - MTU Probe', type: FT.BYTES },
  mtuReply: { abbrev: 'ip.options.mtu_reply', name: 'IP Option - MTU Reply', type: FT.BYTES },
  traceroute: { abbrev: 'ip.options.traceroute', name: 'IP Option - Traceroute', type: FT.BYTES },
  routerAlert: { abbrev: 'ip.options.routeralert', name: 'IP Option - Router Alert', type: FT.BYTES },
  sdb: { abbrev: 'ip.options.sdb', name: 'IP Option - Selective Directed Broadcast', type: FT.BYTES },
  qs: { abbrev: 'ip.options.qs', name: 'IP Option - Quick-Start', type: FT.BYTES },
});

/** A registered option: its item, and the short name messages and the Options line use. */
export interface KnownIpOption {
  readonly field: FieldDef;
  readonly shortName: string;
}

export const knownIpOptions = new Map<number, KnownIpOption>([
  [IPOPT.SEC, { field: ipOptionProtocols.security, shortName: 'Security' }],
  [IPOPT.LSR, { field: ipOptionProtocols.route, shortName: 'Loose Source Route' }],
  [IPOPT.TS, { field: ipOptionProtocols.timestamp, shortName: 'Time Stamp' }],
  [IPOPT.ESEC, { field: ipOptionProtocols.extSecurity, shortName: 'Extended Security' }],
  [IPOPT.CIPSO, { field: ipOptionProtocols.cipso, shortName: 'Commercial Security' }],
  [IPOPT.RR, { field: ipOptionProtocols.recordRoute, shortName: 'Record Route' }],
  [IPOPT.SID, { field: ipOptionProtocols.sid, shortName: 'Stream ID' }],
  [IPOPT.SSR, { field: ipOptionProtocols.sourceRoute, shortName: 'Strict Source Route' }],
  [IPOPT.MTUP, { field: ipOptionProtocols.mtuProbe, shortName: 'MTU Probe' }],
  [IPOPT.MTUR, { field: ipOptionProtocols.mtuReply, shortName: 'MTU Reply' }],
  [IPOPT.TR, { field: ipOptionProtocols.traceroute, shortName: 'Traceroute' }],
  [IPOPT.RTRALT, { field: ipOptionProtocols.routerAlert, shortName: 'Router Alert' }],
  [IPOPT.SDB, { field: ipOptionProtocols.sdb, shortName: 'Selective Directed Broadcast' }],
  [IPOPT.QS, { field: ipOptionProtocols.qs, shortName: 'Quick-Start' }],
]);

export { QS_RATE_REPORT, QS_RATE_REQUEST, qsFunctions, qsRates } from './quick-start-option.js';

/** RFC 791's security levels (two bytes) and RFC 1108's classification levels (one). */
export const rfc791SecurityLevels = vals({
  0x0000: 'Unclassified', 0xf135: 'Confidential', 0x789a: 'EFTO', 0xbc4d: 'MMMM', 0x5e26: 'PROG', 0xaf13: 'Restricted', 0xd788: 'Secret', 0x6bc5: 'Top secret',
  0x35e2: 'Reserved', 0x9af1: 'Reserved', 0x4d78: 'Reserved', 0x24bd: 'Reserved', 0x135e: 'Reserved', 0x89af: 'Reserved', 0xc4d6: 'Reserved', 0xe26b: 'Reserved',
});
const classificationLevels = vals({
  0x01: 'Reserved 4', 0x3d: 'Top secret', 0x5a: 'Secret', 0x96: 'Confidential', 0x66: 'Reserved 3', 0xcc: 'Reserved 2', 0xab: 'Unclassified', 0xf1: 'Reserved 1',
});
const protectedByRules = { true: 'Datagram protected in accordance with its rules', false: 'Datagram not protected in accordance with its rules' };
const cipsoTagTypes = vals({ 0: 'Padding', 1: 'Restrictive Category Bitmap', 2: 'Enumerated Categories', 5: 'Ranged Categories', 6: 'Permissive Categories', 7: 'Free Form' });
const timestampFlags = vals({ 0: 'Time stamps only', 1: 'Time stamp and address', 3: 'Time stamps for prespecified addresses' });

export const ipOptionFields = defineFields('ip', {
  sid: { abbrev: 'ip.opt.sid', name: 'Stream Identifier', type: FT.UINT16, base: BASE.DEC },
  mtu: { abbrev: 'ip.opt.mtu', name: 'MTU', type: FT.UINT16, base: BASE.DEC },
  idNumber: { abbrev: 'ip.opt.id_number', name: 'ID Number', type: FT.UINT16, base: BASE.DEC },
  ohc: { abbrev: 'ip.opt.ohc', name: 'Outbound Hop Count', type: FT.UINT16, base: BASE.DEC },
  rhc: { abbrev: 'ip.opt.rhc', name: 'Return Hop Count', type: FT.UINT16, base: BASE.DEC },
  originator: { abbrev: 'ip.opt.originator', name: 'Originator IP Address', type: FT.IPv4 },
  ...quickStartFieldDefs('ip.opt'),
  secRfc791Sec: { abbrev: 'ip.opt.sec_rfc791_sec', name: 'Security', type: FT.UINT16, base: BASE.HEX, strings: rfc791SecurityLevels },
  secRfc791Comp: { abbrev: 'ip.opt.sec_rfc791_comp', name: 'Compartments', type: FT.UINT16, base: BASE.DEC },
  secRfc791Hr: { abbrev: 'ip.opt.sec_rfc791_hr', name: 'Handling Restrictions', type: FT.STRING },
  secRfc791Tcc: { abbrev: 'ip.opt.sec_rfc791_tcc', name: 'Transmission Control Code', type: FT.STRING },
  secCl: { abbrev: 'ip.opt.sec_cl', name: 'Classification Level', type: FT.UINT8, base: BASE.HEX, strings: classificationLevels },
  secProtAuthFlags: { abbrev: 'ip.opt.sec_prot_auth_flags', name: 'Protection Authority Flags', type: FT.UINT8, base: BASE.HEX },
  secProtAuthGenser: { abbrev: 'ip.opt.sec_prot_auth_genser', name: 'GENSER', type: FT.BOOLEAN, bitWidth: 8, tfs: protectedByRules, bitmask: 0x80 },
  secProtAuthSiopEsi: { abbrev: 'ip.opt.sec_prot_auth_siop_esi', name: 'SIOP-ESI', type: FT.BOOLEAN, bitWidth: 8, tfs: protectedByRules, bitmask: 0x40 },
  secProtAuthSci: { abbrev: 'ip.opt.sec_prot_auth_sci', name: 'SCI', type: FT.BOOLEAN, bitWidth: 8, tfs: protectedByRules, bitmask: 0x20 },
  secProtAuthNsa: { abbrev: 'ip.opt.sec_prot_auth_nsa', name: 'NSA', type: FT.BOOLEAN, bitWidth: 8, tfs: protectedByRules, bitmask: 0x10 },
  secProtAuthDoe: { abbrev: 'ip.opt.sec_prot_auth_doe', name: 'DOE', type: FT.BOOLEAN, bitWidth: 8, tfs: protectedByRules, bitmask: 0x08 },
  secProtAuthUnassigned: { abbrev: 'ip.opt.sec_prot_auth_unassigned', name: 'Unassigned', type: FT.UINT8, base: BASE.HEX, bitmask: 0x06 },
  secProtAuthUnassigned2: { abbrev: 'ip.opt.sec_prot_auth_unassigned', name: 'Unassigned', type: FT.UINT8, base: BASE.HEX, bitmask: 0xfe },
  secProtAuthFti: { abbrev: 'ip.opt.sec_prot_auth_fti', name: 'Field Termination Indicator', type: FT.BOOLEAN, bitWidth: 8, tfs: { true: 'Additional octet present', false: 'Final octet' }, bitmask: 0x01 },
  extSecFormatCode: { abbrev: 'ip.opt.ext_sec_add_sec_info_format_code', name: 'Additional Security Info Format Code', type: FT.UINT8, base: BASE.HEX },
  extSecInfo: { abbrev: 'ip.opt.ext_sec_add_sec_info', name: 'Additional Security Info', type: FT.BYTES },
  recRt: { abbrev: 'ip.rec_rt', name: 'Recorded Route', type: FT.IPv4 },
  recRtHost: { abbrev: 'ip.rec_rt_host', name: 'Recorded Route Host', type: FT.STRING },
  curRtHost: { abbrev: 'ip.cur_rt_host', name: 'Current Route Host', type: FT.STRING },
  srcRt: { abbrev: 'ip.src_rt', name: 'Source Route', type: FT.IPv4 },
  srcRtHost: { abbrev: 'ip.src_rt_host', name: 'Source Route Host', type: FT.STRING },
  emptyRt: { abbrev: 'ip.empty_rt', name: 'Empty Route', type: FT.IPv4 },
  emptyRtHost: { abbrev: 'ip.empty_rt_host', name: 'Empty Route Host', type: FT.STRING },
  cipsoTagType: { abbrev: 'ip.cipso.tag_type', name: 'Tag Type', type: FT.UINT8, base: BASE.DEC, strings: cipsoTagTypes },
  cipsoDoi: { abbrev: 'ip.cipso.doi', name: 'DOI', type: FT.UINT32, base: BASE.DEC },
  cipsoSensitivityLevel: { abbrev: 'ip.cipso.sensitivity_level', name: 'Sensitivity Level', type: FT.UINT8, base: BASE.DEC },
  cipsoCategories: { abbrev: 'ip.cipso.categories', name: 'Categories', type: FT.STRING },
  cipsoTagData: { abbrev: 'ip.cipso.tag_data', name: 'Tag data', type: FT.BYTES },
  overflow: { abbrev: 'ip.opt.overflow', name: 'Overflow', type: FT.UINT8, base: BASE.DEC, bitmask: 0xf0 },
  flag: { abbrev: 'ip.opt.flag', name: 'Flag', type: FT.UINT8, base: BASE.HEX, strings: timestampFlags, bitmask: 0x0f },
  timeStamp: { abbrev: 'ip.opt.time_stamp', name: 'Time stamp', type: FT.UINT32, base: BASE.DEC },
  timeStampAddr: { abbrev: 'ip.opt.time_stamp_addr', name: 'Address', type: FT.IPv4 },
});

export const ipOptionExperts = {
  lenInvalid: defineExpert('ip', 'ip.opt.len.invalid', Group.PROTOCOL, Severity.WARN, 'Invalid length for option'),
  secProtAuthFti: defineExpert('ip', 'ip.opt.len.invalid', Group.PROTOCOL, Severity.WARN, 'Field Termination Indicator set to 1 for last byte of option'),
  extraneousData: defineExpert('ip', 'ip.opt.len.invalid', Group.PROTOCOL, Severity.WARN, 'Extraneous data in option'),
  ptrBeforeAddress: defineExpert('ip', 'ip.opt.ptr.before_address', Group.PROTOCOL, Severity.WARN, 'Pointer points before first address'),
  ptrMiddleAddress: defineExpert('ip', 'ip.opt.ptr.middle_address', Group.PROTOCOL, Severity.WARN, 'Pointer points to middle of address'),
  suboptTooLong: defineExpert('ip', 'ip.subopt_too_long', Group.PROTOCOL, Severity.WARN, 'Suboption would go past end of option'),
  fourNops: defineExpert('ip', 'ip.nop', Group.PROTOCOL, Severity.WARN, '4 NOP in a row - a router may have removed some options'),
  cipsoTag: defineExpert('ip', 'ip.cipso.malformed', Group.SEQUENCE, Severity.ERROR, 'Malformed CIPSO tag'),
};
