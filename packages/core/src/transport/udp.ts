import { defineFields, defineProtocol, FT, BASE } from '../fields/field-def.js';
import type { FieldNode } from '../fields/field-node.js';
import { AddressType } from '../dissection/address.js';
import { ConversationType, rememberWhenForgotten, type Conversation } from '../dissection/conversation-table.js';
import { makeDissector, type Dissector } from '../dissection/dissector.js';
import { defineExpert, Group, Severity } from '../dissection/expert.js';
import { PortType, type PacketInfo } from '../dissection/packet-info.js';
import { defaultRegistry } from '../dissection/session.js';
import type { Tvb } from '../dissection/tvb.js';
import { dataDissector } from '../link/data.js';
import type { PackedState } from '../dissection/forgotten-flows.js';
import { StreamClock } from './stream-timestamps.js';
import { TransportInfoText } from './transport-info-text.js';
import { checksumStatusNames } from '../fields/checksum-status.js';
import { leaveOutIfQuotedPortsCut } from './quoted-ports-cut.js';
import { addVerifiedChecksum, checksumShouldBe } from '../network/verified-checksum.js';
import { pseudoHeaderChecksum } from './pseudo-header-checksum.js';


export const hfUdp = defineProtocol('udp', 'User Datagram Protocol');
export const udpFields = defineFields('udp', {
  srcport: { abbrev: 'udp.srcport', name: 'Source Port', type: FT.UINT16, base: BASE.DEC },
  dstport: { abbrev: 'udp.dstport', name: 'Destination Port', type: FT.UINT16, base: BASE.DEC },
  port: { abbrev: 'udp.port', name: 'Source or Destination Port', type: FT.UINT16, base: BASE.DEC },
  stream: { abbrev: 'udp.stream', name: 'Stream index', type: FT.UINT32, base: BASE.DEC },
  length: { abbrev: 'udp.length', name: 'Length', type: FT.UINT16, base: BASE.DEC },
  checksum: { abbrev: 'udp.checksum', name: 'Checksum', type: FT.UINT16, base: BASE.HEX },
  checksumCalculated: { abbrev: 'udp.checksum_calculated', name: 'Calculated Checksum', type: FT.UINT16, base: BASE.HEX },
  checksumStatus: { abbrev: 'udp.checksum.status', name: 'Checksum Status', type: FT.UINT8, base: BASE.NONE, strings: checksumStatusNames },
  timeRelative: { abbrev: 'udp.time_relative', name: 'Time since first frame', type: FT.RELATIVE_TIME },
  timeDelta: { abbrev: 'udp.time_delta', name: 'Time since previous frame', type: FT.RELATIVE_TIME },
  payload: { abbrev: 'udp.payload', name: 'Payload', type: FT.BYTES },
});
const eiLengthBad = defineExpert('udp', 'udp.length.bad', Group.MALFORMED, Severity.ERROR, 'Bad length value');
const eiLengthBadZero = defineExpert('udp', 'udp.length.bad_zero', Group.PROTOCOL, Severity.WARN, 'Length is zero but payload < 65536');
const eiChecksumZero = defineExpert('udp', 'udp.checksum.zero', Group.CHECKSUM, Severity.ERROR, 'Illegal checksum value (0)');
const eiChecksumBad = defineExpert('udp', 'udp.checksum.bad', Group.CHECKSUM, Severity.ERROR, 'Bad checksum');
const eiTraceroute = defineExpert('udp', 'udp.possible_traceroute', Group.SEQUENCE, Severity.CHAT, 'Possible traceroute');

/** Per-conversation UDP state: the stream index, and the stream's clock (itself, to save an object per flow). */
export class UdpConversation extends StreamClock {
  constructor(readonly stream: number) {
    super();
  }
}

/**
 * A number read from a Float64Array as a 32-bit integer when it is one.
 * Stored as read, V8 keeps each as a heap number of its own: a restored
 * UdpConversation carried four more objects (64 bytes), and most DNS
 * conversations of the bench file's second million are restored ones.
 */
