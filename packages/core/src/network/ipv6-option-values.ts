// The values of the IPv6 hop-by-hop and destination options as Wireshark 4.0
// decodes them (dissect_opts): padding, router alert (RFC 2711), tunnel
// encapsulation limit (RFC 2473), Mobile IPv6's home address (RFC 6275),
// ILNP nonce (RFC 6744), line identification (RFC 6788), IP_DFF (RFC 6971),
// TPF information (RFC 6706), Quick-Start (RFC 4782), the experimental
// types (RFC 4727), Jumbo Payload (RFC 2675), Path MTU (RFC 9268), RPL
// (RFC 6553), MPL (RFC 7731), SMF_DPD (RFC 6621), CALIPSO (RFC 5570), PDM
// (RFC 8250), IOAM (ipv6-ioam-option.ts) and the deprecated Endpoint
// Identification.
import { Address, AddressType } from '../dissection/address.js';
import { defineExpert, Group, Severity } from '../dissection/expert.js';
import type { PacketInfo } from '../dissection/packet-info.js';
import type { Tvb } from '../dissection/tvb.js';
import type { FieldNode } from '../fields/field-node.js';
import { addBitmask, addItem } from '../fields/proto-tree-items.js';
import { ipv6Fields as f } from './ipv6-fields.js';
import { dissectIoamOption } from './ipv6-ioam-option.js';
import { ipv6OptionFields as g } from './ipv6-option-fields.js';
import type { Ipv6Header } from './ipv6.js';
import { addQuickStart, QS_RATE_REPORT, QS_RATE_REQUEST } from './quick-start-option.js';

export const eiOptUnknownData = defineExpert('ipv6', 'ipv6.opt.unknown_data.expert', Group.UNDECODED, Severity.NOTE, 'Unknown Data (not interpreted)');
export const eiOptInvalidLen = defineExpert('ipv6', 'ipv6.opt.invalid_len', Group.MALFORMED, Severity.ERROR, 'Invalid IPv6 option length');
const eiJumboProhibited = defineExpert('ipv6', 'ipv6.opt.jumbo.prohibited', Group.PROTOCOL, Severity.WARN, 'When IPv6 payload length does not equal 0 a Jumbo Payload option must not be present');
const eiJumboTruncated = defineExpert('ipv6', 'ipv6.opt.jumbo.truncated', Group.PROTOCOL, Severity.WARN, 'Jumbo Payload option present and jumbo length < 65536');
const eiMplSourceSeedId = defineExpert('ipv6', 'ipv6.opt.mpl.ipv6_src_seed_id', Group.PROTOCOL, Severity.COMMENT, 'Seed ID is the IPv6 Source Address');
const eiDeprecated = defineExpert('ipv6', 'ipv6.opt.deprecated', Group.DEPRECATED, Severity.NOTE, 'Option type is deprecated');

/** Types registered for one options header only; Wireshark warns about them in the other. */
export const HOP_BY_HOP_ONLY: ReadonlySet<number> = new Set([0x05, 0x07, 0x08, 0x26, 0x30, 0x31, 0x63, 0x6d, 0xee]);
export const DESTINATION_ONLY: ReadonlySet<number> = new Set([0x04, 0x0f, 0x41, 0x8b, 0x8c, 0xc9]);

const EXPERIMENTAL: ReadonlySet<number> = new Set([0x1e, 0x3e, 0x5e, 0x7e, 0x9e, 0xbe, 0xde, 0xfe]);

/** An option whose value has a fixed size: read whatever the length says, the length flagged when it differs. */
interface FixedValue {
  readonly size: number;
  /** The invalid-length message's prefix, as each case of packet-ipv6.c words it. */
  readonly invalid: string;
  readonly add: (o: FieldNode | null, tvb: Tvb, at: number, pinfo: PacketInfo) => void;
  /** Whether bytes the length holds past the value are shown as unknown data. */
  readonly restIsData: boolean;
}

const FIXED: ReadonlyMap<number, FixedValue> = new Map<number, FixedValue>([
  [0x04, { size: 1, invalid: 'Tunnel Encapsulation Limit: Invalid length', restIsData: true, add: (o, tvb, at) => void addItem(o, f.optTel, tvb, at, 1) }],
  [0x05, { size: 2, invalid: 'Router alert: Invalid Length', restIsData: true, add: (o, tvb, at) => void addItem(o, f.optRouterAlert, tvb, at, 2) }],
  [0x41, { size: 4, invalid: 'TPF: Invalid Length', restIsData: true, add: (o, tvb, at) => void addItem(o, f.optTpf, tvb, at, 4) }],
  [0xc9, {
    size: 16, invalid: 'Home Address: Invalid length', restIsData: false,
    add: (o, tvb, at, pinfo) => {
      addItem(o, f.optHomeAddress, tvb, at, 16);
      // The mobile node's home address stands for the care-of address it sent from (the Source column shows it).
      pinfo.src = new Address(AddressType.IPv6, tvb.view(at, 16).slice());
    },
  }],
  [0xee, {
    size: 3, invalid: 'IPv6 DFF: Invalid length', restIsData: false,
    add: (o, tvb, at) => {
      const flags = tvb.u8(at);
      const item = addItem(o, f.optDffFlags, tvb, at, 1);
      if (item) {
        if (item.ctx.full) item.appendText(`${flags & 0x20 ? ', Duplicate (DUP)' : ''}${flags & 0x10 ? ', Return (RET)' : ''}`);
        for (const def of [f.optDffVer, f.optDffDup, f.optDffRet, f.optDffRsv]) item.addItem(def, tvb, at, 1);
      }
      addItem(o, f.optDffSeq, tvb, at + 1, 2);
    },
  }],
]);

