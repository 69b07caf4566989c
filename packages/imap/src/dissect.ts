import {
  BoundsKind,
  DESEGMENT_ONE_MORE_SEGMENT,
  DissectorBoundsError,
  asciiLower,
  callTlsOrData,
  formatBytesAsText,
  readAsciiCString,
  streamPosition,
  tryTls,
  type FieldNode,
  type PacketInfo,
  type TcpInfo,
  type Tvb,
} from '@netdissect/core';
import { imapConversation, type ImapConversation } from './conversation-state.js';
import { dissectFetchResponse, type FetchOutcome } from './fetch-literal.js';
import { hfImap, imapFields } from './fields.js';
import { findLineEndResuming, findWhitespace, tokenAt, tokenIsPrefixOf, type LineEnd, type Token } from './line-scan.js';
import { looksLikeCleartext } from './starttls.js';

const STAR = 0x2a;
/** Tokens of an untagged line searched for "FETCH" (NUM_LOOKAHEAD_TOKENS). */
const LOOKAHEAD_TOKENS = 3;
/** Bytes of a line formatted for Info: more than the 4095 characters the column keeps. */
const INFO_BYTES = 16384;
/** Commands whose first argument is a mailbox (imap.request.folder). */
const FOLDER_COMMANDS = ['select', 'examine', 'create', 'delete', 'rename', 'subscribe', 'unsubscribe', 'status', 'append', 'search'];

/** What the lines of one call share (the C function's locals that live across its loop). */
interface CallState {
  readonly tvb: Tvb;
  readonly pinfo: PacketInfo;
  readonly tree: FieldNode | null;
  readonly imapTree: FieldNode | null;
  readonly conv: ImapConversation;
  readonly isRequest: boolean;
  readonly data: unknown;
  /** Stream position of the data's first byte (undefined without TCP). */
  readonly seq: number | undefined;
  /** No line has written Info yet. */
  firstLine: boolean;
  /** Lower-cased tag of the last tagged line; a later untagged-looking line reuses it, as request_key does in C. */
  tag: string | null;
}

function infoText(tvb: Tvb, offset: number, len: number): string {
  return formatBytesAsText(tvb.view(offset, Math.min(len, INFO_BYTES)));
}

function desegmentFrom(pinfo: PacketInfo, offset: number): void {
  pinfo.desegmentOffset = offset;
  pinfo.desegmentLen = DESEGMENT_ONE_MORE_SEGMENT;
}

/**
 * IMAP over TCP (packet-imap.c, Wireshark 4.0): one item per line, tagged
 * lines split into tag, command or status and arguments, untagged FETCH
 * responses with a literal handed to IMF, requests and responses linked by
 * tag, and the switch to TLS after STARTTLS. Lines are reassembled by
 * asking TCP for one more segment until a line end (or a FETCH literal's
 * closing parenthesis) is present.
 */
export function dissectImap(tvb: Tvb, pinfo: PacketInfo, tree: FieldNode | null, data?: unknown): number {
  const conv = imapConversation(pinfo);
  // pinfo->match_uint == destport: the port IMAP was found by is the server's.
  const isRequest = pinfo.dstport === pinfo.matchUint;
  // The payload that made the heuristic switch goes to TLS through IMAP (call_dissector), on every pass.
  if (pinfo.num === conv.heuristicSwitchFrame) return callTlsOrData(tvb, pinfo, tree, data);
  // After the switch, TLS takes every payload but those it declines as cleartext: those are IMAP again.
  if (conv.tls?.takes(tvb, pinfo, data, !isRequest)) return tryTls(tvb, pinfo, tree, data);
  if (!pinfo.visited && conv.heuristicTriesLeft > 0) {
    conv.heuristicTriesLeft--;
    if (!looksLikeCleartext(tvb)) {
      conv.switchToTls(pinfo.num - 1);
      conv.heuristicTriesLeft = 0;
      conv.heuristicSwitchFrame = pinfo.num;
      // TLS frames its records from this payload on (unless it declines it).
      conv.tls?.isCleartext(tvb, pinfo, data, !isRequest);
      return callTlsOrData(tvb, pinfo, tree, data);
    }
  }

  pinfo.cols.setProtocol('IMAP');
  // A line in many segments is searched once: the search goes on where the last call's stopped.
  const lines = conv.unfinishedLines[isRequest ? 0 : 1];
  const seq = (data as TcpInfo | undefined)?.seq;
  const firstLine = findLineEndResuming(tvb, 0, lines, streamPosition(seq, 0));
  if (!firstLine) {
    desegmentFrom(pinfo, 0);
    // call_dissector_work: a dissector that added nothing to the tree leaves frame.protocols.
    pinfo.dropLayerIfNothingAdded('imap', tree, false);
    return tvb.length;
  }
  const imapTree = tree ? tree.addItem(hfImap, tvb, 0, -1) : null;
  imapTree?.addHidden(imapFields.isRequest, tvb, 0, 0, isRequest);
  const call: CallState = { tvb, pinfo, tree, imapTree, conv, isRequest, data, seq, firstLine: true, tag: null };

  let offset = 0;
  let lastLineLen = firstLine.len;
  while (offset < tvb.length) {
    const line = findLineEndResuming(tvb, offset, lines, streamPosition(seq, offset));
    if (!line) {
      desegmentFrom(pinfo, offset);
      return tvb.length;
    }
    lastLineLen = line.len;
    let next = line.next;
    if (tvb.u8(offset) === STAR) {
      const after = dissectUntaggedLine(call, offset, line);
      if (after.needMore) {
        pinfo.desegmentOffset = offset;
        pinfo.desegmentLen = after.needMore;
        return tvb.length;
      }
      next = after.nextOffset;
    } else {
      dissectTaggedLine(call, offset, line);
    }
    offset = next;
  }
  // Only untagged lines: Info shows the start of the buffer, as long as the last line (as 4.0 does).
  if (call.firstLine) pinfo.cols.setInfo(`${isRequest ? 'Request' : 'Response'}: ${infoText(tvb, 0, lastLineLen)}`);
  return tvb.length;
}

