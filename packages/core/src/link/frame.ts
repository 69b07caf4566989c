import { defineFields, defineProtocol, FT, BASE, TFS_SET_NOTSET } from '../fields/field-def.js';
import { makeDissector } from '../dissection/dissector.js';
import type { PacketInfo } from '../dissection/packet-info.js';
import type { Tvb } from '../dissection/tvb.js';
import type { FieldNode } from '../fields/field-node.js';
import { defaultRegistry, setFrameDissector } from '../dissection/session.js';
import { showException } from '../dissection/show-exception.js';
import { defineExpert, Group, Severity } from '../dissection/expert.js';
import { eiOpenFlowLimit, reportLimit } from '../dissection/limit-experts.js';
import { pad9, timeDelta } from '../fields/time-format.js';
import { WTAP_ENCAP_NAMES, wtapEncapOf } from './wtap-encap.js';
import { dataDissector } from './data.js';
import { wireLength } from '../capture/raw-packet.js';

export const hfFrame = defineProtocol('frame', 'Frame');
/** Frame-data key: this frame's new conversation made the table forget idle ones (maxOpenFlows). */
const OPEN_FLOWS_KEY = 'frame.open-flow-limit';
/** A record claiming fewer bytes on the wire than were captured; the frame's data is then taken as long as captured. */
const eiTimeInvalid = defineExpert('frame', 'frame.time_invalid', Group.SEQUENCE, Severity.NOTE, 'Arrival Time: Fractional second out of range (0-1000000000)');
/** "Fractional second -00001000 is invalid": the fraction as printf's %09ld writes it. */
function timeInvalidMessage(nsec: number): string {
  return `Arrival Time: Fractional second ${pad9(nsec)} is invalid, the valid range is 0-1000000000`;
}
const eiLenLtCaplen = defineExpert('frame', 'frame.len_lt_caplen', Group.MALFORMED, Severity.ERROR, 'Frame length is less than captured length');
export const hfPktComment = defineProtocol('pkt_comment', 'Packet comments');
export const frameFields = defineFields('frame', {
  sectionNumber: { abbrev: 'frame.section_number', name: 'Section number', type: FT.UINT32, base: BASE.DEC },
  interfaceId: { abbrev: 'frame.interface_id', name: 'Interface id', type: FT.UINT32, base: BASE.DEC },
  interfaceName: { abbrev: 'frame.interface_name', name: 'Interface name', type: FT.STRING },
  interfaceDescription: { abbrev: 'frame.interface_description', name: 'Interface description', type: FT.STRING },
  encapType: { abbrev: 'frame.encap_type', name: 'Encapsulation type', type: FT.INT16, base: BASE.DEC, strings: WTAP_ENCAP_NAMES },
  time: { abbrev: 'frame.time', name: 'Arrival Time', type: FT.ABSOLUTE_TIME, base: BASE.ABSOLUTE_TIME_LOCAL },
  offsetShift: { abbrev: 'frame.offset_shift', name: 'Time shift for this packet', type: FT.RELATIVE_TIME },
  timeEpoch: { abbrev: 'frame.time_epoch', name: 'Epoch Time', type: FT.RELATIVE_TIME },
  timeDelta: { abbrev: 'frame.time_delta', name: 'Time delta from previous captured frame', type: FT.RELATIVE_TIME },
  timeDeltaDisplayed: { abbrev: 'frame.time_delta_displayed', name: 'Time delta from previous displayed frame', type: FT.RELATIVE_TIME },
  timeRelative: { abbrev: 'frame.time_relative', name: 'Time since reference or first frame', type: FT.RELATIVE_TIME },
  number: { abbrev: 'frame.number', name: 'Frame Number', type: FT.UINT32, base: BASE.DEC },
  len: { abbrev: 'frame.len', name: 'Frame length on the wire', type: FT.UINT32, base: BASE.DEC },
  capLen: { abbrev: 'frame.cap_len', name: 'Frame length stored into the capture file', type: FT.UINT32, base: BASE.DEC },
  marked: { abbrev: 'frame.marked', name: 'Frame is marked', type: FT.BOOLEAN },
  ignored: { abbrev: 'frame.ignored', name: 'Frame is ignored', type: FT.BOOLEAN },
  protocols: { abbrev: 'frame.protocols', name: 'Protocols in frame', type: FT.STRING },
  comment: { abbrev: 'frame.comment', name: 'Comment', type: FT.STRING },
  interfaceQueue: { abbrev: 'frame.interface_queue', name: 'Interface queue', type: FT.UINT32, base: BASE.DEC },
  packFlags: { abbrev: 'frame.packet_flags', name: 'Packet flags', type: FT.UINT32, base: BASE.HEX },
  packDirection: { abbrev: 'frame.packet_flags_direction', name: 'Direction', type: FT.UINT32, base: BASE.HEX, bitmask: 0x3, strings: new Map([[0, 'Unknown'], [1, 'Inbound'], [2, 'Outbound']]) },
  packReceptionType: {
    abbrev: 'frame.packet_flags_reception_type',
    name: 'Reception type',
    type: FT.UINT32,
    base: BASE.DEC,
    bitmask: 0x1c,
    strings: new Map([[0, 'Not specified'], [1, 'Unicast'], [2, 'Multicast'], [3, 'Broadcast'], [4, 'Promiscuous']]),
  },
  packFcsLength: { abbrev: 'frame.packet_flags_fcs_length', name: 'FCS length', type: FT.UINT32, base: BASE.DEC, bitmask: 0x1e0 },
  packReserved: { abbrev: 'frame.packet_flags_reserved', name: 'Reserved', type: FT.UINT32, base: BASE.DEC, bitmask: 0xfe00 },
  packCrcError: { abbrev: 'frame.packet_flags_crc_error', name: 'CRC error', type: FT.BOOLEAN, bitWidth: 32, tfs: TFS_SET_NOTSET, bitmask: 0x1000000 },
  packTooLongError: { abbrev: 'frame.packet_flags_packet_too_error', name: 'Packet too long error', type: FT.BOOLEAN, bitWidth: 32, tfs: TFS_SET_NOTSET, bitmask: 0x2000000 },
  packTooShortError: { abbrev: 'frame.packet_flags_packet_too_short_error', name: 'Packet too short error', type: FT.BOOLEAN, bitWidth: 32, tfs: TFS_SET_NOTSET, bitmask: 0x4000000 },
  packInterFrameGapError: { abbrev: 'frame.packet_flags_wrong_inter_frame_gap_error', name: 'Wrong interframe gap error', type: FT.BOOLEAN, bitWidth: 32, tfs: TFS_SET_NOTSET, bitmask: 0x8000000 },
  packUnalignedFrameError: { abbrev: 'frame.packet_flags_unaligned_frame_error', name: 'Unaligned frame error', type: FT.BOOLEAN, bitWidth: 32, tfs: TFS_SET_NOTSET, bitmask: 0x10000000 },
  packStartFrameDelimiterError: { abbrev: 'frame.packet_flags_start_frame_delimiter_error', name: 'Start frame delimiter error', type: FT.BOOLEAN, bitWidth: 32, tfs: TFS_SET_NOTSET, bitmask: 0x20000000 },
  packPreambleError: { abbrev: 'frame.packet_flags_preamble_error', name: 'Preamble error', type: FT.BOOLEAN, bitWidth: 32, tfs: TFS_SET_NOTSET, bitmask: 0x40000000 },
  packSymbolError: { abbrev: 'frame.packet_flags_symbol_error', name: 'Symbol error', type: FT.BOOLEAN, bitWidth: 32, tfs: TFS_SET_NOTSET, bitmask: 0x80000000 },
  p2pDir: { abbrev: 'frame.p2p_dir', name: 'Point-to-Point Direction', type: FT.INT8, base: BASE.DEC, strings: new Map([[-1, 'Unknown'], [0, 'Sent'], [1, 'Received']]) },
  packetId: { abbrev: 'frame.packet_id', name: 'Packet id', type: FT.UINT64, base: BASE.DEC },
  dropCount: { abbrev: 'frame.drop_count', name: 'Drop Count', type: FT.UINT64, base: BASE.DEC, blurb: 'Number of frames lost between this frame and the preceding one on the same interface' },
  cbPen: { abbrev: 'frame.cb_pen', name: 'Private Enterprise Number', type: FT.UINT32, base: BASE.DEC },
  cbCopy: { abbrev: 'frame.cb_copy', name: 'Copying', type: FT.BOOLEAN, tfs: { true: 'Allowed', false: 'Not allowed' } },
});