/** What an option's reader is handed: where its items go, and what packet-ipv6.c's option readers look at besides. */
interface OptionContext {
  readonly o: FieldNode | null;
  readonly typeItem: FieldNode | null;
  readonly pinfo: PacketInfo;
  /** The IPv6 header the options came with (null for a header met without one). */
  readonly header: Ipv6Header | null;
  /** The invalid-length error on the length item, worded as this option's reader words it. */
  readonly invalidLen: (prefix: string) => void;
}

/** An option's reader: returns the offset after what it read, which need not be the option's end. */
type OptionReader = (tvb: Tvb, at: number, optLen: number, c: OptionContext) => number;

const SEED_ID_LENGTHS = [0, 2, 8, 16];

const READERS: ReadonlyMap<number, OptionReader> = new Map<number, OptionReader>([
  [0xc2, (tvb, at, optLen, c) => {
    if (optLen !== 4) c.invalidLen('Jumbo Payload: Invalid length');
    const item = addItem(c.o, g.jumbo, tvb, at, 4);
    if (c.header !== null && c.header.plen !== 0) c.pinfo.expert(c.o, eiJumboProhibited);
    if (tvb.u32(at) < 65536) c.pinfo.expert(item, eiJumboTruncated);
    return at + 4;
  }],
  [0x30, (tvb, at, optLen, c) => {
    if (optLen !== 4) c.invalidLen('PMTU Option: Invalid Length');
    addItem(c.o, g.pmtuMin, tvb, at, 2);
    const v = tvb.u16(at + 2);
    c.o?.add(g.pmtuRtn, tvb, at + 2, 2, v & 0xfffe);
    c.o?.add(g.pmtuRFlag, tvb, at + 3, 1, v & 1);
    return at + 4;
  }],
  [0x63, (tvb, at, optLen, c) => {
    if (optLen < 4) c.invalidLen('RPL Option: Invalid length');
    addBitmask(c.o, g.rplFlag, tvb, at, 1, tvb.u8(at), [g.rplFlagO, g.rplFlagR, g.rplFlagF, g.rplFlagRsv]);
    addItem(c.o, g.rplInstanceId, tvb, at + 1, 1);
    addItem(c.o, g.rplSenderRank, tvb, at + 2, 2);
    return at + 4;
  }],
  [0x6d, (tvb, at, _optLen, c) => {
    const flags = tvb.u8(at);
    addBitmask(c.o, g.mplFlag, tvb, at, 1, flags, [g.mplFlagS, g.mplFlagM, g.mplFlagV, g.mplFlagRsv]);
    addItem(c.o, g.mplSequence, tvb, at + 1, 1);
    const seedLen = SEED_ID_LENGTHS[flags >> 6]!;
    if (seedLen > 0) addItem(c.o, g.mplSeedId, tvb, at + 2, seedLen);
    else c.pinfo.expert(c.typeItem, eiMplSourceSeedId);
    return at + 2 + seedLen;
  }],
  [0x08, (tvb, at, optLen, c) => {
    const b = tvb.u8(at);
    addItem(c.o, g.smfHashBit, tvb, at, 1);
    // H-DPD: a hash assist value fills the option; I-DPD: an optional tagger ID, then the identifier.
    if (b & 0x80) {
      addItem(c.o, g.smfHav, tvb, at, optLen);
      return at + optLen;
    }
    addItem(c.o, g.smfTidType, tvb, at, 1);
    addItem(c.o, g.smfTidLen, tvb, at, 1);
    let off = at + 1;
    let identLen = optLen - 1;
    if (b & 0x70) {
      const tidLen = (b & 0x0f) + 1;
      addItem(c.o, g.smfTaggerId, tvb, off, tidLen);
      off += tidLen;
      identLen -= tidLen;
    }
    if (identLen > 0) {
      addItem(c.o, g.smfIdent, tvb, off, identLen);
      off += identLen;
    }
    return off;
  }],
  [0x07, (tvb, at, optLen, c) => {
    if (optLen < 8) c.invalidLen('CALIPSO: Invalid Length');
    addItem(c.o, g.calipsoDoi, tvb, at, 4);
    const words = tvb.u8(at + 4);
    addItem(c.o, g.calipsoCmptLength, tvb, at + 4, 1);
    addItem(c.o, g.calipsoSensLevel, tvb, at + 5, 1);
    addItem(c.o, g.calipsoChecksum, tvb, at + 6, 2);
    addItem(c.o, g.calipsoCmptBitmap, tvb, at + 8, words * 4);
    return at + 8 + words * 4;
  }],
  [0x0f, (tvb, at, optLen, c) => {
    if (optLen !== 10) c.invalidLen('PDM: Invalid length');
    const fields = [[g.pdmScaleDtlr, 1], [g.pdmScaleDtls, 1], [g.pdmPsnThisPkt, 2], [g.pdmPsnLastRecv, 2], [g.pdmDeltaLastRecv, 2], [g.pdmDeltaLastSent, 2]] as const;
    let off = at;
    for (const [def, size] of fields) {
      addItem(c.o, def, tvb, off, size);
      off += size;
    }
    return off;
  }],
  [0x26, (tvb, at, optLen, c) => {
    // Decoded whatever its length, as IPv4's option is, with the hop limit for the TTL difference.
    if (optLen !== 6) c.invalidLen('Quick-Start: Invalid Length');
    addQuickStart(c.o, f, tvb, at, c.header?.hlim ?? 0);
    const fn = tvb.u8(at) >> 4;
    if (fn !== QS_RATE_REQUEST && fn !== QS_RATE_REPORT) return at;
    tvb.check(at + 2, 4); // the nonce, checked without a tree too
    return at + 6;
  }],
  [0x31, (tvb, at, optLen, c) => dissectIoamOption(tvb, at, optLen, c.o, c.pinfo, () => c.invalidLen('IOAM Option: Invalid length'))],
  // Line identification: the line ID's own length, kept within the option; bytes after the ID are unknown data.
  [0x8c, (tvb, at, optLen, c) => {
    addItem(c.o, f.optLioLength, tvb, at, 1);
    const idLen = Math.max(0, Math.min(tvb.u8(at), optLen - 1));
    addItem(c.o, f.optLioLineId, tvb, at + 1, idLen);
    return at + 1 + idLen;
  }],
  [0x8a, (tvb, at, optLen, c) => {
    c.pinfo.expert(addItem(c.o, f.optUnknown, tvb, at, optLen), eiOptUnknownData);
    c.pinfo.expert(c.typeItem, eiDeprecated);
    return at + optLen;
  }],
]);

