import type { FieldNode } from '../fields/field-node.js';
import type { Address } from '../dissection/address.js';
import { ConversationType } from '../dissection/conversation-table.js';
import { ReassemblyError } from '../dissection/dissector-errors.js';
import type { PacketInfo, PortType } from '../dissection/packet-info.js';
import type { Tvb } from '../dissection/tvb.js';
import { dataDissector } from '../link/data.js';
import { FragmentHead } from '../reassembly/fragment-head.js';
import { showFragmentTree } from '../reassembly/fragment-tree.js';
import { frameSliceOffset, reassembledBytes } from '../reassembly/reassembled-bytes.js';
import { FLOW_REASSEMBLE_UNTIL_FIN, MspFlag, MultisegmentPdu, TA, type TcpAnalysis, type TcpFlow } from './tcp-conversation.js';
import { tcpExpert, tcpFields, tcpSegmentFields } from './tcp-fields.js';
import { DESEGMENT_ONE_MORE_SEGMENT, DESEGMENT_UNTIL_FIN, type TcpInfo } from './tcp-info.js';
import { gtSeq, leSeq, ltSeq, u32 } from './tcp-seq.js';

interface Endpoint {
  src: Address;
  dst: Address;
  ptype: PortType;
  srcport: number;
  dstport: number;
}

function saveEndpoint(p: PacketInfo): Endpoint {
  return { src: p.src, dst: p.dst, ptype: p.ptype, srcport: p.srcport, dstport: p.dstport };
}

function restoreEndpoint(p: PacketInfo, e: Endpoint): void {
  p.src = e.src;
  p.dst = e.dst;
  p.ptype = e.ptype;
  p.srcport = e.srcport;
  p.dstport = e.dstport;
}

function plural(n: number): string {
  return n === 1 ? '' : 's';
}

/** Session-wide accounting of bytes held in TCP reassembly (the total cap). */
export interface TcpReassemblyBudget {
  total: number;
  dropped: number;
}

/**
 * fragment_add / fragment_add_out_of_order for the PDU `msp`: the
 * already-added guard on the first pass, the "was it completed" answer on
 * later passes.
 */
function fragmentAdd(pinfo: PacketInfo, msp: MultisegmentPdu, bytes: Uint8Array, fragOffset: number, moreFrags: boolean, fragFrame = pinfo.num, src = frameSliceOffset(pinfo, bytes)): FragmentHead | null {
  let head = msp.head;
  const len = bytes.length;
  if (!pinfo.visited) {
    if (head && fragFrame <= head.frame) {
      if (head.hasPiece(fragFrame, fragOffset)) {
        if (head.defragmented) throw new ReassemblyError('Frame already added in first pass');
        return null;
      }
    }
  } else {
    if (head && head.defragmented) {
      if (fragFrame > head.frame) throw new ReassemblyError('New fragment overlaps old data (retransmission?)');
      if (fragOffset + len > head.datalen) {
        throw new ReassemblyError(fragOffset >= head.datalen ? 'New fragment past old data limits' : 'New fragment overlaps old data (retransmission?)');
      }
      if (head.data === null && head.reassembledIn === pinfo.num) {
        reassembledBytes(pinfo, head, () => pinfo.expert(pinfo.tcpTree, tcpExpert.limitReached, 'Reassembled data could not be read again from the capture; missing bytes shown as zeros'));
      }
      return head;
    }
    return null;
  }
  const budget = budgetOf(pinfo);
  const limits = pinfo.session.limits;
  const overFlow = (head?.pendingBytes ?? 0) + len > limits.tcpReassemblyBytesPerFlow;
  if (overFlow || budget.total + len > limits.tcpReassemblyBytesTotal) {
    // Over the cap: this PDU will not be reassembled.
    budget.dropped++;
    msp.flags |= MspFlag.OVER_LIMIT;
    noteReassemblyLimit(pinfo, overFlow);
    return null;
  }
  if (!head) head = msp.head = new FragmentHead();
  const before = head.pendingBytes;
  // The PDU's expected size (nxtpdu), so in-order segments fill one store instead of a doubling one.
  const done = head.addWork(bytes, fragOffset, moreFrags, fragFrame, pinfo.num, src, u32(msp.nxtpdu - msp.seq));
  budget.total += head.pendingBytes - before;
  // A session that can read frames again drops these bytes once the PDU is finished (releaseFinishedPdus).
  if (done && pinfo.session.frameBytes) (msp.flow.heldPdus ??= []).push(msp);
  return done ? head : null;
}

