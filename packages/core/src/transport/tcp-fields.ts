import { defineFields, defineProtocol, FT, BASE, vals, TFS_SET_NOTSET } from '../fields/field-def.js';
import { defineExpert, Group, Severity } from '../dissection/expert.js';
import { defineFragmentFields } from '../reassembly/fragment-tree.js';
import { checksumStatusNames } from '../fields/checksum-status.js';

const optionKinds = vals({
  0: 'End of Option List', 1: 'No-Operation', 2: 'Maximum Segment Size', 3: 'Window Scale', 4: 'SACK Permitted', 5: 'SACK',
  6: 'Echo', 7: 'Echo Reply', 8: 'Time Stamp Option', 9: 'Partial Order Connection Permitted', 10: 'Partial Order Service Profile', 11: 'CC', 12: 'CC.NEW',
  13: 'CC.ECHO', 14: 'TCP Alternate Checksum Request', 15: 'TCP Alternate Checksum Data', 16: 'Skeeter', 17: 'Bubba', 18: 'Trailer Checksum Option',
  19: 'MD5 Signature Option', 20: 'SCPS Capabilities', 21: 'Selective Negative Acknowledgements', 22: 'Record Boundaries', 23: 'Corruption experienced',
  24: 'SNAP', 25: 'Unassigned', 26: 'TCP Compression Filter', 27: 'Quick-Start Response', 28: 'User Timeout Option', 29: 'The TCP Authentication Option',
  30: 'Multipath TCP', 34: 'TCP Fast Open Cookie', 76: 'Riverbed Probe', 78: 'Riverbed Transparency',
  172: 'Accurate ECN Order 0', 174: 'Accurate ECN Order 1', 253: 'RFC3692-style Experiment 1', 254: 'RFC3692-style Experiment 2',
});

/** conversation_completeness_fill: the named states of the completeness bit set. */
function completenessText(v: number): string {
  switch (v) {
    case 1: return `Incomplete, SYN_SENT (${v})`;
    case 3: return `Incomplete, CLIENT_ESTABLISHED (${v})`;
    case 7: return `Incomplete, ESTABLISHED (${v})`;
    case 15: return `Incomplete, DATA (${v})`;
    case 31: case 47: case 63: return `Complete, WITH_DATA (${v})`;
    case 23: case 39: case 55: return `Complete, NO_DATA (${v})`;
    default: return `Incomplete (${v})`;
  }
}

export const hfTcp = defineProtocol('tcp', 'Transmission Control Protocol');
/** Quick-Start's rate requests (RFC 4782): 40 kbit/s times two to the value, 0 for none. */
export const QS_RATES: ReadonlyMap<number, string> = new Map([
  [0, '0 bit/s'], [1, '80 Kbit/s'], [2, '160 Kbit/s'], [3, '320 Kbit/s'], [4, '640 Kbit/s'], [5, '1.28 Mbit/s'], [6, '2.56 Mbit/s'], [7, '5.12 Mbit/s'],
  [8, '10.24 Mbit/s'], [9, '20.48 Mbit/s'], [10, '40.96 Mbit/s'], [11, '81.92 Mbit/s'], [12, '163.84 Mbit/s'], [13, '327.68 Mbit/s'], [14, '655.36 Mbit/s'], [15, '1.31072 Gbit/s'],
]);