/** epb_flags' direction bits: 1 inbound, 2 outbound (0 and 3 say nothing). */
const PACK_DIRECTION = 0x3;
const DIRECTION_TEXT: readonly (string | undefined)[] = [undefined, ' (inbound)', ' (outbound)'];
/** The point-to-point direction (P2P_DIR_RECV, P2P_DIR_SENT) packet-frame.c takes from those bits. */
const P2P_DIR: readonly (number | undefined)[] = [undefined, 1, 0];
const PACK_FLAG_FIELDS = [
  frameFields.packDirection,
  frameFields.packReceptionType,
  frameFields.packFcsLength,
  frameFields.packReserved,
  frameFields.packCrcError,
  frameFields.packTooLongError,
  frameFields.packTooShortError,
  frameFields.packInterFrameGapError,
  frameFields.packUnalignedFrameError,
  frameFields.packStartFrameDelimiterError,
  frameFields.packPreambleError,
  frameFields.packSymbolError,
];

/** "Packet flags" and its bit fields (proto_tree_add_bitmask_list_value: no labels appended). */
function addPacketFlags(fh: FieldNode, tvb: Tvb, flags: number): void {
  const item = fh.add(frameFields.packFlags, tvb, 0, 0, flags);
  for (const def of PACK_FLAG_FIELDS) item.add(def, tvb, 0, 0, ((flags & def.bitmask!) >>> 0) / 2 ** def.shift);
}