/** All of the PDU's segments are in and its stream has moved past it: its bytes will not be read again on this pass. */
function finished(msp: MultisegmentPdu): boolean {
  return (msp.flags & MspFlag.GOT_ALL_SEGMENTS) !== 0 && leSeq(msp.nxtpdu, msp.flow.maxnextseq);
}

/**
 * tcp.segment_data, "TCP segment data (n bytes)": its view and label only for a
 * tree that keeps it (every data segment has one), bounds-checked either way.
 */
function addSegmentData(tcpTree: FieldNode | null, tvb: Tvb, offset: number, nbytes: number, what: string): void {
  if (tcpTree === null) return;
  const len = Math.min(nbytes, tvb.remaining(offset));
  if (!tcpTree.ctx.keeps(tcpFields.segmentData)) {
    tvb.check(offset, len);
    return;
  }
  const item = tcpTree.add(tcpFields.segmentData, tvb, offset, nbytes, tvb.view(offset, len));
  if (tcpTree.ctx.full) item.setText(`${what} (${nbytes} byte${plural(nbytes)})`);
}

/**
 * After a frame of `tcpd`: drop the bytes of its held PDUs that are finished
 * (all segments in, and the stream past them), so a browsed capture does not
 * keep a second copy of its payload; a revisit rebuilds them from the
 * segments' frames. A PDU that may still grow (partial reassembly) keeps them.
 */
export function releaseFinishedPdus(tcpd: TcpAnalysis): void {
  releaseFinishedPdusOf(tcpd.flow1);
  releaseFinishedPdusOf(tcpd.flow2);
}

function releaseFinishedPdusOf(flow: TcpFlow): void {
  const held = flow.heldPdus;
  if (held === null) return;
  let keep = 0;
  for (const msp of held) {
    const head = msp.head;
    if (!head || head.data === null) continue;
    if (finished(msp) && head.releaseRebuildable()) continue;
    held[keep++] = msp;
  }
  held.length = keep;
}

/** Frame-data key: the reassembly limit message this frame raised (shown again on later passes). */
const LIMIT_KEY = 'tcp.reassembly-limit';

/** First pass: a segment of this frame was not buffered because of a reassembly limit; say which, once per frame. */
function noteReassemblyLimit(pinfo: PacketInfo, perFlow: boolean): void {
  if (pinfo.getFrameData<string>(LIMIT_KEY) !== undefined) return;
  const limits = pinfo.session.limits;
  const limit = perFlow ? `tcpReassemblyBytesPerFlow=${limits.tcpReassemblyBytesPerFlow}` : `tcpReassemblyBytesTotal=${limits.tcpReassemblyBytesTotal}`;
  const message = `Reassembly memory limit reached (${limit}); data not reassembled`;
  pinfo.setFrameData(LIMIT_KEY, message);
  pinfo.expert(pinfo.tcpTree, tcpExpert.limitReached, message);
}

function pduStore(pinfo: PacketInfo, tcpd: TcpAnalysis, seq: number, nxtpdu: number): MultisegmentPdu {
  const msp = new MultisegmentPdu(u32(seq), u32(nxtpdu), pinfo.num, pinfo.raw.tsSec, pinfo.raw.tsNsec, tcpd.fwd);
  tcpd.fwd.msps.insert(msp.seq, msp);
  return msp;
}

/** Highest contiguous sequence number reachable in `msp` starting from `maxnextseq`. */
function findMaxnextseq(msp: MultisegmentPdu, maxnextseq: number): number {
  const head = msp.head;
  const start = u32(maxnextseq - msp.seq);
  return u32((head ? head.reachFrom(start) : start) + msp.seq);
}