function asInt32(x: number): number {
  return x === (x | 0) ? x | 0 : x;
}

/** What a UDP conversation the open-flow limit forgot keeps: its stream index and clock, as five numbers. */
export const forgottenUdpState: PackedState = {
  key: 'udp',
  width: 5,
  pack(value, out, at) {
    if (!(value instanceof UdpConversation)) return false;
    out[at] = value.stream;
    out[at + 1] = value.firstSec;
    out[at + 2] = value.firstNsec;
    out[at + 3] = value.prevSec;
    out[at + 4] = value.prevNsec;
    return true;
  },
  unpack(from, at) {
    const u = new UdpConversation(asInt32(from[at]!));
    // A UDP conversation's clock starts when it is made (init_udp_conversation_data), so a forgotten one had started.
    u.started = true;
    u.firstSec = asInt32(from[at + 1]!);
    u.firstNsec = asInt32(from[at + 2]!);
    u.prevSec = asInt32(from[at + 3]!);
    u.prevNsec = asInt32(from[at + 4]!);
    return u;
  },
};
rememberWhenForgotten(forgottenUdpState);

interface UdpState {
  streams: number;
}

/** Data for the "udp.follow" tap. */
export interface UdpFollowData {
  readonly stream: number;
  /** Captured payload bytes (a view: copy what you keep). */
  readonly payload: Uint8Array;
}

/** What a UDP payload dissector learns about its datagram. */
export interface UdpInfo {
  readonly srcport: number;
  readonly dstport: number;
  readonly stream: number;
  /** The flow's conversation, for a dissector's per-conversation state without another lookup. */
  readonly conversation: Conversation;
}

/**
 * decode_udp_ports: conversation dissector, then low port, high port, then
 * heuristics, else data. They add to the root of the tree, as Wireshark's
 * do: a datagram quoted in an ICMP error has its DNS query beside ICMP,
 * not under it (elsewhere UDP's parent is the root anyway).
 */
function decodeUdpPorts(tvb: Tvb, offset: number, pinfo: PacketInfo, udpTree: FieldNode | null, parent: FieldNode | null, sport: number, dport: number, ulen: number, info: UdpInfo): void {
  const tree = parent?.treeRoot() ?? null;
  let len = tvb.remaining(offset);
  let reportedLen = tvb.reportedRemaining(offset);
  if (ulen - offset < reportedLen) reportedLen = ulen - offset;
  if (len > reportedLen) len = reportedLen;
  // Wireshark adds the payload item "to the end": nothing left after the header is an exception, in every output
  // (tshark's summary, -T fields and -Y included). Its label counts the length field's bytes, its value holds all
  // there is (more, in a datagram an ICMP error quotes inside an IP packet said longer than the datagram).
  const itemLen = tvb.lengthToEnd(offset);
  udpTree?.add(udpFields.payload, tvb, offset, itemLen, tvb.view(offset, itemLen)).setText(`UDP payload (${len} byte${len === 1 ? '' : 's'})`);
  const next = tvb.sub(offset, len, reportedLen);
  if (pinfo.session.taps.has('udp.follow')) pinfo.tap('udp.follow', { stream: info.stream, payload: next.view(0, next.length) } satisfies UdpFollowData);
  if (pinfo.visited && pinfo.session.transportOnly) return;
  const registry = pinfo.session.registry;
  if (pinfo.visited) {
    const heur = pinfo.getFrameData<Dissector>('udp.heur');
    if (heur) {
      pinfo.call(heur, next, tree, info);
      return;
    }
  }
  const conv = info.conversation;
  if (conv.dissector && pinfo.call(conv.dissector, next, tree, info)) return;
  const low = Math.min(sport, dport);
  const high = Math.max(sport, dport);
  if (low !== 0 && registry.tryUint('udp.port', low, next, pinfo, tree, info)) return;
  if (high !== 0 && registry.tryUint('udp.port', high, next, pinfo, tree, info)) return;
  const h = registry.tryHeuristics('udp', next, pinfo, tree, info);
  if (h) {
    pinfo.setFrameData('udp.heur', h);
    return;
  }
  pinfo.call(dataDissector, next, tree);
}

