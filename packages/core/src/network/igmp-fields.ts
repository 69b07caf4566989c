/**
 * IGMP's protocol, fields and checksum (packet-igmp.c), shared by the
 * message dissectors of igmp.ts and multicast traceroute's.
 */
import { defineFields, defineProtocol, FT, BASE, vals } from '../fields/field-def.js';
import type { FieldNode } from '../fields/field-node.js';
import { defineExpert, Group, Severity } from '../dissection/expert.js';
import type { PacketInfo } from '../dissection/packet-info.js';
import type { Tvb } from '../dissection/tvb.js';
import { internetChecksum } from './internet-checksum.js';
import { addVerifiedChecksum } from './verified-checksum.js';
import { checksumStatusNames } from '../fields/checksum-status.js';

/** igmp.type's names (packet-igmp.c's commands). */
export const IGMP_TYPE_NAMES = vals({
  0x01: 'Create Group Request', 0x02: 'Create Group Reply', 0x03: 'Join Group Request', 0x04: 'Join Group Reply', 0x05: 'Leave Group Request',
  0x06: 'Leave Group Reply', 0x07: 'Confirm Group Request', 0x08: 'Confirm Group Reply', 0x11: 'Membership Query', 0x12: 'Membership Report',
  0x13: 'DVMRP Protocol', 0x14: 'PIM Routing Message', 0x16: 'Membership Report', 0x17: 'Leave Group', 0x1e: 'Traceroute Response',
  0x1f: 'Traceroute Query or Request', 0x22: 'Membership Report',
});
export const recordTypes = vals({ 1: 'Mode Is Include', 2: 'Mode Is Exclude', 3: 'Change To Include Mode', 4: 'Change To Exclude Mode', 5: 'Allow New Sources', 6: 'Block Old Sources' });

export const hfIgmp = defineProtocol('igmp', 'Internet Group Management Protocol');
export const igmpFields = defineFields('igmp', {
  type: { abbrev: 'igmp.type', name: 'Type', type: FT.UINT8, base: BASE.HEX, strings: IGMP_TYPE_NAMES },
  reserved: { abbrev: 'igmp.reserved', name: 'Reserved', type: FT.BYTES },
  version: { abbrev: 'igmp.version', name: 'IGMP Version', type: FT.UINT8, base: BASE.DEC },
  checksum: { abbrev: 'igmp.checksum', name: 'Checksum', type: FT.UINT16, base: BASE.HEX },
  checksumStatus: { abbrev: 'igmp.checksum.status', name: 'Checksum Status', type: FT.UINT8, base: BASE.NONE, strings: checksumStatusNames },
  maxResp: { abbrev: 'igmp.max_resp', name: 'Max Resp Time', type: FT.UINT8, base: BASE.DEC },
  maxRespExp: { abbrev: 'igmp.max_resp.exp', name: 'Exponent', type: FT.UINT8, base: BASE.HEX, bitmask: 0x70 },
  maxRespMant: { abbrev: 'igmp.max_resp.mant', name: 'Mantissa', type: FT.UINT8, base: BASE.HEX, bitmask: 0x0f },
  s: { abbrev: 'igmp.s', name: 'S', type: FT.BOOLEAN, bitWidth: 8, tfs: { true: 'SUPPRESS router side processing', false: 'Do not suppress router side processing' }, bitmask: 0x08 },
  qrv: { abbrev: 'igmp.qrv', name: 'QRV', type: FT.UINT8, base: BASE.DEC, bitmask: 0x07 },
  qqic: { abbrev: 'igmp.qqic', name: 'QQIC', type: FT.UINT8, base: BASE.DEC },
  numSrc: { abbrev: 'igmp.num_src', name: 'Num Src', type: FT.UINT16, base: BASE.DEC },
  saddr: { abbrev: 'igmp.saddr', name: 'Source Address', type: FT.IPv4 },
  numGrpRecs: { abbrev: 'igmp.num_grp_recs', name: 'Num Group Records', type: FT.UINT16, base: BASE.DEC },
  recordType: { abbrev: 'igmp.record_type', name: 'Record Type', type: FT.UINT8, base: BASE.DEC, strings: recordTypes },
  auxDataLen: { abbrev: 'igmp.aux_data_len', name: 'Aux Data Len', type: FT.UINT8, base: BASE.DEC },
  maddr: { abbrev: 'igmp.maddr', name: 'Multicast Address', type: FT.IPv4 },
  auxData: { abbrev: 'igmp.aux_data', name: 'Aux Data', type: FT.BYTES },
  data: { abbrev: 'igmp.data', name: 'Data', type: FT.BYTES },
  groupType: { abbrev: 'igmp.group_type', name: 'Type Of Group', type: FT.UINT8, base: BASE.DEC, strings: vals({ 0: 'Public Group', 1: 'Private Group' }) },
  reply: { abbrev: 'igmp.reply', name: 'Reply', type: FT.UINT8, base: BASE.DEC, strings: vals({ 0: 'Request Granted', 1: 'Request Denied, No Resources', 2: 'Request Denied, Invalid Code', 3: 'Request Denied, Invalid Group', 4: 'Request Denied, Invalid Key' }) },
  replyPending: { abbrev: 'igmp.reply.pending', name: 'Reply Pending', type: FT.UINT8, base: BASE.DEC },
  identifier: { abbrev: 'igmp.identifier', name: 'Identifier', type: FT.UINT32, base: BASE.DEC },
  accessKey: { abbrev: 'igmp.access_key', name: 'Access Key', type: FT.BYTES },
});
const eiChecksum = defineExpert('igmp', 'igmp.bad_checksum', Group.CHECKSUM, Severity.ERROR, 'Bad checksum');
const igmpChecksumFields = { checksum: igmpFields.checksum, status: igmpFields.checksumStatus, bad: eiChecksum };

/** igmp_checksum with proto_tree_add_checksum's texts: over `len` bytes (0: the whole message). */
export function igmpChecksum(tvb: Tvb, pinfo: PacketInfo, t: FieldNode | null, len: number): void {
  const n = len === 0 ? tvb.reported : len;
  const sum = tvb.u16(2);
  if (!pinfo.fragmented && tvb.length >= n) {
    addVerifiedChecksum(pinfo, t, igmpChecksumFields, tvb, 2, sum, internetChecksum(tvb.view(0, n)));
    return;
  }
  if (t) {
    t.add(igmpFields.checksum, tvb, 2, 2, sum).appendText(' [unverified]');
    t.addGenerated(igmpFields.checksumStatus, tvb, 2, 0, 2);
  }
}