/** msp_add_out_of_order: move now-contiguous out-of-order segments onto the PDU. */
function mspAddOutOfOrder(pinfo: PacketInfo, msp: MultisegmentPdu | undefined, tcpd: TcpAnalysis, seq: number): MultisegmentPdu | undefined {
  const fwd = tcpd.fwd;
  let unfinished = !!msp && !(msp.flags & MspFlag.GOT_ALL_SEGMENTS);
  if (msp) {
    const m = findMaxnextseq(msp, fwd.maxnextseq);
    if (leSeq(fwd.maxnextseq, m)) fwd.maxnextseq = m;
  }
  // Taken off the front together at the end.
  const ooo = fwd.hasOoo ? fwd.ooo : null;
  let taken = 0;
  while (ooo !== null && taken < ooo.length) {
    const fd = ooo.at(taken);
    if (ltSeq(fwd.maxnextseq, fd.seq)) break;
    fwd.maxnextseq = u32(fd.seq + fd.len);
    const data = fd.data ?? new Uint8Array(fd.len);
    const src = fd.data ? fd.src : -1;
    if (unfinished && msp) {
      if (ltSeq(msp.nxtpdu, u32(fd.seq + fd.len))) msp.nxtpdu = u32(fd.seq + fd.len);
      fragmentAdd(pinfo, msp, data, u32(fd.seq - msp.seq), msp.nxtpdu !== 0, fd.frame, src);
    } else {
      msp = pduStore(pinfo, tcpd, seq, u32(fd.seq + fd.len));
      fragmentAdd(pinfo, msp, data, u32(fd.seq - msp.seq), msp.nxtpdu !== 0, fd.frame, src);
      unfinished = true;
    }
    fwd.maxnextseq = findMaxnextseq(msp, fwd.maxnextseq);
    fwd.bufferedBytes -= fd.len;
    budgetOf(pinfo).total -= fd.len;
    taken++;
  }
  if (taken > 0) ooo!.dropFirst(taken);
  return msp;
}

/** split_msp: the PDU ended inside the reassembly; what follows becomes a new PDU. */
function splitMsp(pinfo: PacketInfo, msp: MultisegmentPdu, tcpd: TcpAnalysis): MultisegmentPdu {
  const head = msp.head!;
  const split = pinfo.desegmentOffset;
  let firstFrame = 0;
  let lastFrame = 0;
  let firstIdx = -1;
  let i = 0;
  for (; i < head.count; i++) {
    const f = head.piece(i);
    if (f.offset >= split) break;
    if (lastFrame < f.frame) lastFrame = f.frame;
    if (f.offset + f.len >= split) {
      if (firstIdx < 0) {
        firstIdx = i;
        firstFrame = f.frame;
      } else if (f.frame < firstFrame) firstFrame = f.frame;
    }
  }
  for (; i < head.count; i++) {
    const f = head.piece(i);
    if (split <= f.offset + f.len && f.frame < firstFrame) firstFrame = f.frame;
  }
  const newSeq = u32(msp.seq + split);
  const newmsp = pduStore(pinfo, tcpd, newSeq, u32(newSeq + 1));
  newmsp.firstFrame = firstFrame;
  newmsp.nxtpdu = msp.nxtpdu;
  const data = head.data!;
  for (let k = Math.max(0, firstIdx); k < head.count; k++) {
    const f = head.piece(k);
    let off = f.offset;
    let len = f.len;
    if (split < off + len) {
      if (off < split) {
        len -= split - off;
        off = split;
      }
      fragmentAdd(pinfo, newmsp, data.subarray(off, off + len), off - split, true, f.frame, f.src < 0 ? -1 : f.src + (off - f.offset));
    }
  }
  head.truncate(split);
  msp.nxtpdu = u32(msp.seq + split);
  return newmsp;
}

function budgetOf(pinfo: PacketInfo): TcpReassemblyBudget {
  return pinfo.session.state<TcpReassemblyBudget>('tcp.budget', () => ({ total: 0, dropped: 0 }));
}

/**
 * One-pass mode: PDUs that are complete and behind the stream's contiguous
 * end will not be looked up again, so their buffers go. The newest stays,
 * as "PDU starting at or before this sequence number" lookups need it.
 */
