import type { FieldNode } from '../fields/field-node.js';
import { ConversationType, type Conversation } from '../dissection/conversation-table.js';
import { makeDissector } from '../dissection/dissector.js';
import { PortType, type PacketInfo } from '../dissection/packet-info.js';
import { defaultRegistry } from '../dissection/session.js';
import type { Tvb } from '../dissection/tvb.js';
import { timeDelta } from '../fields/time-format.js';
import { Completeness, StaticFlag, TcpAnalysis, TH } from './tcp-conversation.js';
import { TcpAckedHistory } from './tcp-acked-history.js';
import { hfTcp, tcpExpert, tcpFields } from './tcp-fields.js';
import type { TcpInfo } from './tcp-info.js';
import { dissectTcpOptions, type TcpHeaderInfo } from './tcp-options.js';
import { TransportInfoText } from './transport-info-text.js';
import { FieldGroup } from '../fields/field-group.js';
import { decodeTcpPorts, desegmentTcp, pruneStreamingFlow, reassembleUntilFin, releaseFinishedPdus } from './tcp-reassembler.js';
import { analyzeSequenceNumber, printSequenceNumberAnalysis } from './tcp-sequence-analysis.js';
import { u32 } from './tcp-seq.js';
import { leaveOutIfQuotedPortsCut } from './quoted-ports-cut.js';
import { pseudoHeaderChecksum } from './pseudo-header-checksum.js';
import { verifyTcpChecksum } from './tcp-checksum.js';

interface TcpState {
  streams: number;
}

/** Data for the "tcp.follow" tap: the segment payload and where it sits in its stream. */
export interface TcpFollowData {
  readonly stream: number;
  /** Relative sequence number of the segment (before a SYN's own byte). */
  readonly seq: number;
  /** Relative acknowledgment number. */
  readonly ack: number;
  /** Bytes the segment carries on the wire (the captured part is `payload`). */
  readonly seglen: number;
  readonly flags: number;
  /** Captured payload bytes (a view: copy what you keep). */
  readonly payload: Uint8Array;
}

/** Which TCP conversation a frame belongs to: tcp.stream for a 4-tuple, renewed on port reuse. */
function conversationData(conv: Conversation, pinfo: PacketInfo): TcpAnalysis {
  let tcpd = conv.data.get('tcp') as TcpAnalysis | undefined;
  let direction = pinfo.src.compare(pinfo.dst);
  if (direction === 0) direction = pinfo.srcport > pinfo.dstport ? 1 : -1;
  if (!tcpd) {
    const st = pinfo.session.state<TcpState>('tcp', () => ({ streams: 0 }));
    tcpd = new TcpAnalysis(st.streams++, pinfo.raw.tsSec, pinfo.raw.tsNsec, conv);
    if (pinfo.session.keepHistory) tcpd.history = pinfo.session.state('tcp.acked', () => new TcpAckedHistory());
    conv.data.set('tcp', tcpd);
  }
  if (direction >= 0) {
    tcpd.fwd = tcpd.flow1;
    tcpd.rev = tcpd.flow2;
  } else {
    tcpd.fwd = tcpd.flow2;
    tcpd.rev = tcpd.flow1;
  }
  tcpd.ta = null;
  return tcpd;
}

function formatFlags(flags: number): string {
  const names = ['FIN', 'SYN', 'RST', 'PSH', 'ACK', 'URG', 'ECE', 'CWR', 'AE'];
  const parts: string[] = [];
  for (let i = 0; i < 9; i++) if (flags & (1 << i)) parts.push(names[i]!);
  if (flags & TH.RES) parts.push('Reserved');
  return parts.length ? parts.join(', ') : '<None>';
}

/** "[SYN, ACK]" text per 12-bit flags value, built once each: every segment needs one. */
const FLAG_TEXT: Array<string | undefined> = new Array(TH.MASK + 1);
function flagsToStr(flags: number): string {
  return (FLAG_TEXT[flags & TH.MASK] ??= formatFlags(flags & TH.MASK));
}