export const tcpFields = defineFields('tcp', {
  srcport: { abbrev: 'tcp.srcport', name: 'Source Port', type: FT.UINT16, base: BASE.DEC },
  dstport: { abbrev: 'tcp.dstport', name: 'Destination Port', type: FT.UINT16, base: BASE.DEC },
  port: { abbrev: 'tcp.port', name: 'Source or Destination Port', type: FT.UINT16, base: BASE.DEC },
  stream: { abbrev: 'tcp.stream', name: 'Stream index', type: FT.UINT32, base: BASE.DEC },
  completeness: { abbrev: 'tcp.completeness', name: 'Conversation completeness', type: FT.UINT8, base: BASE.CUSTOM, custom: completenessText },
  seq: { abbrev: 'tcp.seq', name: 'Sequence Number', type: FT.UINT32, base: BASE.DEC },
  seqRaw: { abbrev: 'tcp.seq_raw', name: 'Sequence Number (raw)', type: FT.UINT32, base: BASE.DEC },
  nxtseq: { abbrev: 'tcp.nxtseq', name: 'Next Sequence Number', type: FT.UINT32, base: BASE.DEC },
  ack: { abbrev: 'tcp.ack', name: 'Acknowledgment Number', type: FT.UINT32, base: BASE.DEC },
  ackRaw: { abbrev: 'tcp.ack_raw', name: 'Acknowledgment number (raw)', type: FT.UINT32, base: BASE.DEC },
  hdrLen: { abbrev: 'tcp.hdr_len', name: 'Header Length', type: FT.UINT8, base: BASE.DEC },
  flags: { abbrev: 'tcp.flags', name: 'Flags', type: FT.UINT16, base: BASE.HEX, bitmask: 0x0fff },
  flagsRes: { abbrev: 'tcp.flags.res', name: 'Reserved', type: FT.BOOLEAN, bitWidth: 12, tfs: TFS_SET_NOTSET, bitmask: 0x0e00 },
  flagsAe: { abbrev: 'tcp.flags.ae', name: 'Accurate ECN', type: FT.BOOLEAN, bitWidth: 12, tfs: TFS_SET_NOTSET, bitmask: 0x0100 },
  flagsCwr: { abbrev: 'tcp.flags.cwr', name: 'Congestion Window Reduced', type: FT.BOOLEAN, bitWidth: 12, tfs: TFS_SET_NOTSET, bitmask: 0x0080 },
  flagsEce: { abbrev: 'tcp.flags.ece', name: 'ECN-Echo', type: FT.BOOLEAN, bitWidth: 12, tfs: TFS_SET_NOTSET, bitmask: 0x0040 },
  flagsUrg: { abbrev: 'tcp.flags.urg', name: 'Urgent', type: FT.BOOLEAN, bitWidth: 12, tfs: TFS_SET_NOTSET, bitmask: 0x0020 },
  flagsAck: { abbrev: 'tcp.flags.ack', name: 'Acknowledgment', type: FT.BOOLEAN, bitWidth: 12, tfs: TFS_SET_NOTSET, bitmask: 0x0010 },
  flagsPush: { abbrev: 'tcp.flags.push', name: 'Push', type: FT.BOOLEAN, bitWidth: 12, tfs: TFS_SET_NOTSET, bitmask: 0x0008 },
  flagsReset: { abbrev: 'tcp.flags.reset', name: 'Reset', type: FT.BOOLEAN, bitWidth: 12, tfs: TFS_SET_NOTSET, bitmask: 0x0004 },
  flagsSyn: { abbrev: 'tcp.flags.syn', name: 'Syn', type: FT.BOOLEAN, bitWidth: 12, tfs: TFS_SET_NOTSET, bitmask: 0x0002 },
  flagsFin: { abbrev: 'tcp.flags.fin', name: 'Fin', type: FT.BOOLEAN, bitWidth: 12, tfs: TFS_SET_NOTSET, bitmask: 0x0001 },
  flagsStr: { abbrev: 'tcp.flags.str', name: 'TCP Flags', type: FT.STRING },
  windowSizeValue: { abbrev: 'tcp.window_size_value', name: 'Window', type: FT.UINT16, base: BASE.DEC },
  windowSize: { abbrev: 'tcp.window_size', name: 'Calculated window size', type: FT.UINT32, base: BASE.DEC },
  windowSizeScalefactor: { abbrev: 'tcp.window_size_scalefactor', name: 'Window size scaling factor', type: FT.INT32, base: BASE.DEC },
  checksum: { abbrev: 'tcp.checksum', name: 'Checksum', type: FT.UINT16, base: BASE.HEX },
  checksumStatus: { abbrev: 'tcp.checksum.status', name: 'Checksum Status', type: FT.UINT8, base: BASE.NONE, strings: checksumStatusNames },
  checksumCalculated: { abbrev: 'tcp.checksum_calculated', name: 'Calculated Checksum', type: FT.UINT16, base: BASE.HEX },
  analysis: { abbrev: 'tcp.analysis', name: 'SEQ/ACK analysis', type: FT.NONE },
  analysisFlags: { abbrev: 'tcp.analysis.flags', name: 'TCP Analysis Flags', type: FT.NONE },
  analysisDuplicateAck: { abbrev: 'tcp.analysis.duplicate_ack', name: 'Duplicate ACK', type: FT.NONE },
  analysisDuplicateAckNum: { abbrev: 'tcp.analysis.duplicate_ack_num', name: 'Duplicate ACK #', type: FT.UINT32, base: BASE.DEC },
  analysisDuplicateAckFrame: { abbrev: 'tcp.analysis.duplicate_ack_frame', name: 'Duplicate to the ACK in frame', type: FT.FRAMENUM },
  continuationTo: { abbrev: 'tcp.continuation_to', name: 'This is a continuation to the PDU in frame', type: FT.FRAMENUM },
  len: { abbrev: 'tcp.len', name: 'TCP Segment Len', type: FT.UINT32, base: BASE.DEC },
  analysisAcksFrame: { abbrev: 'tcp.analysis.acks_frame', name: 'This is an ACK to the segment in frame', type: FT.FRAMENUM },
  analysisBytesInFlight: { abbrev: 'tcp.analysis.bytes_in_flight', name: 'Bytes in flight', type: FT.UINT32, base: BASE.DEC },
  analysisPushBytesSent: { abbrev: 'tcp.analysis.push_bytes_sent', name: 'Bytes sent since last PSH flag', type: FT.UINT32, base: BASE.DEC },
  analysisAckRtt: { abbrev: 'tcp.analysis.ack_rtt', name: 'The RTT to ACK the segment was', type: FT.RELATIVE_TIME },
  analysisFirstRtt: { abbrev: 'tcp.analysis.initial_rtt', name: 'iRTT', type: FT.RELATIVE_TIME },
  analysisRto: { abbrev: 'tcp.analysis.rto', name: 'The RTO for this segment was', type: FT.RELATIVE_TIME },
  analysisRtoFrame: { abbrev: 'tcp.analysis.rto_frame', name: 'RTO based on delta from frame', type: FT.FRAMENUM },
  urgentPointer: { abbrev: 'tcp.urgent_pointer', name: 'Urgent Pointer', type: FT.UINT16, base: BASE.DEC },
  optionKind: { abbrev: 'tcp.option_kind', name: 'Kind', type: FT.UINT8, base: BASE.DEC, strings: optionKinds },
  optionLen: { abbrev: 'tcp.option_len', name: 'Length', type: FT.UINT8, base: BASE.DEC },
  options: { abbrev: 'tcp.options', name: 'TCP Options', type: FT.BYTES },
  optionMssVal: { abbrev: 'tcp.options.mss_val', name: 'MSS Value', type: FT.UINT16, base: BASE.DEC },
  optionWscaleShift: { abbrev: 'tcp.options.wscale.shift', name: 'Shift count', type: FT.UINT8, base: BASE.DEC },
  optionWscaleMultiplier: { abbrev: 'tcp.options.wscale.multiplier', name: 'Multiplier', type: FT.UINT16, base: BASE.DEC },
  optionUnknownPayload: { abbrev: 'tcp.options.unknown.payload', name: 'Payload', type: FT.BYTES },
  optionSackLe: { abbrev: 'tcp.options.sack_le', name: 'TCP SACK Left Edge', type: FT.UINT32, base: BASE.DEC },
  optionSackRe: { abbrev: 'tcp.options.sack_re', name: 'TCP SACK Right Edge', type: FT.UINT32, base: BASE.DEC },
  optionSackCount: { abbrev: 'tcp.options.sack.count', name: 'TCP SACK Count', type: FT.UINT8, base: BASE.DEC },
  optionSackDsackLe: { abbrev: 'tcp.options.sack.dsack_le', name: 'TCP D-SACK Left Edge', type: FT.UINT32, base: BASE.DEC },
  optionSackDsackRe: { abbrev: 'tcp.options.sack.dsack_re', name: 'TCP D-SACK Right Edge', type: FT.UINT32, base: BASE.DEC },
  optionTsval: { abbrev: 'tcp.options.timestamp.tsval', name: 'Timestamp value', type: FT.UINT32, base: BASE.DEC },
  optionTsecr: { abbrev: 'tcp.options.timestamp.tsecr', name: 'Timestamp echo reply', type: FT.UINT32, base: BASE.DEC },
  optionEcho: { abbrev: 'tcp.options.echo_value', name: 'TCP Echo Option', type: FT.UINT32, base: BASE.DEC },
  optionTfoCookie: { abbrev: 'tcp.options.tfo.cookie', name: 'Fast Open Cookie', type: FT.BYTES },
  optionCc: { abbrev: 'tcp.options.cc_value', name: 'TCP CC Option', type: FT.UINT32, base: BASE.DEC },
  optionMd5Digest: { abbrev: 'tcp.options.md5.digest', name: 'MD5 digest', type: FT.BYTES },
  optionAoKeyId: { abbrev: 'tcp.options.ao.keyid', name: 'AO KeyID', type: FT.UINT8, base: BASE.DEC },
  optionAoRNextKeyId: { abbrev: 'tcp.options.ao.rnextkeyid', name: 'AO RNextKeyID', type: FT.UINT8, base: BASE.DEC },
  optionAoMac: { abbrev: 'tcp.options.ao.mac', name: 'AO MAC', type: FT.BYTES },
  optionQsRate: { abbrev: 'tcp.options.qs.rate', name: 'QS Rate', type: FT.UINT8, base: BASE.DEC, bitmask: 0x0f, strings: QS_RATES },
  // Wireshark names the TTL difference "QS Rate" too.
  optionQsTtlDiff: { abbrev: 'tcp.options.qs.ttl_diff', name: 'QS Rate', type: FT.UINT8, base: BASE.DEC },
  optionScpsVector: { abbrev: 'tcp.options.scps.vector', name: 'TCP SCPS Capabilities Vector', type: FT.UINT8, base: BASE.HEX },
  optionScpsBets: { abbrev: 'tcp.options.scpsflags.bets', name: 'Partial Reliability Capable (BETS)', type: FT.BOOLEAN, bitWidth: 8, tfs: TFS_SET_NOTSET, bitmask: 0x80 },
  optionScpsSnack1: { abbrev: 'tcp.options.scpsflags.snack1', name: 'Short Form SNACK Capable (SNACK1)', type: FT.BOOLEAN, bitWidth: 8, tfs: TFS_SET_NOTSET, bitmask: 0x40 },
  optionScpsSnack2: { abbrev: 'tcp.options.scpsflags.snack2', name: 'Long Form SNACK Capable (SNACK2)', type: FT.BOOLEAN, bitWidth: 8, tfs: TFS_SET_NOTSET, bitmask: 0x20 },
  optionScpsCompress: { abbrev: 'tcp.options.scpsflags.compress', name: 'Lossless Header Compression (COMP)', type: FT.BOOLEAN, bitWidth: 8, tfs: TFS_SET_NOTSET, bitmask: 0x10 },
  optionScpsNlts: { abbrev: 'tcp.options.scpsflags.nlts', name: 'Network Layer Timestamp (NLTS)', type: FT.BOOLEAN, bitWidth: 8, tfs: TFS_SET_NOTSET, bitmask: 0x08 },
  optionScpsReserved: { abbrev: 'tcp.options.scpsflags.reserved', name: 'Reserved', type: FT.UINT8, base: BASE.DEC, bitmask: 0x07 },
  optionScpsConnectionId: { abbrev: 'tcp.options.scps.binding', name: 'Connection ID', type: FT.UINT8, base: BASE.DEC, blurb: 'TCP SCPS Connection ID' },
  optionScpsBindingId: { abbrev: 'tcp.options.scps.binding.id', name: 'Binding Space (Community) ID', type: FT.UINT8, base: BASE.DEC, blurb: 'TCP SCPS Extended Binding Space (Community) ID' },
  optionScpsBindingLen: { abbrev: 'tcp.options.scps.binding.len', name: 'Extended Capability Length', type: FT.UINT8, base: BASE.DEC, blurb: 'TCP SCPS Extended Capability Length in bytes' },
  optionScpsBindingData: { abbrev: 'tcp.options.scps.binding.data', name: 'Binding Space Data', type: FT.BYTES },
  optionUserToGranularity: { abbrev: 'tcp.options.user_to_granularity', name: 'Granularity', type: FT.BOOLEAN, bitWidth: 16, tfs: { true: 'Minutes', false: 'Seconds' }, bitmask: 0x8000 },
  optionUserToVal: { abbrev: 'tcp.options.user_to_val', name: 'User Timeout', type: FT.UINT16, base: BASE.DEC, bitmask: 0x7fff },
  optionTfoRequest: { abbrev: 'tcp.options.tfo.request', name: 'Fast Open Cookie Request', type: FT.NONE },
  optionExpExid: {
    abbrev: 'tcp.options.experimental.exid', name: 'Experiment Identifier', type: FT.UINT16, base: BASE.HEX,
    strings: vals({
      0x00ac: 'TCP ACK Rate Request', 0x0348: 'Host ID', 0x0a0d: 'Autonomous System Compensation', 0x0ca0: 'Capability Option', 0x0ed0: 'Extended Data Offset',
      0x454e: 'Encryption Negotiation', 0x5323: 'Service Number', 0x75ec: 'Timestamp Interval', 0xacc0: 'Accurate ECN - Order 0', 0xacc1: 'Accurate ECN - Order 1',
      0xacce: 'Accurate ECN', 0xe2d4: 'Shared Memory communications over RMDA protocol', 0xf989: 'Fast Open', 0xf990: 'Low Latency',
    }),
  },
  optionExpData: { abbrev: 'tcp.options.experimental.data', name: 'Data', type: FT.BYTES },
  pduTime: { abbrev: 'tcp.pdu.time', name: 'Time until the last segment of this PDU', type: FT.RELATIVE_TIME },
  pduSize: { abbrev: 'tcp.pdu.size', name: 'PDU Size', type: FT.UINT32, base: BASE.DEC },
  pduLastFrame: { abbrev: 'tcp.pdu.last_frame', name: 'Last frame of this PDU', type: FT.FRAMENUM },
  timeRelative: { abbrev: 'tcp.time_relative', name: 'Time since first frame in this TCP stream', type: FT.RELATIVE_TIME },
  timeDelta: { abbrev: 'tcp.time_delta', name: 'Time since previous frame in this TCP stream', type: FT.RELATIVE_TIME },
  segmentData: { abbrev: 'tcp.segment_data', name: 'TCP segment data', type: FT.BYTES },
  payload: { abbrev: 'tcp.payload', name: 'TCP payload', type: FT.BYTES },
  finRetransmission: { abbrev: 'tcp.fin_retransmission', name: 'Retransmission of FIN from frame', type: FT.FRAMENUM },
  resetCause: { abbrev: 'tcp.reset_cause', name: 'Reset cause', type: FT.STRING },
});

