import type { FieldNode } from '../fields/field-node.js';
import type { PacketInfo } from '../dissection/packet-info.js';
import type { Tvb } from '../dissection/tvb.js';
import { timeDeltaNsec, timeDeltaSec } from '../fields/time-format.js';
import { TA, TH, type TcpAnalysis, type TcpAcked } from './tcp-conversation.js';
import { tcpExpert, tcpFields } from './tcp-fields.js';
import { gtSeq, leSeq, ltSeq, ltUnsigned64, nsBetween, nsSigned, u32 } from './tcp-seq.js';

const TCP_MAX_UNACKED_SEGMENTS = 10000;

/** This frame's analysis record, made on first use (a function, not a closure made per segment). */
function acked(tcpd: TcpAnalysis, num: number, seq: number, ack: number): TcpAcked {
  if (!tcpd.ta) tcpd.getAcked(num, seq, ack, true);
  return tcpd.ta!;
}

/**
 * tcp_analyze_sequence_number: classify this segment (retransmission,
 * out-of-order, lost segment, dup ACK, window events, keep-alive...) from
 * the state of both directions, then update that state. First pass only;
 * the verdict is stored per (frame, seq, ack) for later passes.
 */
export function analyzeSequenceNumber(pinfo: PacketInfo, seq: number, ack: number, seglen: number, flags: number, window: number, tcpd: TcpAnalysis): void {
  const fwd = tcpd.fwd;
  const rev = tcpd.rev;
  const num = pinfo.num;
  const { tsSec, tsNsec } = pinfo.raw;
  if (flags & TH.ACK) rev.validBif = 1;

  finishedFwd: {
    // Zero window probe: next expected byte, peer window 0, exactly one byte.
    if (seglen === 1 && seq === fwd.nextseq && rev.window === 0) {
      acked(tcpd, num, seq, ack).flags |= TA.ZERO_WINDOW_PROBE;
      break finishedFwd;
    }
    if (window === 0 && (flags & (TH.RST | TH.FIN | TH.SYN)) === 0) acked(tcpd, num, seq, ack).flags |= TA.ZERO_WINDOW;
    if (fwd.nextseq && gtSeq(seq, fwd.nextseq) && (flags & TH.RST) === 0) {
      acked(tcpd, num, seq, ack).flags |= TA.LOST_PACKET;
      fwd.validBif = 0;
    }
    if ((seglen === 0 || seglen === 1) && seq === u32(fwd.nextseq - 1) && (flags & (TH.SYN | TH.FIN | TH.RST)) === 0) {
      acked(tcpd, num, seq, ack).flags |= TA.KEEP_ALIVE;
    }
    if (seglen === 0 && window && window !== fwd.window && seq === fwd.nextseq && ack === fwd.lastack && (flags & (TH.SYN | TH.FIN | TH.RST)) === 0) {
      acked(tcpd, num, seq, ack).flags |= TA.WINDOW_UPDATE;
    }
    if (seglen > 0 && rev.winScale !== -1 && (flags & (TH.SYN | TH.FIN | TH.RST)) === 0) {
      const shift = rev.isFirstAck ? 0 : rev.winScale === -2 ? 0 : rev.winScale;
      // A 32-bit shift, as the C code's guint32 (2 ** shift was a call to Math.pow on every data segment).
      const edge = u32(rev.lastack + ((rev.window << shift) >>> 0));
      if (u32(seq + seglen) === edge) acked(tcpd, num, seq, ack).flags |= TA.WINDOW_FULL;
    }
    if (seglen === 0 && window && window === fwd.window && seq === fwd.nextseq && ack === fwd.lastack && rev.lastsegmentflags & TA.KEEP_ALIVE && (flags & (TH.SYN | TH.FIN | TH.RST)) === 0) {
      acked(tcpd, num, seq, ack).flags |= TA.KEEP_ALIVE_ACK;
      break finishedFwd;
    }
    if (seglen === 0 && window === 0 && window === fwd.window && seq === fwd.nextseq && ack === fwd.lastack && rev.lastsegmentflags & TA.ZERO_WINDOW_PROBE && (flags & (TH.SYN | TH.FIN | TH.RST)) === 0) {
      acked(tcpd, num, seq, ack).flags |= TA.ZERO_WINDOW_PROBE_ACK;
      break finishedFwd;
    }
    if (seglen === 0 && window && window === fwd.window && seq === fwd.nextseq && ack === fwd.lastack && (flags & (TH.SYN | TH.FIN | TH.RST)) === 0) {
      fwd.dupacknum = fwd.dupacknum === -1 ? 1 : fwd.dupacknum + 1;
      const ta = acked(tcpd, num, seq, ack);
      ta.flags |= TA.DUPLICATE_ACK;
      ta.dupackNum = fwd.dupacknum;
      ta.dupackFrame = fwd.lastnondupack;
    }
  }
  if (ack !== fwd.lastack) {
    fwd.lastnondupack = num;
    fwd.dupacknum = 0;
  }
  if (rev.maxseqtobeacked && gtSeq(ack, rev.maxseqtobeacked) && (flags & TH.ACK) !== 0) {
    const ta = acked(tcpd, num, seq, ack);
    if (ltSeq(rev.maxseqtobeacked, rev.nextseq)) {
      rev.maxseqtobeacked = rev.nextseq;
      ta.flags |= TA.ACK_LOST_PACKET;
    } else {
      if (rev.dupacknum === 0) ta.flags |= TA.ACK_LOST_PACKET;
      rev.dupacknum = -1;
    }
  }
  checking: if (seglen > 0 || flags & (TH.SYN | TH.FIN)) {
    let seqNotAdvanced = fwd.nextseq !== 0 && ltSeq(seq, fwd.nextseq);
    if (tcpd.ta && tcpd.ta.flags & TA.KEEP_ALIVE) break checking;
    if (seglen > 1 && u32(fwd.nextseq - 1) === seq) seqNotAdvanced = false;
    if (seglen > 0 && rev.lastack && leSeq(u32(seq + seglen), rev.lastack)) {
      acked(tcpd, num, seq, ack).flags |= TA.SPURIOUS_RETRANSMISSION;
      break checking;
    }
    // Fast retransmission takes precedence over out-of-order (tcp_fastrt_precedence).
    const sinceDupAck = nsBetween(tsSec, tsNsec, rev.lastackSec, rev.lastackNsec);
    // dupacknum is unsigned there: the -1 an ACK past unseen segments leaves counts as "at least two".
    if (seqNotAdvanced && (rev.dupacknum === -1 || rev.dupacknum >= 2) && rev.lastack === seq && sinceDupAck < 20_000_000) {
      acked(tcpd, num, seq, ack).flags |= TA.FAST_RETRANSMISSION;
      break checking;
    }
    // Both unsigned there: a first RTT measured backwards (an ACK dated before its SYN) is past every gap.
    const sinceNext = nsSigned(tsSec, tsNsec, fwd.nextseqSec, fwd.nextseqNsec);
    const oooThreshold = tcpd.firstRttSec === 0 && tcpd.firstRttNsec === 0 ? 3_000_000 : tcpd.firstRttNsec + tcpd.firstRttSec * 1e9;
    if (seqNotAdvanced && ltUnsigned64(sinceNext, oooThreshold) && fwd.nextseq !== u32(seq + seglen + (flags & (TH.SYN | TH.FIN) ? 1 : 0))) {
      acked(tcpd, num, seq, ack).flags |= TA.OUT_OF_ORDER;
      break checking;
    }
    if (seqNotAdvanced) {
      const ta = acked(tcpd, num, seq, ack);
      ta.flags |= TA.RETRANSMISSION;
      // The eldest unacked segment is the likeliest original.
      const eldest = fwd.segments.eldest();
      const sentSec = eldest ? eldest.tsSec : fwd.nextseqSec;
      const sentNsec = eldest ? eldest.tsNsec : fwd.nextseqNsec;
      ta.rtoSec = timeDeltaSec(tsSec, tsNsec, sentSec, sentNsec);
      ta.rtoNsec = timeDeltaNsec(tsSec, tsNsec, sentSec, sentNsec);
      ta.rtoFrame = eldest ? eldest.frame : fwd.nextseqframe;
    }
  }
  let nextseq = u32(seq + seglen);
  if ((seglen || flags & (TH.SYN | TH.FIN)) && fwd.segments.length < TCP_MAX_UNACKED_SEGMENTS) {
    if (flags & (TH.SYN | TH.FIN)) nextseq = u32(nextseq + 1);
    fwd.segments.push({ frame: num, seq, nextseq, tsSec, tsNsec });
  }
  if (gtSeq(nextseq, fwd.nextseq) || !fwd.nextseq) {
    if (!tcpd.ta || !(tcpd.ta.flags & TA.ZERO_WINDOW_PROBE)) {
      fwd.nextseq = nextseq;
      fwd.nextseqframe = num;
      fwd.nextseqSec = tsSec;
      fwd.nextseqNsec = tsNsec;
    }
  }
  if (seq === fwd.maxseqtobeacked || !fwd.maxseqtobeacked) {
    if (!tcpd.ta || !(tcpd.ta.flags & TA.ZERO_WINDOW_PROBE)) fwd.maxseqtobeacked = fwd.nextseq;
  }
  fwd.window = window;
  fwd.lastack = ack;
  fwd.lastackSec = tsSec;
  fwd.lastackNsec = tsNsec;
  fwd.lastsegmentflags = tcpd.ta ? tcpd.ta.flags : 0;

  // Drop what this ACK covers in the other direction; the oldest segment it ends exactly gives the RTT.
  const ual = rev.segments.length ? rev.segments.acknowledge(ack) : null;
  if (ual) {
    tcpd.getAcked(num, seq, ack, true);
    const ta = tcpd.ta!;
    ta.frameAcked = ual.frame;
    ta.rttSec = timeDeltaSec(tsSec, tsNsec, ual.tsSec, ual.tsNsec);
    ta.rttNsec = timeDeltaNsec(tsSec, tsNsec, ual.tsSec, ual.tsNsec);
  }

  // Bytes in flight, from the payloads of unacked segments (the default method).
  if (seglen !== 0 && fwd.segments.length && fwd.validBif) {
    let inFlight = fwd.segments.span(fwd.baseSeq);
    if (rev.numSackRanges > 0) {
      let delivered = 0;
      for (let i = 0; i < rev.numSackRanges; i++) delivered = u32(delivered + u32(rev.sackRight[i + 1]! - rev.sackLeft[i + 1]!));
      inFlight = u32(inFlight - delivered);
    }
    if (inFlight > 0 && inFlight < 2000000000) {
      const ta = acked(tcpd, num, seq, ack);
      ta.bytesInFlight = inFlight;
      if (flags & (TH.SYN | TH.FIN)) ta.bytesInFlight = u32(ta.bytesInFlight - 1);
    }
    if (flags & TH.PUSH && !fwd.pushSetLast) {
      fwd.pushBytesSent += seglen;
      fwd.pushSetLast = true;
    } else if (flags & TH.PUSH && fwd.pushSetLast) {
      fwd.pushBytesSent = seglen;
      fwd.pushSetLast = true;
    } else if (fwd.pushSetLast) {
      fwd.pushBytesSent = seglen;
      fwd.pushSetLast = false;
    } else {
      fwd.pushBytesSent += seglen;
    }
    fwd.pushBytesSent = u32(fwd.pushBytesSent);
    acked(tcpd, num, seq, ack).pushBytesSent = fwd.pushBytesSent;
  }
}

