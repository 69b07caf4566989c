import {
  CREDENTIALS_TAP,
  DESEGMENT_ONE_MORE_SEGMENT,
  findLineEnd,
  formatBytesAsText,
  makeDissector,
  streamPosition,
  TlsAfterSwitch,
  tryTls,
  type FieldNode,
  type PacketInfo,
  readAsciiCString,
  type TcpInfo,
  type Tvb,
} from '@netdissect/core';
import { reassembleData } from './data-reassembly.js';
import { hfPop, popExpert, popFields } from './fields.js';
import { popConversation, type PopConversation } from './pop-conversation.js';
import { PopArgType, PopCredentialTracker } from './pop-credentials.js';
import { firstToken, hasLineFeed, scanSecondWordUint, startsWith, startsWithIgnoreCase } from './pop-line.js';
import { collectRetrievedMessage, MessageCollector, POP3_MESSAGE_TAP } from './retrieved-message.js';

/** The well-known POP3 port (TCP_PORT_POP). */
export const POP_TCP_PORT = 110;

const TOT_LEN_INVALID_KEY = 'pop.totLenInvalid';

/** POP commands and responses, and the RETR/TOP data handed to IMF (packet-pop.c). */
export const popDissector = makeDissector('pop', 'POP', dissectPop, ['tls', 'data', 'imf']);

function dissectPop(tvb: Tvb, pinfo: PacketInfo, tree: FieldNode | null, data?: unknown): number {
  const conv = popConversation(pinfo);
  // pinfo->match_uint == destport: the port POP was found by is the server's.
  const isRequest = pinfo.dstport === pinfo.matchUint;
  // After STLS, TLS takes every payload but those it declines as cleartext: those are POP again.
  if (conv.tls?.takes(tvb, pinfo, data, !isRequest)) {
    // The connection is TLS (ssl_starttls_ack): TLS's if a package provides it, else not POP's.
    return tryTls(tvb, pinfo, tree, data);
  }
  // Not in packet-pop.c: a line cut across segments is put back together, so
  // dissection does not depend on where TCP happened to cut (every POP
  // segment of the corpus holds a line end, so this never differs from tshark there).
  if (pinfo.canDesegment > 0 && !hasLineFeed(tvb, conv.unfinishedLines[isRequest ? 0 : 1], streamPosition((data as TcpInfo | undefined)?.seq, 0))) {
    pinfo.desegmentOffset = 0;
    pinfo.desegmentLen = DESEGMENT_ONE_MORE_SEGMENT;
    // call_dissector_work: a dissector that added nothing to the tree leaves frame.protocols.
    pinfo.dropLayerIfNothingAdded('pop', tree, false);
    return tvb.length;
  }
  pinfo.cols.setProtocol('POP');
  const first = findLineEnd(tvb, 0);
  const line = tvb.view(0, first.len);
  const isContinuation = !isRequest && !startsWith(line, '+OK') && !startsWith(line, '-ERR');
  if (isContinuation) {
    const n = tvb.reportedRemaining(0);
    pinfo.cols.setInfo(`S: DATA fragment, ${n} byte${n === 1 ? '' : 's'}`);
  } else {
    pinfo.cols.setInfo(`${isRequest ? 'C' : 'S'}: ${formatBytesAsText(line)}`);
  }
  const popTree = tree ? tree.addProtocol(hfPop, tvb, 0, tvb.length) : null;
  if (isContinuation) {
    dissectContinuation(tvb, pinfo, tree, popTree, conv);
    return tvb.length;
  }

  const lineItem = popTree ? popTree.add(isRequest ? popFields.request : popFields.response, tvb, 0, first.next, '') : null;
  if (lineItem?.ctx.full) lineItem.setText(formatBytesAsText(tvb.view(0, first.next)));
  const { tokenLen, next: paramStart } = firstToken(line);
  let argType: PopArgType = PopArgType.UNKNOWN;
  if (tokenLen !== 0) {
    // proto_tree_add_item with ENC_ASCII: the value ends at a NUL (with the trailing-stray warning where Wireshark gives it).
    lineItem?.addItem(isRequest ? popFields.requestCommand : popFields.responseIndicator, tvb, 0, tokenLen);
    if (isRequest) argType = startsWithIgnoreCase(line, 'USER') ? PopArgType.USERNAME : startsWithIgnoreCase(line, 'PASS') ? PopArgType.PASSWORD : PopArgType.UNKNOWN;
    if (!pinfo.visited) trackCommandState(pinfo, conv, line, isRequest);
    if (pinfo.getFrameData(TOT_LEN_INVALID_KEY)) pinfo.expert(lineItem, popExpert.totLenInvalid);
  }
  const paramLen = tokenLen !== 0 ? first.len - paramStart : first.len;
  const paramOffset = tokenLen !== 0 ? paramStart : 0;
  if (paramLen !== 0) {
    lineItem?.addItem(isRequest ? popFields.requestParameter : popFields.responseDescription, tvb, paramOffset, paramLen);
    if (argType === PopArgType.USERNAME && !pinfo.visited && conv.username === null) conv.username = readAsciiCString(tvb, paramOffset, paramLen);
  }
  if (popTree) addDataLines(tvb, popTree, first.next, isRequest);
  if (!pinfo.visited) trackSession(tvb, pinfo, conv, data, { isRequest, line, tokenLen, paramOffset, paramLen, argType, bodyStart: first.next });
  return tvb.length;
}