/** The option subtrees are protocols "in name only" in Wireshark: filterable, not layers. */
export const tcpOptionProtos = {
  nop: defineFields('tcp', { p: { abbrev: 'tcp.options.nop', name: 'TCP Option - No-Operation (NOP)', type: FT.BYTES, noDisplayValue: true } }).p,
  eol: defineFields('tcp', { p: { abbrev: 'tcp.options.eol', name: 'TCP Option - End of Option List (EOL)', type: FT.BYTES, noDisplayValue: true } }).p,
  mss: defineFields('tcp', { p: { abbrev: 'tcp.options.mss', name: 'TCP Option - Maximum segment size', type: FT.BYTES, noDisplayValue: true } }).p,
  wscale: defineFields('tcp', { p: { abbrev: 'tcp.options.wscale', name: 'TCP Option - Window scale', type: FT.BYTES, noDisplayValue: true } }).p,
  sackPerm: defineFields('tcp', { p: { abbrev: 'tcp.options.sack_perm', name: 'TCP Option - SACK permitted', type: FT.BYTES, noDisplayValue: true } }).p,
  sack: defineFields('tcp', { p: { abbrev: 'tcp.options.sack', name: 'TCP Option - SACK', type: FT.BYTES, noDisplayValue: true } }).p,
  timestamp: defineFields('tcp', { p: { abbrev: 'tcp.options.timestamp', name: 'TCP Option - Timestamps', type: FT.BYTES, noDisplayValue: true } }).p,
  echo: defineFields('tcp', { p: { abbrev: 'tcp.options.echo', name: 'TCP Option - Echo', type: FT.BYTES, noDisplayValue: true } }).p,
  echoreply: defineFields('tcp', { p: { abbrev: 'tcp.options.echoreply', name: 'TCP Option - Echo reply', type: FT.BYTES, noDisplayValue: true } }).p,
  tfo: defineFields('tcp', { p: { abbrev: 'tcp.options.tfo', name: 'TCP Option - TCP Fast Open', type: FT.BYTES, noDisplayValue: true } }).p,
  experimental: defineFields('tcp', { p: { abbrev: 'tcp.options.experimental', name: 'TCP Option - Experimental', type: FT.BYTES, noDisplayValue: true } }).p,
  // One item for CC, CC.NEW and CC.ECHO, as Wireshark's option dissector adds for all three kinds.
  cc: defineFields('tcp', { p: { abbrev: 'tcp.options.cc', name: 'TCP Option - CC', type: FT.BYTES, noDisplayValue: true } }).p,
  md5: defineFields('tcp', { p: { abbrev: 'tcp.options.md5', name: 'TCP Option - TCP MD5 signature', type: FT.BYTES, noDisplayValue: true } }).p,
  userTo: defineFields('tcp', { p: { abbrev: 'tcp.options.user_to', name: 'TCP Option - User Timeout', type: FT.BYTES, noDisplayValue: true } }).p,
  qs: defineFields('tcp', { p: { abbrev: 'tcp.options.qs', name: 'TCP Option - Quick-Start', type: FT.BYTES, noDisplayValue: true } }).p,
  scps: defineFields('tcp', { p: { abbrev: 'tcp.options.scps', name: 'TCP Option - SCPS capabilities', type: FT.BYTES, noDisplayValue: true } }).p,
  scpsRec: defineFields('tcp', { p: { abbrev: 'tcp.options.scpsrec', name: 'TCP Option - SCPS record boundary', type: FT.BYTES, noDisplayValue: true } }).p,
  scpsCor: defineFields('tcp', { p: { abbrev: 'tcp.options.scpscor', name: 'TCP Option - SCPS corruption experienced', type: FT.BYTES, noDisplayValue: true } }).p,
  ao: defineFields('tcp', { p: { abbrev: 'tcp.options.ao', name: 'TCP Option - TCP AO', type: FT.BYTES, noDisplayValue: true } }).p,
  unknown: defineFields('tcp', { p: { abbrev: 'tcp.options.unknown', name: 'TCP Option - Unknown', type: FT.BYTES, noDisplayValue: true } }).p,
};