const eiComment = defineExpert('frame', 'frame.comment.expert', Group.COMMENTS_GROUP, Severity.COMMENT, 'Formatted comment');

/** IANA enterprise numbers met in custom blocks (enterprises_lookup, for the few we have seen). */
const ENTERPRISES: Record<number, string> = {
  32473: 'Example Enterprise Number for Documentation Use',
  36724: 'Kaplan Research and Application Prototyping',
  10949: 'Netflix, Inc.',
  46254: 'Vector Informatik GmbH',
};

function enterpriseName(pen: number): string {
  return ENTERPRISES[pen] ?? 'Unknown';
}

/** A length in bits as Wireshark prints it: eight times the bytes in 32 bits, wrapping past 4 GiB of bits. */
function bitCount(bytes: number): number {
  return (bytes * 8) >>> 0;
}

function plural(n: number): string {
  return n === 1 ? '' : 's';
}

const frameTimeFields = [frameFields.time, frameFields.offsetShift, frameFields.timeEpoch, frameFields.timeDelta, frameFields.timeDeltaDisplayed, frameFields.timeRelative];

/** frame.protocols, "eth:ethertype:ip:tcp" (packet-frame.c leaves the frame itself out). */
function addProtocolsInFrame(fh: FieldNode | null, tvb: Tvb, pinfo: PacketInfo): void {
  if (fh && fh.ctx.keeps(frameFields.protocols)) fh.addGenerated(frameFields.protocols, tvb, 0, 0, pinfo.layers.slice(1).join(':'));
}

/**
 * The root of every dissection (packet-frame.c): the "Frame N" subtree
 * with times and lengths, then the link layer chosen by the capture's
 * link type, with any exception turned into a mark instead of a failure.
 */
