import {
  ConversationType, findLineEnd, makeDissector, readAscii, reportLimit, textLinesDissector, type Dissector, type FieldNode, type PacketInfo, type TcpInfo, type Tvb,
} from '@netdissect/core';
import { imfDissector } from './imf-dissect.js';
import { askForMore, classifySegment } from './smtp-classify.js';
import { processReassembledMessage, SmtpDataReassembly, type ReassembledMessage } from './smtp-data-reassembly.js';
import { hfSmtp, smtpExpert, smtpFields } from './smtp-fields.js';
import { dissectCommands } from './smtp-request.js';
import { dissectReplies } from './smtp-response.js';
import { PduType, SmtpSession, type SmtpFrameData } from './smtp-session.js';
import { dissectAfterStartTls } from './tls-handoff.js';

/** The ports SMTP is registered on in clear text: 25 and submission (587). */
export const SMTP_PORTS: readonly number[] = [25, 587];

const FRAME_KEY = 'smtp';

function reassemblyOf(pinfo: PacketInfo): SmtpDataReassembly {
  const limits = pinfo.session.limits;
  return pinfo.session.state('smtp.data', () => new SmtpDataReassembly({ perMessage: limits.tcpReassemblyBytesPerFlow, total: limits.tcpReassemblyBytesTotal }));
}

const LIMIT_KEY = 'smtp.data-limit';

/** Add this frame's part of the message; a frame that made the message too big to keep says so, on every pass. */
function addToMessage(pinfo: PacketInfo, smtpTree: FieldNode | null, reassembly: SmtpDataReassembly, key: string, id: number, bytes: Uint8Array, moreFrags: boolean): ReassembledMessage | null {
  const dropped = reassembly.dropped;
  const msg = reassembly.add(pinfo, key, id, bytes, moreFrags);
  reportLimit(pinfo, smtpTree, LIMIT_KEY, reassembly.dropped > dropped, smtpExpert.dataLimit, () => {
    const limits = pinfo.session.limits;
    const limit = reassembly.lastLimit === 'perMessage' ? `tcpReassemblyBytesPerFlow=${limits.tcpReassemblyBytesPerFlow}` : `tcpReassemblyBytesTotal=${limits.tcpReassemblyBytesTotal}`;
    return `SMTP message not reassembled: reassembly limit reached (${limit})`;
  });
  return msg;
}

/** The conversation's SMTP state, created with the conversation. */
export function smtpSessionOf(pinfo: PacketInfo): SmtpSession {
  const conv = pinfo.session.conversations.findOrCreate(pinfo.num, ConversationType.TCP, pinfo.src, pinfo.dst, pinfo.srcport, pinfo.dstport);
  let s = conv.data.get('smtp') as SmtpSession | undefined;
  if (!s) conv.data.set('smtp', (s = new SmtpSession(conv.index)));
  return s;
}

/** smtp_data_desegment off: the message body a line at a time as smtp.message (dissect_smtp_data). */
function showBodyLines(tvb: Tvb, tree: FieldNode): void {
  let off = 0;
  while (off < tvb.length) {
    const { next } = findLineEnd(tvb, off);
    tree.add(smtpFields.message, tvb, off, next - off, readAscii(tvb, off, next - off));
    off = next;
  }
}

/**
 * Commands pipelined after the "." that ends a message, as an SMTP PDU of
 * their own after the message. Wireshark drops them; they are shown in
 * the tree only, so Info stays what tshark shows.
 */
/**
 * packet-smtp.c: client commands and message data, server replies.
 * Message bodies (DATA up to "." or BDAT chunks) are reassembled over
 * the segments that carry them and handed to IMF on the segment that
 * ends them. After an accepted STARTTLS the stream is handed to TLS.
 */