export const tcpSegmentFields = defineFragmentFields('tcp', {
  prefix: 'tcp.segment',
  fragments: ['tcp.segments', 'Reassembled TCP Segments'],
  fragment: ['tcp.segment', 'TCP Segment'],
  count: 'tcp.segment.count',
  reassembledIn: ['tcp.reassembled_in', 'Reassembled PDU in frame'],
  reassembledLength: ['tcp.reassembled.length', 'Reassembled TCP length'],
  reassembledData: ['tcp.reassembled.data', 'Reassembled TCP Data'],
  tag: 'Segments',
  fragmentsType: FT.NONE,
  names: { overlap: 'Segment overlap', overlapConflict: 'Conflicting data in segment overlap', multipleTails: 'Multiple tail segments found', tooLong: 'Segment too long', error: 'Reassembling error', count: 'Segment count' },
});

export const tcpExpert = {
  retransmission: defineExpert('tcp', 'tcp.analysis.retransmission', Group.SEQUENCE, Severity.NOTE, 'This frame is a (suspected) retransmission'),
  fastRetransmission: defineExpert('tcp', 'tcp.analysis.fast_retransmission', Group.SEQUENCE, Severity.NOTE, 'This frame is a (suspected) fast retransmission'),
  spuriousRetransmission: defineExpert('tcp', 'tcp.analysis.spurious_retransmission', Group.SEQUENCE, Severity.NOTE, 'This frame is a (suspected) spurious retransmission'),
  outOfOrder: defineExpert('tcp', 'tcp.analysis.out_of_order', Group.SEQUENCE, Severity.WARN, 'This frame is a (suspected) out-of-order segment'),
  reusedPorts: defineExpert('tcp', 'tcp.analysis.reused_ports', Group.SEQUENCE, Severity.NOTE, 'A new tcp session is started with the same ports as an earlier session in this trace'),
  lostPacket: defineExpert('tcp', 'tcp.analysis.lost_segment', Group.SEQUENCE, Severity.WARN, 'Previous segment(s) not captured (common at capture start)'),
  ackLostPacket: defineExpert('tcp', 'tcp.analysis.ack_lost_segment', Group.SEQUENCE, Severity.WARN, 'ACKed segment that wasn\'t captured (common at capture start)'),
  windowUpdate: defineExpert('tcp', 'tcp.analysis.window_update', Group.SEQUENCE, Severity.CHAT, 'TCP window update'),
  windowFull: defineExpert('tcp', 'tcp.analysis.window_full', Group.SEQUENCE, Severity.WARN, 'TCP window specified by the receiver is now completely full'),
  keepAlive: defineExpert('tcp', 'tcp.analysis.keep_alive', Group.SEQUENCE, Severity.NOTE, 'TCP keep-alive segment'),
  keepAliveAck: defineExpert('tcp', 'tcp.analysis.keep_alive_ack', Group.SEQUENCE, Severity.NOTE, 'ACK to a TCP keep-alive segment'),
  duplicateAck: defineExpert('tcp', 'tcp.analysis.duplicate_ack', Group.SEQUENCE, Severity.NOTE, 'Duplicate ACK'),
  zeroWindowProbe: defineExpert('tcp', 'tcp.analysis.zero_window_probe', Group.SEQUENCE, Severity.NOTE, 'TCP Zero Window Probe'),
  zeroWindow: defineExpert('tcp', 'tcp.analysis.zero_window', Group.SEQUENCE, Severity.WARN, 'TCP Zero Window segment'),
  zeroWindowProbeAck: defineExpert('tcp', 'tcp.analysis.zero_window_probe_ack', Group.SEQUENCE, Severity.NOTE, 'ACK to a TCP Zero Window Probe'),
  tfoAck: defineExpert('tcp', 'tcp.analysis.tfo_ack', Group.SEQUENCE, Severity.NOTE, 'TCP SYN-ACK accepting TFO data'),
  tfoIgnored: defineExpert('tcp', 'tcp.analysis.tfo_ignored', Group.SEQUENCE, Severity.NOTE, 'TCP SYN-ACK ignoring TFO data'),
  finActive: defineExpert('tcp', 'tcp.connection.fin_active', Group.SEQUENCE, Severity.NOTE, 'This frame initiates the connection closing'),
  finPassive: defineExpert('tcp', 'tcp.connection.fin_passive', Group.SEQUENCE, Severity.NOTE, 'This frame undergoes the connection closing'),
  mssAbsent: defineExpert('tcp', 'tcp.options.mss.absent', Group.PROTOCOL, Severity.NOTE, 'The SYN packet does not contain a MSS option'),
  mssPresent: defineExpert('tcp', 'tcp.options.mss.present', Group.PROTOCOL, Severity.WARN, 'The non-SYN packet does contain a MSS option'),
  wscaleShiftInvalid: defineExpert('tcp', 'tcp.options.wscale.shift.invalid', Group.PROTOCOL, Severity.WARN, 'Window scale shift exceeds 14'),
  sackDsack: defineExpert('tcp', 'tcp.options.sack.dsack', Group.SEQUENCE, Severity.WARN, 'D-SACK Sequence'),
  optLenInvalid: defineExpert('tcp', 'tcp.option.len.invalid', Group.SEQUENCE, Severity.NOTE, 'Invalid length for option'),
  shortSegment: defineExpert('tcp', 'tcp.short_segment', Group.MALFORMED, Severity.WARN, 'Short segment'),
  ackNonzero: defineExpert('tcp', 'tcp.ack.nonzero', Group.PROTOCOL, Severity.NOTE, 'The acknowledgment number field is nonzero while the ACK flag is not set'),
  connectionSynack: defineExpert('tcp', 'tcp.connection.synack', Group.SEQUENCE, Severity.CHAT, 'Connection establish acknowledge (SYN+ACK)'),
  connectionSyn: defineExpert('tcp', 'tcp.connection.syn', Group.SEQUENCE, Severity.CHAT, 'Connection establish request (SYN)'),
  connectionFin: defineExpert('tcp', 'tcp.connection.fin', Group.SEQUENCE, Severity.CHAT, 'Connection finish (FIN)'),
  connectionRst: defineExpert('tcp', 'tcp.connection.rst', Group.SEQUENCE, Severity.WARN, 'Connection reset (RST)'),
  urgentPointerNonZero: defineExpert('tcp', 'tcp.urgent_pointer.non_zero', Group.PROTOCOL, Severity.NOTE, 'The urgent pointer field is nonzero while the URG flag is not set'),
  suboptionMalformed: defineExpert('tcp', 'tcp.suboption_malformed', Group.MALFORMED, Severity.ERROR, 'suboption would go past end of option'),
  nop: defineExpert('tcp', 'tcp.nop', Group.PROTOCOL, Severity.WARN, '4 NOP in a row - a router may have removed some options'),
  nonZeroAfterEol: defineExpert('tcp', 'tcp.non_zero_bytes_after_eol', Group.PROTOCOL, Severity.ERROR, 'Non zero bytes in option space after EOL option'),
  bogusHeaderLength: defineExpert('tcp', 'tcp.bogus_header_length', Group.PROTOCOL, Severity.ERROR, 'Bogus TCP Header length'),
  limitReached: defineExpert('tcp', 'tcp.reassembly.limit', Group.REASSEMBLE, Severity.WARN, 'Reassembly memory limit reached; data not reassembled'),
};