/** A "* ..." line: where the next line starts, or what a FETCH response still needs. */
function dissectUntaggedLine(call: CallState, offset: number, line: LineEnd): FetchOutcome {
  const { tvb } = call;
  const starts: number[] = [];
  const ends: number[] = [];
  let pattern = offset;
  do {
    const start = pattern + 1;
    pattern = findWhitespace(tvb, start, line.next - start);
    if (pattern > start) {
      starts.push(start);
      ends.push(pattern);
    }
  } while (pattern !== -1 && starts.length < LOOKAHEAD_TOKENS);

  if (starts.length >= 2) {
    for (let i = 0; i < starts.length; i++) {
      if (!tokenIsPrefixOf(tvb, starts[i]!, ends[i]! - starts[i]!, 'FETCH')) continue;
      const fetch = dissectFetchResponse(tvb, call.pinfo, call.tree, call.imapTree, ends[i]!, offset, line.next, { memo: call.conv.delimiterSearches[call.isRequest ? 0 : 1], seq: call.seq });
      if (fetch.literalShown) call.firstLine = false;
      return fetch;
    }
  }
  call.imapTree?.addItem(imapFields.line, tvb, offset, line.next - offset);
  return { needMore: 0, nextOffset: line.next, literalShown: false };
}

/** A tagged line (or continuation, or anything not starting with "*"). */
function dissectTaggedLine(call: CallState, lineOffset: number, line: LineEnd): void {
  const { tvb, pinfo, isRequest, conv } = call;
  let offset = lineOffset;
  let linelen = line.len;
  if (call.firstLine) {
    pinfo.cols.setInfo(`${isRequest ? 'Request' : 'Response'}: ${infoText(tvb, offset, linelen)}`);
    call.firstLine = false;
  }
  const lineTree = call.imapTree ? call.imapTree.addItem(imapFields.line, tvb, offset, line.next - offset) : null;
  if (linelen !== 0) lineTree?.addItem(isRequest ? imapFields.request : imapFields.response, tvb, offset, linelen);

  const tagToken = tokenAt(tvb, offset, linelen);
  if (tagToken.len !== 0) {
    const tag = readAsciiCString(tvb, offset, tagToken.len);
    call.tag = asciiLower(tag);
    lineTree?.add(isRequest ? imapFields.requestTag : imapFields.responseTag, tvb, offset, tagToken.len, tag);
    lineTree?.addHidden(imapFields.tag, tvb, offset, tagToken.len, tag);
    linelen -= tagToken.next - offset;
    offset = tagToken.next;
  }

  const second = tokenAt(tvb, offset, linelen);
  if (!pinfo.visited) {
    // Before the 4.0 field logic, which throws on a LOGIN password shorter than 2 bytes.
    if (isRequest) {
      const command = second.len !== 0 ? readAsciiCString(tvb, offset, second.len).toUpperCase() : '';
      conv.credentials.onRequest(pinfo, call.data, () => tvb.latin1(lineOffset, line.len), call.tag ?? '', command);
    } else if (call.tag !== null && second.len !== 0) {
      conv.credentials.onResponse(call.tag, readAsciiCString(tvb, offset, second.len));
    }
  }
  if (second.len !== 0) {
    if (isRequest) {
      dissectRequestCommand(call, lineTree, offset, linelen, second);
    } else {
      lineTree?.addItem(imapFields.responseStatus, tvb, offset, second.len);
      const command = tokenAt(tvb, second.next, linelen - (second.next - offset));
      if (command.len > 0) {
        lineTree?.addItem(imapFields.responseCommand, tvb, second.next, command.len);
        lineTree?.addHidden(imapFields.command, tvb, second.next, command.len, readAsciiCString(tvb, second.next, command.len));
      }
      if (!pinfo.visited && conv.startTlsRequested && tokenIsPrefixOf(tvb, offset, second.len, 'ok')) {
        // STARTTLS accepted: TLS from the next frame on.
        conv.switchToTls(pinfo.num);
        conv.heuristicTriesLeft = 0;
        conv.startTlsRequested = false;
      }
    }
  }

  if (call.tag !== null) conv.requests.match(pinfo, lineTree, call.tag, isRequest);
}