export function dissectSmtp(tvb: Tvb, pinfo: PacketInfo, tree: FieldNode | null, data?: unknown): number {
  const s = smtpSessionOf(pinfo);
  // pinfo->match_uint == destport: the port SMTP was found by is the server's.
  const request = pinfo.dstport === pinfo.matchUint;
  // After STARTTLS, TLS takes every payload but those it declines as cleartext: those are SMTP again.
  if (s.tls?.takes(tvb, pinfo, data, !request)) {
    return dissectAfterStartTls(tvb, pinfo, tree, data);
  }
  const tcp = data as TcpInfo | undefined;
  const stream = tcp?.stream ?? -1;
  let fd = pinfo.getFrameData<SmtpFrameData>(FRAME_KEY) ?? null;
  let eomLineLen = 0;
  let eomOffset = 0;
  if (!fd) {
    if (request) {
      fd = { pduType: PduType.CMD, conversationId: s.conversationId, moreFrags: true, waiting: false };
      pinfo.setFrameData(FRAME_KEY, fd);
    }
    const c = classifySegment(tvb, pinfo, s, request, fd, stream, tcp?.seq);
    if (c.waiting) {
      if (fd) fd.waiting = true;
      // call_dissector_work: a dissector that added nothing to the tree leaves frame.protocols.
      pinfo.dropLayerIfNothingAdded('smtp', tree, false);
      return tvb.length;
    }
    eomLineLen = c.lineLen;
    eomOffset = c.lineOffset;
  } else if (fd.waiting) {
    // Later passes wait where the first one did.
    askForMore(pinfo);
    pinfo.dropLayerIfNothingAdded('smtp', tree, false);
    return tvb.length;
  }
  const cols = pinfo.cols;
  cols.setProtocol('SMTP');
  cols.clearInfo();
  const smtpTree = tree?.addProtocol(hfSmtp, tvb, 0, tvb.length) ?? null;
  if (!request || !fd) {
    dissectReplies(tvb, pinfo, s, smtpTree);
    return tvb.length;
  }
  const desegmentData = pinfo.session.pref('smtp.desegment_data', true);
  const reassembly = reassemblyOf(pinfo);
  const key = `${s.conversationId}|${pinfo.src.key}|${pinfo.srcport}`;
  let msg: ReassembledMessage | null = null;
  // The text-lines call after a data fragment moves Wireshark's layer count, so a message a BDAT chunk completes is never shown.
  let sameLayer = true;
  switch (fd.pduType) {
    case PduType.MESSAGE: {
      const n = tvb.reportedRemaining(0);
      cols.setInfo(desegmentData ? 'C: DATA fragment' : 'C: Message Body');
      cols.appendInfo(`, ${n} byte${n === 1 ? '' : 's'}`);
      if (desegmentData) {
        // A segment cut short by the capture cannot be part of the message.
        if (tvb.length >= tvb.reported || pinfo.visited) msg = addToMessage(pinfo, smtpTree, reassembly, key, fd.conversationId, tvb.view(0, Math.min(tvb.length, tvb.reported)), fd.moreFrags);
        pinfo.call(textLinesDissector, tvb, smtpTree);
        sameLayer = false;
      } else if (smtpTree) {
        showBodyLines(tvb, smtpTree);
      }
      break;
    }
    case PduType.EOM:
      cols.setInfo('C: .');
      smtpTree?.add(smtpFields.eom, tvb, 0, Math.max(0, Math.min(eomLineLen, tvb.length)), null).setText('C: .');
      if (desegmentData) {
        // Later passes only look the message up (and repeat a limit note).
        if (eomOffset > 0) addToMessage(pinfo, smtpTree, reassembly, key, fd.conversationId, tvb.view(0, eomOffset), fd.moreFrags);
        msg = reassembly.end(pinfo, key, fd.conversationId);
      }
      break;
    default:
      dissectCommands(tvb, pinfo, s, smtpTree, false);
      if (desegmentData && !fd.moreFrags) msg = reassembly.end(pinfo, key, fd.conversationId);
  }
  if (desegmentData) {
    const next = processReassembledMessage(tvb, pinfo, msg, smtpTree, sameLayer);
    if (next) {
      pinfo.call(imfDissector, next, tree);
      pinfo.fragmented = false;
    } else {
      pinfo.fragmented = true;
    }
  }
  return tvb.length;
}

export const smtpDissector: Dissector = makeDissector('smtp', 'SMTP', dissectSmtp, ['data-text-lines', 'imf', 'tls', 'data']);