function dissectFrame(tvb: Tvb, pinfo: PacketInfo, tree: FieldNode | null): number {
  const raw = pinfo.raw;
  pinfo.layers.push('frame');
  pinfo.currentProto = 'Frame';
  const times = pinfo.session.times(raw, pinfo.visited);
  let fh: FieldNode | null = null;
  if (raw.comments?.length) {
    // Each comment is also an expert item (group Comment), so -z expert and the TUI list them.
    const c = tree ? tree.addProtocol(hfPktComment, tvb, 0, 0) : null;
    for (const text of raw.comments) pinfo.expert(c ? c.add(frameFields.comment, tvb, 0, 0, text).setText(text) : null, eiComment, text);
  }
  const hasTs = raw.hasTimestamp !== false;
  const direction = (raw.packFlags ?? 0) & PACK_DIRECTION;
  const wireLen = wireLength(raw.len);
  const timeInvalid = hasTs && (raw.tsNsec < 0 || raw.tsNsec >= 1e9);
  // A pruned tree that keeps no frame field (-e ip.src, -Y dns) skips the frame's items.
  if (tree && tree.ctx.keepsProtocol(hfFrame)) {
    const full = tree.ctx.full;
    if (raw.custom) {
      const { pen, copyAllowed } = raw.custom;
      fh = tree.addProtocol(hfFrame, tvb, 0, raw.caplen, full ? `PCAPNG Custom Block ${raw.no}: ${raw.len} byte${plural(raw.len)} (${bitCount(raw.len)} bits) of custom data and options, PEN ${enterpriseName(pen)} (${pen}), copying ${copyAllowed ? 'allowed' : 'not allowed'}` : undefined);
      // A custom block belongs to a section but to no interface.
      fh.add(frameFields.sectionNumber, tvb, 0, 0, raw.custom.section + 1);
    } else {
      fh = tree.addProtocol(
        hfFrame,
        tvb,
        0,
        raw.caplen,
        full ? `Frame ${raw.no}: ${wireLen} byte${plural(wireLen)} on wire (${bitCount(wireLen)} bits), ${raw.caplen} byte${plural(raw.caplen)} captured (${bitCount(raw.caplen)} bits)` : undefined,
      );
      const iface = raw.iface;
      if (iface) {
        // pcapng records name their interface (wiretap numbers interfaces across sections).
        const ifName = iface.name ?? iface.description ?? 'unknown';
        if (full) fh.appendText(` on interface ${ifName}, id ${iface.index}${DIRECTION_TEXT[direction] ?? ''}`);
        fh.add(frameFields.sectionNumber, tvb, 0, 0, (raw.section ?? iface.section) + 1);
        // The id may be pruned while its name is kept (-e frame.interface_name): a stand-in passes it on.
        const idItem = fh.add(frameFields.interfaceId, tvb, 0, 0, iface.index).setValueText(`${iface.index} (${ifName})`);
        idItem.add(frameFields.interfaceName, tvb, 0, 0, ifName);
        if (iface.description !== undefined) idItem.add(frameFields.interfaceDescription, tvb, 0, 0, iface.description);
      }
      if (raw.interfaceQueue !== undefined) fh.add(frameFields.interfaceQueue, tvb, 0, 0, raw.interfaceQueue);
      if (raw.packFlags !== undefined) addPacketFlags(fh, tvb, raw.packFlags);
      if (raw.packetId !== undefined) fh.add(frameFields.packetId, tvb, 0, 0, raw.packetId);
      fh.add(frameFields.encapType, tvb, 0, 0, wtapEncapOf(raw.linktype));
    }
    if (hasTs && tree.ctx.keepsAnyOf(frameTimeFields)) {
      const ts = { sec: raw.tsSec, nsec: raw.tsNsec };
      fh.add(frameFields.time, tvb, 0, 0, ts);
      if (timeInvalid) pinfo.expert(fh, eiTimeInvalid, timeInvalidMessage(raw.tsNsec));
      fh.addGenerated(frameFields.offsetShift, tvb, 0, 0, { sec: 0, nsec: 0 });
      fh.add(frameFields.timeEpoch, tvb, 0, 0, ts);
      const [ds, dn] = timeDelta(raw.tsSec, raw.tsNsec, times.prevSec, times.prevNsec);
      fh.addGenerated(frameFields.timeDelta, tvb, 0, 0, { sec: ds, nsec: dn });
      const [dds, ddn] = timeDelta(raw.tsSec, raw.tsNsec, times.prevDisplayedSec, times.prevDisplayedNsec);
      fh.addGenerated(frameFields.timeDeltaDisplayed, tvb, 0, 0, { sec: dds, nsec: ddn });
      const [rs, rn] = timeDelta(raw.tsSec, raw.tsNsec, times.refSec, times.refNsec);
      fh.addGenerated(frameFields.timeRelative, tvb, 0, 0, { sec: rs, nsec: rn });
    }
    fh.add(frameFields.number, tvb, 0, 0, raw.no);
    const lenItem = fh.add(frameFields.len, tvb, 0, 0, wireLen);
    if (full) lenItem.setText(`Frame Length: ${wireLen} byte${plural(wireLen)} (${bitCount(wireLen)} bits)`);
    if (wireLen < raw.caplen) pinfo.expert(lenItem, eiLenLtCaplen);
    const capLenItem = fh.add(frameFields.capLen, tvb, 0, 0, raw.caplen);
    if (full) capLenItem.setText(`Capture Length: ${raw.caplen} byte${plural(raw.caplen)} (${bitCount(raw.caplen)} bits)`);
    if (raw.dropCount !== undefined) fh.add(frameFields.dropCount, tvb, 0, 0, raw.dropCount);
    fh.addGenerated(frameFields.marked, tvb, 0, 0, 0);
    fh.addGenerated(frameFields.ignored, tvb, 0, 0, 0);
    const p2pDir = P2P_DIR[direction];
    if (p2pDir !== undefined) fh.add(frameFields.p2pDir, tvb, 0, 0, p2pDir);
  }
  if (!fh && wireLen < raw.caplen) pinfo.expert(null, eiLenLtCaplen);
  // Wireshark checks the fraction only where it builds the frame's tree (tshark's summary lines have none).
  if (tree && (!fh || !tree.ctx.keepsAnyOf(frameTimeFields)) && timeInvalid) pinfo.expert(null, eiTimeInvalid, timeInvalidMessage(raw.tsNsec));
  if (raw.custom) {
    const { pen, copyAllowed } = raw.custom;
    pinfo.cols.setProtocol('PCAPNG');
    fh?.add(frameFields.cbPen, tvb, 0, 0, pen).setValueText(`${enterpriseName(pen)} (${pen})`);
    fh?.add(frameFields.cbCopy, tvb, 0, 0, copyAllowed ? 1 : 0);
    pinfo.cols.setInfo(`Custom Block: PEN = ${enterpriseName(pen)} (${pen}), will${copyAllowed ? '' : ' not'} be copied`);
    pinfo.call(dataDissector, tvb, tree);
    addProtocolsInFrame(fh, tvb, pinfo);
    return raw.caplen;
  }
  const link = pinfo.session.registry.getUint('wtap_encap', raw.linktype);
  const evicted = pinfo.session.conversations.evicted;
  try {
    if (link) {
      pinfo.call(link, tvb, tree);
    } else {
      pinfo.cols.setProtocol('UNKNOWN');
      pinfo.cols.setInfo(`WTAP_ENCAP = ${wtapEncapOf(raw.linktype)}`);
      pinfo.call(dataDissector, tvb, tree);
    }
  } catch (err) {
    showException(err, tvb, pinfo, tree);
  }
  reportLimit(pinfo, fh, OPEN_FLOWS_KEY, pinfo.session.conversations.evicted > evicted, eiOpenFlowLimit, openFlowLimitMessage);
  addProtocolsInFrame(fh, tvb, pinfo);
  return raw.caplen;
}

function openFlowLimitMessage(pinfo: PacketInfo): string {
  return `Open-flow limit reached (maxOpenFlows=${pinfo.session.limits.maxOpenFlows}): the longest-idle conversations were forgotten`;
}

export const frameDissector = makeDissector('frame', 'Frame', dissectFrame);
setFrameDissector(frameDissector);
defaultRegistry.addNamed(frameDissector);
