// The values of the IPv6 hop-by-hop and destination options as Wireshark 4.0
// decodes them (dissect_opts): padding, router alert (RFC 2711), tunnel
// encapsulation limit (RFC 2473), Mobile IPv6's home address (RFC 6275),
// ILNP nonce (RFC 6744), line identification (RFC 6788), IP_DFF (RFC 6971),
// TPF information (RFC 6706), Quick-Start (RFC 4782) and the experimental
// types (RFC 4727).
import { Address, AddressType } from '../dissection/address.js';
import { defineExpert, Group, Severity } from '../dissection/expert.js';
import type { PacketInfo } from '../dissection/packet-info.js';
import type { Tvb } from '../dissection/tvb.js';
import type { FieldNode } from '../fields/field-node.js';
import { addItem } from '../fields/proto-tree-items.js';
import { QS_RATE_REPORT, QS_RATE_REQUEST, qsRates } from './ipv4-option-fields.js';
import { ipv6Fields as f } from './ipv6-fields.js';

export const eiOptUnknownData = defineExpert('ipv6', 'ipv6.opt.unknown_data.expert', Group.UNDECODED, Severity.NOTE, 'Unknown Data (not interpreted)');
export const eiOptInvalidLen = defineExpert('ipv6', 'ipv6.opt.invalid_len', Group.MALFORMED, Severity.ERROR, 'Invalid IPv6 option length');

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

/**
 * The value of option `type` at `at` (after its type and length bytes),
 * under its subtree `o` (null without a tree): returns how many bytes it
 * took, which a fixed-size value read past a short length makes more than
 * `optLen`.
 */
export function dissectOptionValue(type: number, tvb: Tvb, at: number, optLen: number, o: FieldNode | null, lenItem: FieldNode | null, pinfo: PacketInfo, hopLimit: number): number {
  if (type === 1) {
    addItem(o, f.optPadn, tvb, at, optLen);
    return optLen;
  }
  const fixed = FIXED.get(type);
  if (fixed) {
    if (optLen !== fixed.size) pinfo.expert(lenItem, eiOptInvalidLen, `${fixed.invalid} (${optLen} bytes)`);
    fixed.add(o, tvb, at, pinfo);
    if (fixed.restIsData && optLen > fixed.size) pinfo.expert(addItem(o, f.optData, tvb, at + fixed.size, optLen - fixed.size), eiOptUnknownData);
    return Math.max(optLen, fixed.size);
  }
  if (type === 0x26 && optLen === 6) {
    quickStart(tvb, at, o, hopLimit);
  } else if (type === 0x8b) {
    addItem(o, f.optIlnpNonce, tvb, at, optLen);
  } else if (type === 0x8c) {
    // The line ID's own length, kept within the option.
    addItem(o, f.optLioLength, tvb, at, 1);
    addItem(o, f.optLioLineId, tvb, at + 1, Math.min(tvb.u8(at), optLen - 1));
  } else if (EXPERIMENTAL.has(type)) {
    addItem(o, f.optExperimental, tvb, at, optLen);
  } else if (!f.optType.strings!.has(type)) {
    pinfo.expert(addItem(o, f.optUnknown, tvb, at, optLen), eiOptUnknownData);
  } else if (optLen) {
    // Registered, not decoded here (Jumbo Payload, CALIPSO, SMF_DPD, PDM, Path MTU, IOAM, RPL, MPL; Quick-Start of another length).
    pinfo.expert(addItem(o, f.optData, tvb, at, optLen), eiOptUnknownData);
  }
  return optLen;
}

/** Quick-Start (RFC 4782), as IPv4's option (ipv4-options.ts) with the hop limit for the TTL difference; the rate in the label. */
function quickStart(tvb: Tvb, at: number, o: FieldNode | null, hopLimit: number): void {
  const command = tvb.u8(at);
  if (!o) return;
  const fn = command >> 4;
  const rate = qsRates.get(command & 0x0f) ?? `Unknown (${command & 0x0f})`;
  addItem(o, f.optQsFunc, tvb, at, 1);
  if (fn === QS_RATE_REQUEST) {
    const qsTtl = tvb.u8(at + 1);
    const ttlDiff = (hopLimit - qsTtl) & 0xff;
    if (o.ctx.full) o.appendText(`, ${rate}, QS TTL ${qsTtl}, QS TTL diff ${ttlDiff}`);
    o.addItem(f.optQsRate, tvb, at, 1);
    o.addItem(f.optQsTtl, tvb, at + 1, 1);
    o.addGenerated(f.optQsTtlDiff, tvb, at + 1, 1, ttlDiff);
  } else if (fn === QS_RATE_REPORT) {
    if (o.ctx.full) o.appendText(`, ${rate}`);
    o.addItem(f.optQsRate, tvb, at, 1);
    o.addItem(f.optQsUnused, tvb, at + 1, 1);
  } else {
    return;
  }
  o.addItem(f.optQsNonce, tvb, at + 2, 4);
  o.addItem(f.optQsReserved, tvb, at + 2, 4);
}