/**
 * The command of a request line (after a "UID" prefix if there is one) and
 * the arguments 4.0 picks out: a mailbox, LOGIN's user and password, the
 * STARTTLS request.
 */
function dissectRequestCommand(call: CallState, lineTree: FieldNode | null, offset: number, linelen: number, token: Token): void {
  const { tvb, pinfo, conv } = call;
  let commandOffset: number;
  let commandLen: number;
  let folder: Token;
  let folderOffset: number;
  if (tokenIsPrefixOf(tvb, offset, token.len, 'UID')) {
    lineTree?.add(imapFields.requestUid, tvb, offset, token.len, true);
    const command = tokenAt(tvb, token.next, linelen - (token.next - offset));
    if (command.len === 0) return;
    lineTree?.addItem(imapFields.requestCommand, tvb, token.next, command.len);
    lineTree?.addHidden(imapFields.command, tvb, offset, token.len, readAsciiCString(tvb, offset, token.len));
    commandOffset = token.next;
    commandLen = command.len;
    folderOffset = command.next;
    folder = tokenAt(tvb, command.next, linelen - (command.next - offset));
  } else {
    lineTree?.addItem(imapFields.requestCommand, tvb, offset, token.len);
    lineTree?.addHidden(imapFields.command, tvb, offset, token.len, readAsciiCString(tvb, offset, token.len));
    commandOffset = offset;
    commandLen = token.len;
    folderOffset = token.next;
    folder = tokenAt(tvb, token.next, linelen - (token.next - offset));
  }

  // 4.0 compares with strncmp(command, word, commandlen): an abbreviation counts.
  const is = (word: string) => tokenIsPrefixOf(tvb, commandOffset, commandLen, word);
  if (FOLDER_COMMANDS.some(is)) {
    if (folder.len !== 0) lineTree?.addItem(imapFields.requestFolder, tvb, folderOffset, folder.len);
  } else if (linelen > 0 && is('copy')) {
    // COPY's mailbox is its second argument.
    const mailbox = tokenAt(tvb, folder.next, linelen - (folder.next - offset));
    if (mailbox.len !== 0) lineTree?.addItem(imapFields.requestFolder, tvb, folder.next, mailbox.len);
  } else if (is('starttls')) {
    if (!pinfo.visited) conv.startTlsRequested = true;
  } else if (is('login')) {
    dissectLogin(tvb, lineTree, offset, linelen, token.next);
  }
}

/**
 * LOGIN's user and password as 4.0 shows them: the user token as sent
 * (quotes kept), the password token without its first and last character
 * (meant to drop the quotes, whether there are any or not); a password
 * token shorter than 2 bytes makes 4.0 throw, so the frame is malformed.
 */
function dissectLogin(tvb: Tvb, lineTree: FieldNode | null, offset: number, linelen: number, userOffset: number): void {
  const user = tokenAt(tvb, userOffset, linelen - (userOffset - offset));
  lineTree?.add(imapFields.requestUsername, tvb, userOffset, user.len, readAsciiCString(tvb, userOffset, user.len));
  const password = tokenAt(tvb, user.next, linelen - (user.next - offset));
  if (password.len < 2) throw new DissectorBoundsError(BoundsKind.Reported);
  lineTree?.add(imapFields.requestPassword, tvb, user.next, password.len, readAsciiCString(tvb, user.next + 1, password.len - 2));
}