export function pruneStreamingFlow(flow: TcpFlow): void {
  const tree = flow.mspsIfAny;
  if (tree === null || tree.size === 0) return;
  const newest = tree.lookupLe(0xffffffff)!;
  if (tree.size >= 8) {
    tree.pruneBefore((msp) => {
      const keep = msp === newest || !finished(msp);
      if (!keep) msp.head?.release();
      return keep;
    });
  }
  // The newest stays for lookups, but a finished PDU's bytes are not read again:
  // without this every connection kept its last reassembled PDU until the end.
  if (newest.head?.data && finished(newest)) newest.head.release();
}

/** "[n Reassembled TCP Segments (x bytes): #1(..), #2(..)]" placed right after the TCP tree (print_tcp_fragment_tree). */
function printTcpFragmentTree(head: FragmentHead, tree: FieldNode | null, pinfo: PacketInfo, next: Tvb): void {
  showFragmentTree(head, tcpSegmentFields, tree, pinfo, next);
  if (tree === null) return;
  const kids = tree.children;
  const top = kids?.[kids.length - 1];
  // tshark leaves it after the PDU in a tree built without labels for statistics only (-z io,phs).
  const statisticsOnly = tree.ctx.interest === null && !tree.ctx.labels;
  if (top?.def === tcpSegmentFields.fragments && pinfo.tcpTree && !statisticsOnly) top.moveAfter(pinfo.tcpTree);
}

/** decode_tcp_ports: conversation dissector, server port, low port, high port, heuristics, else data. */
export function decodeTcpPorts(tvb: Tvb, offset: number, pinfo: PacketInfo, tree: FieldNode | null, sport: number, dport: number, tcpd: TcpAnalysis | null, tcpinfo: TcpInfo): boolean {
  if (tcpd?.ta && tcpd.ta.flags & TA.KEEP_ALIVE) {
    pinfo.call(dataDissector, tvb.sub(offset), tree);
    return true;
  }
  const next = tvb.sub(offset);
  const registry = pinfo.session.registry;
  // The TCP layer just found (or made) this frame's conversation; it is what a lookup would return.
  const conv = tcpd?.conversation ?? pinfo.session.conversations.find(pinfo.num, ConversationType.TCP, pinfo.src, pinfo.dst, sport, dport);
  if (conv?.dissector && pinfo.num >= conv.dissectorFrame && pinfo.call(conv.dissector, next, tree, tcpinfo)) return true;
  if (tcpd && tcpd.serverPort !== 0 && registry.tryUint('tcp.port', tcpd.serverPort, next, pinfo, tree, tcpinfo)) return true;
  const low = Math.min(sport, dport);
  const high = Math.max(sport, dport);
  if (low !== 0 && low !== tcpd?.serverPort && registry.tryUint('tcp.port', low, next, pinfo, tree, tcpinfo)) return true;
  if (high !== 0 && high !== tcpd?.serverPort && registry.tryUint('tcp.port', high, next, pinfo, tree, tcpinfo)) return true;
  if (registry.tryHeuristics('tcp', next, pinfo, tree, tcpinfo)) return true;
  pinfo.call(dataDissector, next, tree);
  return false;
}

/**
 * desegment_tcp with "reassemble out-of-order segments" on: hands the
 * payload dissector in-order data, collects the segments of PDUs it says
 * continue (desegment_offset/len), calls it again with the reassembled
 * buffer on the frame whose segment completes the PDU, and keeps segments
 * that arrive after a gap until the gap fills.
 */