/** Server data that is neither +OK nor -ERR: DATA of a RETR/TOP (or any multi-line answer), handed to IMF. */
function dissectContinuation(tvb: Tvb, pinfo: PacketInfo, tree: FieldNode | null, popTree: FieldNode | null, conv: PopConversation): void {
  if (!pinfo.visited && conv.collector) collectRetrievedMessage(pinfo, conv, tvb.view(0, tvb.length));
  const registry = pinfo.session.registry;
  if (!pinfo.session.pref('pop.desegment_data', true)) {
    const data = registry.byProto('data');
    if (data) pinfo.call(data, tvb, popTree);
    return;
  }
  const next = reassembleData(tvb, pinfo, conv, popTree);
  if (!next) {
    pinfo.fragmented = true;
    return;
  }
  const imf = registry.byProto('imf');
  if (imf) pinfo.call(imf, next, tree);
  if (!pinfo.visited) {
    // Everything announced was read: start afresh.
    conv.msgReadLen = 0;
    conv.msgTotLen = 0;
  }
  pinfo.fragmented = false;
}

/** The lines after the first, one "Data" item each. */
function addDataLines(tvb: Tvb, popTree: FieldNode, offset: number, isRequest: boolean): void {
  const def = isRequest ? popFields.requestData : popFields.responseData;
  if (!popTree.ctx.keeps(def)) return;
  const full = popTree.ctx.full;
  while (offset < tvb.length) {
    const { next } = findLineEnd(tvb, offset);
    const item = popTree.add(def, tvb, offset, next - offset, '');
    if (full) item.setText(formatBytesAsText(tvb.view(offset, next - offset)));
    offset = next;
  }
}

/** First pass: RETR/TOP size announcements and STLS, as packet-pop.c tracks them. */
function trackCommandState(pinfo: PacketInfo, conv: PopConversation, line: Uint8Array, isRequest: boolean): void {
  if (isRequest) {
    if (startsWithIgnoreCase(line, 'RETR') || startsWithIgnoreCase(line, 'TOP')) conv.msgRequest = true;
    if (startsWithIgnoreCase(line, 'STLS')) conv.stlsRequest = true;
    return;
  }
  const okWithText = startsWithIgnoreCase(line, '+OK ');
  if (conv.msgRequest) {
    if (okWithText && line.length > 4) {
      conv.msgReadLen = 0;
      conv.msgTotLen = 0;
      const size = scanSecondWordUint(line);
      if (size === null) pinfo.setFrameData(TOT_LEN_INVALID_KEY, true);
      else conv.msgTotLen = size;
    }
    conv.msgRequest = false;
  }
  if (conv.stlsRequest) {
    if (okWithText) conv.tls = new TlsAfterSwitch(pinfo.num + 1);
    conv.stlsRequest = false;
  }
}

interface ParsedLine {
  readonly isRequest: boolean;
  readonly line: Uint8Array;
  readonly tokenLen: number;
  readonly paramOffset: number;
  readonly paramLen: number;
  readonly argType: PopArgType;
  /** Where the lines after the first start. */
  readonly bodyStart: number;
}

/** First pass: credentials and retrieved messages, for whoever listens on their taps. */
function trackSession(tvb: Tvb, pinfo: PacketInfo, conv: PopConversation, data: unknown, p: ParsedLine): void {
  const taps = pinfo.session.taps;
  const interested = p.isRequest ? taps.has(CREDENTIALS_TAP) || taps.has(POP3_MESSAGE_TAP) : conv.credentials !== null || conv.collector !== null || conv.retrieval !== null;
  if (!interested) return;
  const stream = (data as TcpInfo | undefined)?.stream ?? 0;
  const command = readAsciiCString(tvb, 0, p.tokenLen).toUpperCase();
  const parameter = readAsciiCString(tvb, p.paramOffset, p.paramLen);
  if (p.isRequest) {
    if (taps.has(CREDENTIALS_TAP)) {
      conv.credentials ??= new PopCredentialTracker();
      conv.credentials.onRequest(pinfo, { argType: p.argType, command, parameter, text: readAsciiCString(tvb, 0, p.line.length), stream }, conv.username);
    }
    if (command === 'RETR' || command === 'TOP') conv.retrieval = taps.has(POP3_MESSAGE_TAP) ? { command, argument: parameter } : null;
    return;
  }
  const ok = startsWith(p.line, '+OK');
  conv.credentials?.onStatus(ok);
  if (conv.collector) {
    // A status line inside a message is message text.
    collectRetrievedMessage(pinfo, conv, tvb.view(0, tvb.length));
  } else if (conv.retrieval) {
    if (ok) {
      conv.collector = new MessageCollector(conv.retrieval, pinfo.num, stream);
      collectRetrievedMessage(pinfo, conv, tvb.view(p.bodyStart, tvb.length - p.bodyStart));
    }
    conv.retrieval = null;
  }
}