/** "·······AP···" per flags value, built once each. */
const FLAG_LETTERS: Array<string | undefined> = new Array(TH.MASK + 1);
function flagsFirstLetters(flags: number): string {
  return (FLAG_LETTERS[flags & TH.MASK] ??= formatFlagLetters(flags & TH.MASK));
}

function formatFlagLetters(flags: number): string {
  const letters = 'RRRACEUAPRSF';
  let s = '';
  for (let i = 0; i < 12; i++) s += (flags >> (11 - i)) & 1 ? letters[i] : '\u00b7';
  return s;
}

function plural(n: number): string {
  return n === 1 ? '' : 's';
}

/** The header fields (no other protocol's items go under them; options and analysis are apart). */
const tcpHeaderFields = new FieldGroup([
  tcpFields.srcport, tcpFields.dstport, tcpFields.port, tcpFields.seq, tcpFields.seqRaw, tcpFields.completeness, tcpFields.len, tcpFields.hdrLen,
  tcpFields.nxtseq, tcpFields.ack, tcpFields.ackRaw, tcpFields.flags, tcpFields.flagsRes, tcpFields.flagsAe, tcpFields.flagsCwr, tcpFields.flagsEce,
  tcpFields.flagsUrg, tcpFields.flagsAck, tcpFields.flagsPush, tcpFields.flagsReset, tcpFields.flagsSyn, tcpFields.flagsFin, tcpFields.flagsStr,
  tcpFields.windowSizeValue, tcpFields.windowSize, tcpFields.windowSizeScalefactor, tcpFields.checksum, tcpFields.checksumStatus, tcpFields.urgentPointer,
  tcpFields.checksumCalculated,
]);

/** What the options read of the header: one object, refilled per segment (options never nest). */
const headerScratch: TcpHeaderInfo = { flags: 0, ack: 0, relative: true, sackLeft: [], sackRight: [], numSackRanges: 0, info: null };
function headerInfo(flags: number, ack: number, relative: boolean, info: TransportInfoText | null): TcpHeaderInfo {
  const h = headerScratch;
  h.flags = flags;
  h.ack = ack;
  h.relative = relative;
  h.info = info;
  h.numSackRanges = 0;
  if (h.sackLeft.length) h.sackLeft.length = h.sackRight.length = 0;
  return h;
}

/**
 * The flow of the segment being dissected, set by dissectTcpSegment as soon
 * as it is known so dissectTcp can finish it after an exception too (a
 * module slot saved and restored around each call, not a closure per segment).
 */
let currentFlow: TcpAnalysis | null = null;

/** TCP (packet-tcp.c's dissect_tcp): header, stream tracking, analysis, options, then the payload. */
function dissectTcp(tvb: Tvb, pinfo: PacketInfo, tree: FieldNode | null): number {
  const streaming = !pinfo.session.keepHistory;
  const outer = currentFlow;
  currentFlow = null;
  try {
    return dissectTcpSegment(tvb, pinfo, tree);
  } finally {
    const tcpd = currentFlow as TcpAnalysis | null;
    currentFlow = outer;
    // With one pass no frame is looked up again: keep flow state, not per-frame results.
    if (streaming && tcpd) {
      tcpd.forgetFrames();
      pruneStreamingFlow(tcpd.fwd);
    } else if (tcpd) {
      // Once the whole frame is done (a TCP header inside this one's payload may still add results): keep them, drop finished PDUs.
      const firstPass = !pinfo.visited;
      const session = pinfo.session;
      session.afterFrame(() => {
        tcpd.endFrame(firstPass);
        if (session.frameBytes) releaseFinishedPdus(tcpd);
      });
    }
  }
}