/** Ports traceroute's UDP probes use (33435-33464 by default). */
function isTraceroutePort(p: number): boolean {
  return p > 32768 + 666 && p <= 32768 + 666 + 30;
}

function tracerouteExpert(pinfo: PacketInfo, item: FieldNode | null, p: number): void {
  pinfo.expert(item, eiTraceroute, `Possible traceroute: hop #${Math.floor((p - 32768 - 666 - 1) / 3) + 1}, attempt #${((p - 32768 - 666 - 1) % 3) + 1}`);
}

const udpChecksumFields = { checksum: udpFields.checksum, status: udpFields.checksumStatus, bad: eiChecksumBad };

/** udp.check_checksum on: "[correct]" or "incorrect, should be …", the calculated value under it (null: not over IP, left unverified). */
function verifyUdpChecksum(pinfo: PacketInfo, t: FieldNode | null, tvb: Tvb, sum: number, computed: number | null): void {
  if (computed === null) {
    t?.add(udpFields.checksum, tvb, 6, 2, sum).appendText(' [unverified]');
    t?.addGenerated(udpFields.checksumStatus, tvb, 6, 0, 2);
    return;
  }
  const item = addVerifiedChecksum(pinfo, t, udpChecksumFields, tvb, 6, sum, computed);
  if (computed !== 0) {
    item?.appendText(' (maybe caused by "UDP checksum offload"?)');
    pinfo.cols.appendInfo(' [UDP CHECKSUM INCORRECT]');
  }
  item?.addGenerated(udpFields.checksumCalculated, tvb, 6, 2, checksumShouldBe(sum, computed));
}