export function desegmentTcp(tvb: Tvb, pinfo: PacketInfo, offset: number, seq: number, nxtseq: number, sport: number, dport: number, tree: FieldNode | null, tcpTree: FieldNode | null, tcpd: TcpAnalysis, tcpinfo: TcpInfo): void {
  const cols = pinfo.cols;
  let clearedWritable = cols.writable;
  let firstPdu = true;
  const origEndpoint = saveEndpoint(pinfo);
  let newEndpoint = saveEndpoint(pinfo);
  const fwd = tcpd.fwd;
  const limits = pinfo.session.limits;
  const budget = budgetOf(pinfo);
  seq = u32(seq);
  nxtseq = u32(nxtseq);
  const limitNote = pinfo.visited ? pinfo.getFrameData<string>(LIMIT_KEY) : undefined;
  if (limitNote !== undefined) pinfo.expert(tcpTree, tcpExpert.limitReached, limitNote);

  again: for (;;) {
    let head: FragmentHead | null = null;
    let lastFragmentLen = 0;
    let mustDesegment = false;
    let calledDissector = false;
    let hasGap = false;
    let anotherPduFollows = 0;
    let msp: MultisegmentPdu | undefined;
    pinfo.desegmentOffset = 0;
    pinfo.desegmentLen = 0;
    let desegOffset = offset;

    msp = fwd.msps.lookupLe(seq);
    const hasUnfinished = !!msp && leSeq(msp.seq, seq) && gtSeq(msp.nxtpdu, seq) && !(msp.flags & MspFlag.GOT_ALL_SEGMENTS);
    if (!pinfo.visited && firstPdu) {
      if (fwd.maxnextseq && ltSeq(seq, fwd.maxnextseq) && !hasUnfinished) {
        if (!tcpd.ta) tcpd.getAcked(pinfo.num, seq, tcpinfo.lastackseq, true);
        tcpd.ta!.flags |= TA.OLD_DATA;
        tcpd.ta!.newDataSeq = gtSeq(nxtseq, fwd.maxnextseq) ? fwd.maxnextseq : nxtseq;
      }
    }
    if (tcpd.ta && firstPdu && (tcpd.ta.flags & TA.OLD_DATA) === TA.OLD_DATA) {
      const nbytes = u32(tcpd.ta.newDataSeq - seq);
      addSegmentData(tcpTree, tvb, offset, nbytes, 'Retransmitted TCP segment data');
      offset += nbytes;
      seq = tcpd.ta.newDataSeq;
      firstPdu = false;
      if (tvb.remaining(offset) > 0) continue again;
      break again;
    }

    if (!(fwd.flags & FLOW_REASSEMBLE_UNTIL_FIN)) {
      if (!pinfo.visited) {
        if (fwd.maxnextseq) hasGap = ltSeq(fwd.maxnextseq, seq);
        if (!hasGap) {
          fwd.maxnextseq = nxtseq;
          msp = mspAddOutOfOrder(pinfo, msp, tcpd, seq);
        }
      } else if (fwd.hasOoo && fwd.ooo.holds(pinfo.num, seq, u32(nxtseq - seq))) {
        hasGap = true;
      }
    }

    if (msp && leSeq(msp.seq, seq) && gtSeq(msp.nxtpdu, seq)) {
      if (!pinfo.visited) {
        msp.lastFrame = pinfo.num;
        msp.lastFrameSec = pinfo.raw.tsSec;
        msp.lastFrameNsec = pinfo.raw.tsNsec;
      }
      let len: number;
      if (msp.flags & MspFlag.REASSEMBLE_ENTIRE_SEGMENT) len = tvb.remaining(offset);
      else len = Math.min(u32(nxtseq - seq), u32(msp.nxtpdu - seq));
      lastFragmentLen = len;
      if (!(fwd.flags & FLOW_REASSEMBLE_UNTIL_FIN) && msp.head) {
        const end = u32(seq + len);
        // MAX(seq + len, msp->nxtpdu): a plain maximum of the 32-bit values, so a segment wrapping past 2^32 counts as
        // ending before the PDU's end.
        msp.head.resetTotalLength(u32(Math.max(end, u32(msp.nxtpdu)) - msp.seq));
      }
      head = fragmentAdd(pinfo, msp, tvb.view(offset, len), u32(seq - msp.seq), ltSeq(nxtseq, msp.nxtpdu));
      if (!pinfo.visited && head && msp.flags & MspFlag.REASSEMBLE_ENTIRE_SEGMENT) {
        msp.flags &= ~MspFlag.REASSEMBLE_ENTIRE_SEGMENT;
        if (ltSeq(msp.nxtpdu, nxtseq)) msp.nxtpdu = nxtseq;
      }
      if (!pinfo.visited && head) msp.flags |= MspFlag.GOT_ALL_SEGMENTS;
      if (msp.nxtpdu < nxtseq && msp.nxtpdu >= seq && len > 0) anotherPduFollows = msp.nxtpdu - seq;
    } else if (hasGap) {
      if (!pinfo.visited) {
        pinfo.payloadHeldBack = true;
        const len = u32(nxtseq - seq);
        const overFlow = fwd.bufferedBytes + len > limits.tcpReassemblyBytesPerFlow;
        if (overFlow || budget.total + len > limits.tcpReassemblyBytesTotal) {
          budget.dropped++;
          noteReassemblyLimit(pinfo, overFlow);
        } else {
          const data = tvb.view(offset, len);
          fwd.ooo.insert({ frame: pinfo.num, seq, len, data: data.slice(), src: frameSliceOffset(pinfo, data) });
          fwd.bufferedBytes += len;
          budget.total += len;
        }
      }
      head = null;
    } else {
      tcpinfo.seq = seq;
      decodeTcpPorts(tvb, offset, pinfo, tree, sport, dport, tcpd, tcpinfo);
      if (!(pinfo.desegmentLen && pinfo.desegmentOffset === 0)) newEndpoint = saveEndpoint(pinfo);
      restoreEndpoint(pinfo, origEndpoint);
      calledDissector = true;
      if (pinfo.desegmentLen) {
        mustDesegment = true;
        desegOffset = offset + pinfo.desegmentOffset;
      }
      head = null;
    }

    if (head && head.reassembledIn === pinfo.num && msp) {
      const data = head.data!;
      const next = pinfo.addDataSource('Reassembled TCP', data);
      tcpinfo.seq = msp.seq;
      tcpinfo.isReassembled = true;
      decodeTcpPorts(next, 0, pinfo, tree, sport, dport, tcpd, tcpinfo);
      if (!(pinfo.desegmentLen && pinfo.desegmentOffset === 0)) newEndpoint = saveEndpoint(pinfo);
      restoreEndpoint(pinfo, origEndpoint);
      calledDissector = true;
      if (pinfo.desegmentLen) {
        if (pinfo.desegmentOffset === 0) {
          if (!pinfo.visited) msp.flags &= ~MspFlag.GOT_ALL_SEGMENTS;
          pinfo.dataSources.pop();
          head.setPartialReassembly();
        } else if (leSeq(u32(msp.seq + pinfo.desegmentOffset), seq)) {
          if (!pinfo.visited) msp.flags &= ~MspFlag.GOT_ALL_SEGMENTS;
          head.setPartialReassembly();
        } else {
          if (!pinfo.visited) msp = splitMsp(pinfo, msp, tcpd);
          printTcpFragmentTree(head, tree, pinfo, next);
        }
        if (!pinfo.visited) {
          if (pinfo.desegmentLen === DESEGMENT_ONE_MORE_SEGMENT) {
            const end = u32(seq + tvb.reportedRemaining(offset));
            msp.nxtpdu = u32((end > msp.nxtpdu ? end : msp.nxtpdu) + 1);
            msp.flags |= MspFlag.REASSEMBLE_ENTIRE_SEGMENT;
          } else if (pinfo.desegmentLen === DESEGMENT_UNTIL_FIN) {
            fwd.flags |= FLOW_REASSEMBLE_UNTIL_FIN;
            msp.nxtpdu = u32(msp.seq + 0x40000000);
          } else if (u32(seq + lastFragmentLen) >= msp.nxtpdu) {
            msp.nxtpdu = u32(seq + lastFragmentLen + pinfo.desegmentLen);
          } else {
            msp.nxtpdu = u32(msp.nxtpdu + pinfo.desegmentLen);
          }
        }
        anotherPduFollows = 0;
        offset += lastFragmentLen;
        seq = u32(seq + lastFragmentLen);
        if (tvb.remaining(offset) > 0) continue again;
      } else {
        const nbytes = anotherPduFollows > 0 ? anotherPduFollows : tvb.reportedRemaining(offset);
        addSegmentData(tcpTree, tvb, offset, nbytes, 'TCP segment data');
        printTcpFragmentTree(head, tree, pinfo, next);
      }
    }

    if (mustDesegment) {
      const desegSeq = u32(seq + (desegOffset - offset));
      if (!pinfo.visited) {
        if (pinfo.desegmentLen === DESEGMENT_UNTIL_FIN) fwd.flags |= FLOW_REASSEMBLE_UNTIL_FIN;
        if (u32(nxtseq - desegSeq) <= 1024 * 1024) {
          if (pinfo.desegmentLen === DESEGMENT_ONE_MORE_SEGMENT) {
            msp = pduStore(pinfo, tcpd, desegSeq, u32(nxtseq + 1));
            msp.flags |= MspFlag.REASSEMBLE_ENTIRE_SEGMENT;
          } else if (pinfo.desegmentLen === DESEGMENT_UNTIL_FIN) {
            msp = pduStore(pinfo, tcpd, desegSeq, u32(nxtseq + 0x40000000));
          } else {
            msp = pduStore(pinfo, tcpd, desegSeq, u32(nxtseq + pinfo.desegmentLen));
          }
          fragmentAdd(pinfo, msp, tvb.view(desegOffset, u32(nxtseq - desegSeq)), 0, ltSeq(nxtseq, msp.nxtpdu));
        }
      } else {
        msp = fwd.msps.lookup(desegSeq);
        if (msp) head = msp.head;
      }
    }

    if (!calledDissector || pinfo.desegmentLen !== 0) {
      if (head && head.reassembledIn !== 0 && head.reassembledIn !== pinfo.num && !head.partial) {
        tcpTree?.addGenerated(tcpSegmentFields.reassembledIn, tvb, 0, 0, head.reassembledIn);
      }
      if (pinfo.desegmentOffset === 0) {
        cols.setProtocol('TCP');
        if (firstPdu) cols.appendSepInfo(' ', '[TCP segment of a reassembled PDU]');
      }
      const nbytes = anotherPduFollows ? anotherPduFollows : tvb.reportedRemaining(desegOffset);
      addSegmentData(tcpTree, tvb, desegOffset, nbytes, 'TCP segment data');
    }
    pinfo.canDesegment = 0;
    pinfo.desegmentOffset = 0;
    pinfo.desegmentLen = 0;
    if (anotherPduFollows) {
      pinfo.canDesegment = 2;
      cols.setFence();
      clearedWritable = clearedWritable || cols.protocolWritable;
      cols.protocolWritable = false;
      firstPdu = false;
      offset += anotherPduFollows;
      seq = u32(seq + anotherPduFollows);
      continue again;
    }
    if (clearedWritable) cols.protocolWritable = true;
    break;
  }
  restoreEndpoint(pinfo, newEndpoint);
}