/**
 * The value of option `type` at `at` (after its type and length bytes),
 * under its subtree `o` (null without a tree): returns how many bytes it
 * took, which a value read past a short length makes more than `optLen`.
 */
export function dissectOptionValue(type: number, tvb: Tvb, at: number, optLen: number, o: FieldNode | null, typeItem: FieldNode | null, lenItem: FieldNode | null, pinfo: PacketInfo, header: Ipv6Header | null): number {
  if (type === 1) {
    addItem(o, f.optPadn, tvb, at, optLen);
    return optLen;
  }
  // The invalid-length error on the length item, in each option's own words.
  const invalidLen = (prefix: string): void => pinfo.expert(lenItem, eiOptInvalidLen, `${prefix} (${optLen} bytes)`);
  const fixed = FIXED.get(type);
  if (fixed) {
    if (optLen !== fixed.size) invalidLen(fixed.invalid);
    fixed.add(o, tvb, at, pinfo);
    if (fixed.restIsData && optLen > fixed.size) pinfo.expert(addItem(o, f.optData, tvb, at + fixed.size, optLen - fixed.size), eiOptUnknownData);
    return Math.max(optLen, fixed.size);
  }
  const reader = READERS.get(type);
  if (reader) {
    const end = reader(tvb, at, optLen, { o, typeItem, pinfo, header, invalidLen });
    // What the reader left of the option's length is unknown data. packet-ipv6.c keeps the option's start in 8 bits:
    // past byte 255 of the header the check never holds, and the next option starts where the reader stopped.
    const optEnd = (at & 0xff) + optLen;
    if (end >= optEnd) return end - at;
    pinfo.expert(addItem(o, f.optData, tvb, end, optEnd - end), eiOptUnknownData);
    return optEnd - at;
  }
  if (type === 0x8b) {
    addItem(o, f.optIlnpNonce, tvb, at, optLen);
  } else if (EXPERIMENTAL.has(type)) {
    addItem(o, f.optExperimental, tvb, at, optLen);
  } else {
    pinfo.expert(addItem(o, f.optUnknown, tvb, at, optLen), eiOptUnknownData);
  }
  return optLen;
}