/**
 * tcp_print_sequence_number_analysis: the "[SEQ/ACK analysis]" subtree,
 * expert items and the "[TCP Retransmission]"-style Info prefixes.
 */
export function printSequenceNumberAnalysis(pinfo: PacketInfo, tvb: Tvb, tcpTree: FieldNode | null, tcpd: TcpAnalysis, seq: number, ack: number): void {
  if (!tcpd.ta) tcpd.getAcked(pinfo.num, seq, ack, false);
  const ta = tcpd.ta;
  if (!ta) return;
  const tree = tcpTree ? tcpTree.add(tcpFields.analysis, tvb, 0, 0, null).setGenerated() : null;
  if (ta.frameAcked) {
    tree?.addGenerated(tcpFields.analysisAcksFrame, tvb, 0, 0, ta.frameAcked);
    if (ta.rttSec || ta.rttNsec) tree?.addGenerated(tcpFields.analysisAckRtt, tvb, 0, 0, { sec: ta.rttSec, nsec: ta.rttNsec });
  }
  if (tcpd.firstRttSec || tcpd.firstRttNsec) tree?.addGenerated(tcpFields.analysisFirstRtt, tvb, 0, 0, { sec: tcpd.firstRttSec, nsec: tcpd.firstRttNsec });
  if (ta.bytesInFlight) {
    tree?.addGenerated(tcpFields.analysisBytesInFlight, tvb, 0, 0, ta.bytesInFlight);
    tree?.addGenerated(tcpFields.analysisPushBytesSent, tvb, 0, 0, ta.pushBytesSent);
  }
  if (!ta.flags) return;
  const item = tree ? tree.add(tcpFields.analysisFlags, tvb, 0, 0, null).setGenerated() : null;
  const cols = pinfo.cols;
  const f = ta.flags;
  if (f & TA.REUSED_PORTS) {
    pinfo.expert(item, tcpExpert.reusedPorts);
    cols.prependFenceInfo('[TCP Port numbers reused] ');
  }
  if (f & TA.RETRANSMISSION) {
    pinfo.expert(item, tcpExpert.retransmission);
    cols.prependFenceInfo('[TCP Retransmission] ');
    if (ta.rtoSec || ta.rtoNsec) {
      item?.addGenerated(tcpFields.analysisRto, tvb, 0, 0, { sec: ta.rtoSec, nsec: ta.rtoNsec });
      item?.addGenerated(tcpFields.analysisRtoFrame, tvb, 0, 0, ta.rtoFrame);
    }
  }
  if (f & TA.FAST_RETRANSMISSION) {
    pinfo.expert(item, tcpExpert.fastRetransmission);
    pinfo.expert(item, tcpExpert.retransmission);
    cols.prependFenceInfo('[TCP Fast Retransmission] ');
  }
  if (f & TA.SPURIOUS_RETRANSMISSION) {
    pinfo.expert(item, tcpExpert.spuriousRetransmission);
    pinfo.expert(item, tcpExpert.retransmission);
    cols.prependFenceInfo('[TCP Spurious Retransmission] ');
  }
  if (f & TA.OUT_OF_ORDER) {
    pinfo.expert(item, tcpExpert.outOfOrder);
    cols.prependFenceInfo('[TCP Out-Of-Order] ');
  }
  if (f & TA.LOST_PACKET) {
    pinfo.expert(item, tcpExpert.lostPacket);
    cols.prependFenceInfo('[TCP Previous segment not captured] ');
  }
  if (f & TA.ACK_LOST_PACKET) {
    pinfo.expert(item, tcpExpert.ackLostPacket);
    cols.prependFenceInfo('[TCP ACKed unseen segment] ');
  }
  if (f & TA.WINDOW_UPDATE) {
    pinfo.expert(item, tcpExpert.windowUpdate);
    cols.prependFenceInfo('[TCP Window Update] ');
  }
  if (f & TA.WINDOW_FULL) {
    pinfo.expert(item, tcpExpert.windowFull);
    cols.prependFenceInfo('[TCP Window Full] ');
  }
  if (f & TA.KEEP_ALIVE) {
    pinfo.expert(item, tcpExpert.keepAlive);
    cols.prependFenceInfo('[TCP Keep-Alive] ');
  }
  if (f & TA.KEEP_ALIVE_ACK) {
    pinfo.expert(item, tcpExpert.keepAliveAck);
    cols.prependFenceInfo('[TCP Keep-Alive ACK] ');
  }
  if (ta.dupackNum) {
    if (f & TA.DUPLICATE_ACK) {
      item?.add(tcpFields.analysisDuplicateAck, tvb, 0, 0, null).setText('This is a TCP duplicate ack').setGenerated();
      cols.prependFenceInfo(`[TCP Dup ACK ${ta.dupackFrame}#${ta.dupackNum}] `);
    }
    tree?.addGenerated(tcpFields.analysisDuplicateAckNum, tvb, 0, 0, ta.dupackNum);
    const dupItem = tree ? tree.addGenerated(tcpFields.analysisDuplicateAckFrame, tvb, 0, 0, ta.dupackFrame) : null;
    pinfo.expert(dupItem, tcpExpert.duplicateAck, `Duplicate ACK (#${ta.dupackNum})`);
  }
  if (f & TA.ZERO_WINDOW_PROBE) {
    pinfo.expert(item, tcpExpert.zeroWindowProbe);
    cols.prependFenceInfo('[TCP ZeroWindowProbe] ');
  }
  if (f & TA.ZERO_WINDOW) {
    pinfo.expert(item, tcpExpert.zeroWindow);
    cols.prependFenceInfo('[TCP ZeroWindow] ');
  }
  if (f & TA.ZERO_WINDOW_PROBE_ACK) {
    pinfo.expert(item, tcpExpert.zeroWindowProbeAck);
    cols.prependFenceInfo('[TCP ZeroWindowProbeAck] ');
  }
}