/**
 * The FIN that ends a stream a dissector asked to collect until FIN:
 * finish that reassembly here. Returns true when the payload was handled.
 */
export function reassembleUntilFin(tvb: Tvb, offset: number, pinfo: PacketInfo, tree: FieldNode | null, tcpTree: FieldNode | null, tcpd: TcpAnalysis, seq: number, seglen: number, sport: number, dport: number, tcpinfo: TcpInfo): boolean {
  const fwd = tcpd.fwd;
  if (fwd.fin === 0 || fwd.fin === pinfo.num) {
    fwd.fin = pinfo.num;
    const msp = fwd.msps.lookupLe(u32(seq - 1));
    if (msp) {
      const head = fragmentAdd(pinfo, msp, tvb.view(offset, seglen), u32(seq - msp.seq), false);
      if (head && head.reassembledIn === pinfo.num) {
        const data = head.data!;
        const next = pinfo.addDataSource('Reassembled TCP', data);
        printTcpFragmentTree(head, tree, pinfo, next);
        pinfo.canDesegment = 0;
        decodeTcpPorts(next, 0, pinfo, tree, sport, dport, tcpd, tcpinfo);
        return true;
      }
    }
  } else {
    tcpTree?.add(tcpFields.finRetransmission, tvb, 0, 0, fwd.fin);
  }
  return false;
}