function dissectTcpSegment(tvb: Tvb, pinfo: PacketInfo, tree: FieldNode | null): number {
  leaveOutIfQuotedPortsCut('tcp', tvb, pinfo, tree);
  const sport = tvb.u16(0);
  const dport = tvb.u16(2);
  const cols = pinfo.cols;
  cols.setProtocol('TCP');
  cols.clearInfo();
  // Formatted only if read (null when the session has no columns).
  const infoText = TransportInfoText.begin(cols, sport, dport);
  const full = tree?.ctx.full ?? false;
  const ti = tree ? tree.addProtocolIfKept(hfTcp, tvb, 0, -1) : null;
  const t = ti;
  pinfo.tcpTree = t;
  // The header fields, skipped whole by a tree pruned to others (-e tcp.stream).
  const h = t !== null && t.ctx.keepsGroup(tcpHeaderFields) ? t : null;
  if (t && full) t.appendText(`, Src Port: ${sport}, Dst Port: ${dport}`);
  h?.add(tcpFields.srcport, tvb, 0, 2, sport);
  h?.add(tcpFields.dstport, tvb, 2, 2, dport);
  h?.addHidden(tcpFields.port, tvb, 0, 2, sport);
  h?.addHidden(tcpFields.port, tvb, 2, 2, dport);
  // The TCP header quoted in an ICMPv4 error may stop after the sequence number.
  const layers = pinfo.layers;
  const icmpIp = pinfo.inErrorPacket && layers[layers.length - 2] === 'ip' && layers[layers.length - 3] === 'icmp';
  if (icmpIp) h?.add(tcpFields.seq, tvb, 4, 4, tvb.u32(4));
  pinfo.ptype = PortType.TCP;
  pinfo.srcport = sport;
  pinfo.dstport = dport;
  const rawSeq = tvb.u32(4);
  let seq = rawSeq;
  const rawAck = tvb.u32(8);
  let ack = rawAck;
  const offX2 = tvb.u8(12);
  const flags = tvb.u16(12) & TH.MASK;
  let win = tvb.u16(14);
  const realWindow = win;
  const hlen = (offX2 >> 4) * 4;

  // tcp.relative_sequence_numbers: numbers counted from the connection's first (the default), or as sent.
  const relative = pinfo.session.pref('tcp.relative_sequence_numbers', true);
  const conversations = pinfo.session.conversations;
  let conv = conversations.find(pinfo.num, ConversationType.TCP, pinfo.src, pinfo.dst, sport, dport);
  let isNew = false;
  if (!conv) {
    conv = conversations.create(pinfo.num, ConversationType.TCP, pinfo.src, pinfo.dst, sport, dport);
    isNew = true;
  }
  let tcpd = conversationData(conv, pinfo);
  currentFlow = tcpd;
  if (!pinfo.visited && (isNew || flags & TH.SYN)) pinfo.revisitChangesState = true;
  if ((flags & (TH.SYN | TH.ACK)) === TH.SYN) {
    if (tcpd.fwd.staticFlags & StaticFlag.BASE_SEQ_SET) {
      if (seq !== tcpd.fwd.baseSeq) {
        if (!pinfo.visited) {
          conv = conversations.create(pinfo.num, ConversationType.TCP, pinfo.src, pinfo.dst, sport, dport);
          tcpd = conversationData(conv, pinfo);
          currentFlow = tcpd;
          if (!tcpd.ta) tcpd.getAcked(pinfo.num, seq, ack, true);
          tcpd.ta!.flags |= 0x2000;
          tcpd.completeness = 1;
        }
      } else if (!pinfo.visited) {
        tcpd.fwd.nextseq = tcpd.fwd.maxseqtobeacked;
        if (!tcpd.ta) tcpd.getAcked(pinfo.num, seq, ack, true);
      }
    }
    tcpd.hadAccEcnSetupSyn = (flags & (TH.AE | TH.CWR | TH.ECE)) === (TH.AE | TH.CWR | TH.ECE);
  }
  if ((flags & (TH.SYN | TH.ACK)) === (TH.SYN | TH.ACK)) {
    if (tcpd.fwd.staticFlags & StaticFlag.BASE_SEQ_SET && seq !== tcpd.fwd.baseSeq) {
      tcpd.fwd.baseSeq = seq;
      if (!tcpd.ta) tcpd.getAcked(pinfo.num, seq, ack, true);
      tcpd.ta!.flags |= 0x2000;
    }
    tcpd.hadAccEcnSetupSynAck = (flags & (TH.AE | TH.CWR)) === TH.CWR || (flags & (TH.AE | TH.ECE)) === TH.AE;
  }
  t?.addGenerated(tcpFields.stream, tvb, 0, 0, tcpd.stream);
  h?.addGenerated(tcpFields.completeness, null, 0, 0, tcpd.completeness);
  tcpd.fwd.numSackRanges = 0;

  // Per-stream times since the first and the previous frame (the delta kept per frame for later passes).
  const { relSec, relNsec, deltaSec, deltaNsec } = tcpd.tick(pinfo, 'tcp.ts_delta');

  const reportedLen = tvb.reported;
  let haveSeglen = false;
  let seglen = 0;
  let nxtseq = 0;
  if (!pinfo.fragmented && !pinfo.inErrorPacket) {
    if (reportedLen < hlen) {
      pinfo.addExpertItem(t, tcpExpert.shortSegment, tvb, 0, 0, 'Short segment. Segment/fragment does not contain a full TCP header (might be NMAP or someone else deliberately sending unusual packets)');
    } else {
      seglen = reportedLen - hlen;
      haveSeglen = true;
      h?.addGenerated(tcpFields.len, tvb, 0, 0, seglen);
      if (!pinfo.visited) {
        const fwd = tcpd.fwd;
        if (!(fwd.staticFlags & StaticFlag.BASE_SEQ_SET)) {
          if (flags & TH.SYN) {
            fwd.baseSeq = seq;
            fwd.staticFlags |= flags & TH.ACK ? StaticFlag.SAW_SYNACK : StaticFlag.SAW_SYN;
          } else {
            fwd.baseSeq = u32(seq - 1);
          }
          fwd.staticFlags |= StaticFlag.BASE_SEQ_SET;
        }
        if (!(tcpd.rev.staticFlags & StaticFlag.BASE_SEQ_SET) && flags & TH.ACK) {
          tcpd.rev.baseSeq = u32(ack - 1);
          tcpd.rev.staticFlags |= StaticFlag.BASE_SEQ_SET;
        }
        analyzeSequenceNumber(pinfo, seq, ack, seglen, flags, win, tcpd);
      }
      if (relative) {
        seq = u32(seq - tcpd.fwd.baseSeq);
        if (flags & TH.ACK) ack = u32(ack - tcpd.rev.baseSeq);
      }
      if (!(flags & TH.SYN) && tcpd.fwd.winScale >= 0) win <<= tcpd.fwd.winScale; // at most 65535 << 14: stays a small integer
      nxtseq = u32(seq + seglen);
    }
  }

  infoText?.header(flagsToStr(flags), seq, flags & TH.ACK ? ack : -1, win);
  if (t && full) t.appendText(`, Seq: ${seq}`);
  if (!icmpIp && h) {
    const seqItem = h.add(tcpFields.seq, tvb, 4, 4, seq);
    if (full && relative) seqItem.setValueText(`${seq}    (relative sequence number)`);
    const rawItem = h.add(tcpFields.seqRaw, tvb, 4, 4, rawSeq);
    if (!relative) rawItem.setHidden();
  }
  if (hlen < 20) {
    cols.appendInfo(`, bogus TCP header length (${hlen}, must be at least 20)`);
    const item = h ? h.add(tcpFields.hdrLen, tvb, 12, 1, hlen).setText(`${(hlen >> 2).toString(2).padStart(4, '0')} .... = Header Length: ${hlen} bytes (${hlen >> 2})`) : null;
    pinfo.expert(item, tcpExpert.bogusHeaderLength, `Bogus TCP header length (${hlen}, must be at least 20)`);
    return 12;
  }

  let completeness = 0;
  if (isNew) {
    if ((flags & (TH.SYN | TH.ACK)) === TH.SYN) {
      completeness |= Completeness.SYNSENT;
      if (seglen > 0) completeness |= Completeness.DATA;
    }
  } else {
    if (!pinfo.visited && pinfo.num > conv.lastFrame) conv.lastFrame = pinfo.num;
    completeness = tcpd.completeness;
    if ((flags & (TH.SYN | TH.ACK)) === (TH.SYN | TH.ACK)) completeness |= Completeness.SYNACK;
    if ((flags & (TH.SYN | TH.ACK)) === TH.ACK) completeness |= seglen > 0 ? Completeness.DATA : Completeness.ACK;
    if ((flags & (TH.FIN | TH.ACK)) === (TH.FIN | TH.ACK)) completeness |= Completeness.FIN;
    if (flags & TH.RST) completeness |= Completeness.RST;
  }
  tcpd.completeness = completeness;

  if (t && full) {
    if (flags & TH.ACK) t.appendText(`, Ack: ${ack}`);
    if (haveSeglen) t.appendText(`, Len: ${seglen}`);
  }
  ti?.setLength(hlen);
  if (haveSeglen && h) {
    const n = flags & (TH.SYN | TH.FIN) ? u32(nxtseq + 1) : nxtseq;
    const nxtseqItem = h.addGenerated(tcpFields.nxtseq, tvb, 0, 0, n);
    if (full && relative) nxtseqItem.setValueText(`${n}    (relative sequence number)`);
  }
  const ackItem = h ? h.add(tcpFields.ack, tvb, 8, 4, ack) : null;
  const ackRawItem = h ? h.add(tcpFields.ackRaw, tvb, 8, 4, rawAck) : null;
  if (flags & TH.ACK) {
    if (relative) ackItem?.appendText('    (relative ack number)');
    else ackRawItem?.setHidden();
    if (flags & TH.SYN) {
      if ((relative ? ack : u32(ack - tcpd.rev.baseSeq)) > 1) pinfo.expert(ackItem, tcpExpert.tfoAck);
      else if (tcpd.tfoSynData) pinfo.expert(ackItem, tcpExpert.tfoIgnored);
    }
  } else if (rawAck !== 0) {
    pinfo.expert(ackItem, tcpExpert.ackNonzero);
  }
  const flagsStr = flagsToStr(flags);
  let synItem: FieldNode | null = null, finItem: FieldNode | null = null, rstItem: FieldNode | null = null;
  let flagsItem: FieldNode | null = null;
  let flagsStrItem: FieldNode | null = null;
  if (h) {
    const hdrLenItem = h.add(tcpFields.hdrLen, tvb, 12, 1, hlen);
    flagsItem = h.add(tcpFields.flags, tvb, 12, 2, flags);
    if (full) {
      hdrLenItem.setText(`${(hlen >> 2).toString(2).padStart(4, '0')} .... = Header Length: ${hlen} bytes (${hlen >> 2})`);
      flagsItem.setText(`Flags: 0x${flags.toString(16).padStart(3, '0')} (${flagsStr})`);
    }
    const ft = flagsItem;
    ft.add(tcpFields.flagsRes, tvb, 12, 1, (flags >> 9) & 7);
    ft.add(tcpFields.flagsAe, tvb, 12, 1, (flags >> 8) & 1);
    ft.add(tcpFields.flagsCwr, tvb, 13, 1, (flags >> 7) & 1);
    ft.add(tcpFields.flagsEce, tvb, 13, 1, (flags >> 6) & 1);
    ft.add(tcpFields.flagsUrg, tvb, 13, 1, (flags >> 5) & 1);
    ft.add(tcpFields.flagsAck, tvb, 13, 1, (flags >> 4) & 1);
    ft.add(tcpFields.flagsPush, tvb, 13, 1, (flags >> 3) & 1);
    rstItem = ft.add(tcpFields.flagsReset, tvb, 13, 1, (flags >> 2) & 1);
    synItem = ft.add(tcpFields.flagsSyn, tvb, 13, 1, (flags >> 1) & 1);
    finItem = ft.add(tcpFields.flagsFin, tvb, 13, 1, flags & 1);
    flagsStrItem = ft.addGenerated(tcpFields.flagsStr, tvb, 12, 2, flagsFirstLetters(flags));
    h.add(tcpFields.windowSizeValue, tvb, 14, 2, realWindow);
    h.addGenerated(tcpFields.windowSize, tvb, 14, 2, win);
    if (!(flags & TH.SYN)) {
      const ws = tcpd.fwd.winScale;
      if (ws === -1) h.addGenerated(tcpFields.windowSizeScalefactor, tvb, 14, 2, -1).setValueText('-1 (unknown)');
      else if (ws === -2) h.addGenerated(tcpFields.windowSizeScalefactor, tvb, 14, 2, -2).setValueText('-2 (no window scaling used)');
      else h.addGenerated(tcpFields.windowSizeScalefactor, tvb, 14, 2, 1 << ws);
    }
  }
  if (flags & TH.SYN) {
    if (flags & TH.ACK) {
      pinfo.expert(synItem, tcpExpert.connectionSynack, `Connection establish acknowledge (SYN+ACK): server port ${sport}`);
      tcpd.serverPort = sport;
    } else {
      pinfo.expert(synItem, tcpExpert.connectionSyn, `Connection establish request (SYN): server port ${dport}`);
      tcpd.serverPort = dport;
      tcpd.mruSynSec = pinfo.raw.tsSec;
      tcpd.mruSynNsec = pinfo.raw.tsNsec;
    }
    if (!pinfo.visited && tcpd.fwd.maxnextseq === 0) tcpd.fwd.maxnextseq = u32(seq + 1);
    tcpd.fwd.isFirstAck = true;
  }
  if (flags & TH.FIN) {
    pinfo.expert(finItem, tcpExpert.connectionFin);
    if (!tcpd.rev.closingInitiator) {
      tcpd.fwd.closingInitiator = true;
      pinfo.expert(flagsStrItem, tcpExpert.finActive);
    } else {
      pinfo.expert(flagsStrItem, tcpExpert.finPassive);
    }
  }
  if (flags & TH.RST) pinfo.expert(rstItem, tcpExpert.connectionRst);
  if ((flags & (TH.SYN | TH.ACK)) === TH.ACK && (tcpd.mruSynSec || tcpd.mruSynNsec) && !tcpd.firstRttSec && !tcpd.firstRttNsec) {
    [tcpd.firstRttSec, tcpd.firstRttNsec] = timeDelta(pinfo.raw.tsSec, pinfo.raw.tsNsec, tcpd.mruSynSec, tcpd.mruSynNsec);
  }
  if ((flags & (TH.SYN | TH.ACK)) === TH.ACK && tcpd.fwd.isFirstAck) tcpd.fwd.isFirstAck = false;

  pinfo.canDesegment = 0;
  const sum = tvb.u16(16);
  let desegmentOk = false;
  // Checksums are verified only when asked (tcp.check_checksum, off as in Wireshark); a complete segment may be reassembled.
  const computed = !pinfo.fragmented && tvb.has(0, reportedLen) && pinfo.session.pref('tcp.check_checksum', false)
    ? pseudoHeaderChecksum(pinfo, 6, reportedLen, tvb.view(0, reportedLen))
    : null;
  if (computed !== null) {
    desegmentOk = verifyTcpChecksum(pinfo, h, tvb, sum, computed, infoText);
  } else {
    if (!pinfo.fragmented && tvb.has(0, reportedLen)) desegmentOk = true;
    if (h) {
      const sumItem = h.add(tcpFields.checksum, tvb, 16, 2, sum);
      if (full) sumItem.setValueText(`0x${sum.toString(16).padStart(4, '0')} [unverified]`);
      h.addGenerated(tcpFields.checksumStatus, tvb, 16, 0, 2);
    }
  }
  if (desegmentOk && !pinfo.inErrorPacket && pinfo.session.pref('tcp.desegment_tcp_streams', true)) pinfo.canDesegment = 2;
  const urp = tvb.u16(18);
  const urpItem = h ? h.add(tcpFields.urgentPointer, tvb, 18, 2, urp) : null;
  if (flags & TH.URG) {
    infoText?.urgent(urp);
  } else if (urp) {
    pinfo.expert(urpItem, tcpExpert.urgentPointerNonZero);
  }
  if (haveSeglen) infoText?.length(seglen);

  const optlen = hlen - 20;
  let optionsItem: FieldNode | null = null;
  if (optlen !== 0 && t) {
    const bc = tvb.remaining(20);
    const n = bc < optlen ? bc : optlen;
    // The bytes only for a tree that keeps them; otherwise the item just holds the options' subtrees.
    optionsItem = t.add(tcpFields.options, tvb, 20, n, t.ctx.keeps(tcpFields.options) ? tvb.view(20, n) : null);
    if (full) optionsItem.setText(`Options: (${optlen} bytes)`);
  }
  // Stream-relative timestamps (tcp.calculate_timestamps, on by default).
  if (t && (t.ctx.interest === null || t.ctx.keeps(tcpFields.timeRelative) || t.ctx.keeps(tcpFields.timeDelta)) && pinfo.session.pref('tcp.calculate_timestamps', true)) {
    const ts = t.addText(tvb, 0, 0, 'Timestamps').setGenerated();
    ts.addGenerated(tcpFields.timeRelative, tvb, 0, 0, { sec: relSec, nsec: relNsec });
    ts.addGenerated(tcpFields.timeDelta, tvb, 0, 0, { sec: deltaSec, nsec: deltaNsec });
  }
  if (optlen) dissectTcpOptions(tvb, 20, optlen, pinfo, optionsItem, optionsItem, headerInfo(flags, ack, relative, infoText), tcpd);
  {
    // Recover absolute numbers (as Wireshark does, whether or not they were made relative).
    const useSeq = relative ? u32(seq + tcpd.fwd.baseSeq) : seq;
    const useAck = relative && flags & TH.ACK ? u32(ack + tcpd.rev.baseSeq) : ack;
    printSequenceNumberAnalysis(pinfo, tvb, t, tcpd, useSeq, useAck);
  }
  if (!pinfo.visited && flags & TH.SYN) {
    const isSynAck = (flags & TH.ACK) === TH.ACK;
    if (tcpd.fwd.winScale === -1) {
      tcpd.fwd.winScale = -2;
      tcpd.rev.winScale = -2;
    } else if (isSynAck && tcpd.rev.winScale === -2) {
      tcpd.fwd.winScale = -2;
    }
  }

  const offset = hlen;
  const capturedRemaining = tvb.remaining(offset);
  if (haveSeglen && pinfo.session.taps.has('tcp.follow')) {
    const data: TcpFollowData = { stream: tcpd.stream, seq, ack, seglen, flags, payload: tvb.view(offset, capturedRemaining) };
    pinfo.tap('tcp.follow', data);
  }
  if (pinfo.visited && pinfo.session.transportOnly) return tvb.length;
  // What the payload's dissector is told (struct tcpinfo); a segment without payload or FIN needs none.
  if (capturedRemaining === 0 && !(haveSeglen && flags & TH.FIN)) return tvb.length;
  const tcpinfo: TcpInfo = { seq, nxtseq, lastackseq: ack, isReassembled: false, flags, urgentPointer: flags & TH.URG ? urp : 0, stream: tcpd.stream, conversation: tcpd.conversation, srcport: sport, dstport: dport };
  if (haveSeglen && flags & TH.FIN && pinfo.canDesegment && tcpd.fwd.flags & 1) {
    if (reassembleUntilFin(tvb, offset, pinfo, tree, t, tcpd, seq, seglen, sport, dport, tcpinfo)) return tvb.length;
  }
  if (capturedRemaining !== 0) {
    if (flags & TH.RST) {
      t?.addItem(tcpFields.resetCause, tvb, offset, capturedRemaining);
    } else {
      const s = flags & TH.SYN ? u32(seq + 1) : seq;
      const n = flags & TH.SYN ? u32(nxtseq + 1) : nxtseq;
      const nbytes = tvb.reportedRemaining(offset);
      const payloadItem = t && t.ctx.keeps(tcpFields.payload) ? t.add(tcpFields.payload, tvb, offset, capturedRemaining, tvb.view(offset, capturedRemaining)) : null;
      if (full) payloadItem?.setText(`TCP payload (${nbytes} byte${plural(nbytes)})`);
      if (pinfo.canDesegment) {
        desegmentTcp(tvb, pinfo, offset, s, n, sport, dport, tree, t, tcpd, tcpinfo);
      } else {
        const saveFragmented = pinfo.fragmented;
        pinfo.fragmented = true;
        decodeTcpPorts(tvb, offset, pinfo, tree, sport, dport, tcpd, tcpinfo);
        pinfo.fragmented = saveFragmented;
      }
    }
  }
  return tvb.length;
}

export const tcpDissector = makeDissector('tcp', 'TCP', dissectTcp);
defaultRegistry.addUint('ip.proto', 6, tcpDissector);