/** UDP (packet-udp.c): header checks, udp.stream, then the payload by conversation, port or heuristic. */
function dissectUdp(tvb: Tvb, pinfo: PacketInfo, tree: FieldNode | null): number {
  leaveOutIfQuotedPortsCut('udp', tvb, pinfo, tree);
  const sport = tvb.u16(0);
  const dport = tvb.u16(2);
  pinfo.cols.setProtocol('UDP');
  pinfo.cols.clearInfo();
  // Formatted only if read: DNS and most protocols above replace it.
  const infoText = TransportInfoText.begin(pinfo.cols, sport, dport);
  const reportedLen = tvb.reported;
  const len = tvb.length;
  const t = tree ? tree.addProtocolIfKept(hfUdp, tvb, 0, 8) : null;
  if (t && tree!.ctx.full) t.appendText(`, Src Port: ${sport}, Dst Port: ${dport}`);
  const srcItem = t?.add(udpFields.srcport, tvb, 0, 2, sport) ?? null;
  const dstItem = t?.add(udpFields.dstport, tvb, 2, 2, dport) ?? null;
  t?.addHidden(udpFields.port, tvb, 0, 2, sport);
  t?.addHidden(udpFields.port, tvb, 2, 2, dport);
  if (isTraceroutePort(sport)) tracerouteExpert(pinfo, srcItem, sport);
  if (isTraceroutePort(dport)) tracerouteExpert(pinfo, dstItem, dport);
  let ulen = tvb.u16(4);
  const lenItem = t?.add(udpFields.length, tvb, 4, 2, ulen) ?? null;
  let jumbo = false;
  if (ulen === 0 && pinfo.src.type === AddressType.IPv6) {
    // RFC 2675's jumbogram: the length is the payload's, which should then be more than 65535 bytes.
    ulen = reportedLen;
    jumbo = true;
  }
  if (ulen < 8) {
    lenItem?.appendText(' (bogus, must be >= 8)');
    pinfo.expert(lenItem, eiLengthBad, `Bad length value ${ulen} < 8`);
    pinfo.cols.appendInfo(` [BAD UDP LENGTH ${ulen} < 8]`);
    return tvb.length;
  }
  if (ulen > reportedLen && !pinfo.fragmented && !pinfo.inErrorPacket) {
    lenItem?.appendText(` (bogus, payload length ${reportedLen})`);
    pinfo.expert(lenItem, eiLengthBad, `Bad length value ${ulen} > IP payload length`);
    pinfo.cols.appendInfo(` [BAD UDP LENGTH ${ulen} > IP PAYLOAD LENGTH]`);
  }
  // After the length checks, as in packet-udp.c: a zero length that stands for fewer than 8 bytes gets only "< 8".
  if (jumbo && ulen < 65536) pinfo.expert(lenItem, eiLengthBadZero);
  infoText?.length(ulen - 8);
  if (jumbo) pinfo.cols.appendInfo(' [Jumbogram]');
  const sum = tvb.u16(6);
  if (sum === 0) {
    const ignore = pinfo.src.type === AddressType.IPv4;
    const item = t?.add(udpFields.checksum, tvb, 6, 2, sum) ?? null;
    if (ignore || pinfo.inErrorPacket) {
      item?.appendText(' [zero-value ignored]');
      item?.addGenerated(udpFields.checksumStatus, tvb, 6, 2, 3);
    } else {
      item?.appendText(' [zero-value illegal]');
      pinfo.expert(item, eiChecksumZero);
      item?.addGenerated(udpFields.checksumStatus, tvb, 6, 2, 4);
      pinfo.cols.appendInfo(' [ILLEGAL CHECKSUM (0)]');
    }
  } else if (!pinfo.fragmented && len >= reportedLen && reportedLen >= ulen && pinfo.session.pref('udp.check_checksum', false)) {
    // Validation is off by default in Wireshark (udp.check_checksum); the length covered is the header's.
    verifyUdpChecksum(pinfo, t, tvb, sum, pseudoHeaderChecksum(pinfo, 17, ulen, tvb.view(0, ulen)));
  } else if (t) {
    t.add(udpFields.checksum, tvb, 6, 2, sum).setValueText(`0x${sum.toString(16).padStart(4, '0')} [unverified]`);
    t.addGenerated(udpFields.checksumStatus, tvb, 6, 0, 2);
  }
  pinfo.ptype = PortType.UDP;
  pinfo.srcport = sport;
  pinfo.dstport = dport;
  const conv = pinfo.session.conversations.findOrCreate(pinfo.num, ConversationType.UDP, pinfo.src, pinfo.dst, sport, dport);
  let ud = conv.data.get('udp') as UdpConversation | undefined;
  if (!ud) {
    const st = pinfo.session.state<UdpState>('udp', () => ({ streams: 0 }));
    ud = new UdpConversation(st.streams++);
    // init_udp_conversation_data dates the conversation from its first datagram, with payload or not.
    ud.start(pinfo);
    conv.data.set('udp', ud);
  }
  t?.addGenerated(udpFields.stream, tvb, 8, 0, ud.stream);
  if (ulen === 8) return tvb.length;
  if (!pinfo.inErrorPacket) {
    const times = ud.tick(pinfo, 'udp.ts');
    if (t) {
      const ts = t.addText(tvb, 8, 0, 'Timestamps').setGenerated();
      ts.addGenerated(udpFields.timeRelative, tvb, 0, 0, { sec: times.relSec, nsec: times.relNsec });
      ts.addGenerated(udpFields.timeDelta, tvb, 0, 0, { sec: times.deltaSec, nsec: times.deltaNsec });
    }
  }
  if (!pinfo.inErrorPacket || tvb.remaining(8) > 0) {
    decodeUdpPorts(tvb, 8, pinfo, t, tree, sport, dport, ulen, { srcport: sport, dstport: dport, stream: ud.stream, conversation: conv });
  }
  return tvb.length;
}

export const udpDissector = makeDissector('udp', 'UDP', dissectUdp);
defaultRegistry.addUint('ip.proto', 17, udpDissector);
