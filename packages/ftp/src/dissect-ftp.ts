import { decodeAscii, decodeUtf8UpToNul, DESEGMENT_ONE_MORE_SEGMENT, findLineEnd, formatBytesAsText, makeDissector, tokenAt, type FieldNode, type PacketInfo, type TcpInfo, type Tvb } from '@netdissect/core';
import { showCommandResponse } from './command-response.js';
import { attachCommand, controlState, type FtpControlState } from './conversation-state.js';
import { handleEprt, handleEpsvReply, handlePasvReply, handlePort, type ArgumentSpan } from './data-connection-setup.js';
import { ftpExpert, ftpFields, hfFtp } from './fields.js';
import { noteUser, reportPass, settleLogin } from './ftp-credentials.js';
import { changeDirectory, parsePwdReply, WorkingDirectory } from './working-directory.js';

/**
 * A first line longer than this is dissected as it is instead of waiting
 * for its end, so a peer that never sends one cannot make every segment
 * rescan a growing buffer.
 */
const MAX_PENDING_LINE = 64 * 1024;

const CWD_KEY = 'ftp.cwd';

/** The directory this frame shows (p_add_proto_data in packet-ftp.c), kept for later passes. */
function storeDirectory(pinfo: PacketInfo, control: FtpControlState): void {
  pinfo.setFrameData(CWD_KEY, control.cwd.path);
}

/** The requests packet-ftp.c acts on. */
type ActedCommand = 'PORT' | 'EPRT' | 'USER' | 'PASS';

/** Which acted-on command a request word is: packet-ftp.c compares only the word's length, so "P" is PORT. */
function commandKind(bytes: Uint8Array, length: number): ActedCommand | null {
  if (length === 0 || length > 4) return null;
  const word = String.fromCharCode(...bytes.subarray(0, length));
  for (const k of ['PORT', 'EPRT', 'USER', 'PASS'] as const) if (k.startsWith(word)) return k;
  return null;
}

const isDigit = (c: number | undefined): boolean => c !== undefined && c >= 0x30 && c <= 0x39;

/** A request line: the command word, then its argument. Returns where the argument starts. */
function dissectRequest(tvb: Tvb, pinfo: PacketInfo, node: FieldNode | null, control: FtpControlState, bytes: Uint8Array, lineLength: number): { argStart: number; tokenLength: number; kind: ActedCommand | null } {
  const token = tokenAt(bytes, 0, lineLength);
  if (token.len !== 0) node?.addItem(ftpFields.requestCommand, tvb, 0, token.len);
  const kind = commandKind(bytes, token.len);
  if (!pinfo.visited) {
    if (kind === 'USER' && lineLength - token.len > 1) noteUser(control, decodeUtf8UpToNul(bytes.subarray(token.len + 1, lineLength)));
    const line = decodeUtf8UpToNul(bytes.subarray(0, lineLength));
    control.lastCommand = line;
    attachCommand(pinfo, control, line);
  }
  return { argStart: token.next, tokenLength: token.len, kind };
}

/** What a reply code changes on the first pass: the directory after CWD/CDUP/PWD, the login outcome. */
function followReply(pinfo: PacketInfo, codeItem: FieldNode | null, control: FtpControlState, code: number, bytes: Uint8Array, lineLength: number): void {
  if (code === 250 && control.lastCommand !== null) {
    const last = control.lastCommand;
    const target = last.startsWith('CWD ') ? last.slice(4) : last.startsWith('CDUP') ? '..' : null;
    if (target !== null) {
      control.cwd = changeDirectory(control.cwd, target);
      storeDirectory(pinfo, control);
    }
  }
  if (code === 257 && lineLength >= 4) {
    const dir = parsePwdReply(bytes.subarray(4, lineLength));
    if (dir === null) pinfo.expert(codeItem, ftpExpert.pwdResponseInvalid);
    else control.cwd = new WorkingDirectory(dir);
    storeDirectory(pinfo, control);
  }
  settleLogin(control, code);
}

/**
 * FTP control connection (packet-ftp.c's dissect_ftp): the first line of
 * the segment is the request or reply, the others are shown as text.
 * Unlike tshark 4.0, a first line cut by the segment end waits for the
 * next segment, so the dissection does not depend on how TCP cut it.
 */
function dissectFtp(tvb: Tvb, pinfo: PacketInfo, tree: FieldNode | null, data?: unknown): number {
  const length = tvb.length;
  const bytes = tvb.view(0, length);
  if (pinfo.canDesegment > 0 && length < MAX_PENDING_LINE && findLineEnd(tvb, 0, true).len < 0) {
    pinfo.desegmentOffset = 0;
    pinfo.desegmentLen = DESEGMENT_ONE_MORE_SEGMENT;
    // call_dissector_work: a dissector that added nothing to the tree leaves frame.protocols.
    pinfo.dropLayerIfNothingAdded('ftp', tree, false);
    return length;
  }
  // pinfo->match_uint == destport: the port FTP was found by is the server's.
  const isRequest = pinfo.dstport === pinfo.matchUint;
  const cols = pinfo.cols;
  cols.setProtocol('FTP');
  const control = controlState(pinfo);
  if (!pinfo.visited) storeDirectory(pinfo, control);

  const first = findLineEnd(tvb, 0);
  const lineLength = first.len;
  cols.setInfo(`${isRequest ? 'Request' : 'Response'}: ${formatBytesAsText(bytes.subarray(0, lineLength))}`);

  const full = tree?.ctx.full ?? false;
  const ftpTree = tree?.addProtocol(hfFtp, tvb, 0, length) ?? null;
  ftpTree?.addHidden(ftpFields.request, tvb, 0, 0, isRequest);
  ftpTree?.addHidden(ftpFields.response, tvb, 0, 0, !isRequest);
  const node = ftpTree?.addText(tvb, 0, first.next, full ? formatBytesAsText(bytes.subarray(0, first.next)) : '') ?? null;

  let argStart: number;
  let tokenLength = 0;
  let kind: ActedCommand | null = null;
  let code = -1;
  if (isRequest) {
    ({ argStart, tokenLength, kind } = dissectRequest(tvb, pinfo, node, control, bytes, lineLength));
  } else if (lineLength >= 3 && isDigit(bytes[0]) && isDigit(bytes[1]) && isDigit(bytes[2])) {
    // First or only line of a reply: the code, then (after a blank or hyphen) its text.
    code = (bytes[0]! - 0x30) * 100 + (bytes[1]! - 0x30) * 10 + (bytes[2]! - 0x30);
    const codeItem = node?.add(ftpFields.responseCode, tvb, 0, 3, code) ?? null;
    if (!pinfo.visited) followReply(pinfo, codeItem, control, code, bytes, lineLength);
    argStart = lineLength >= 4 ? 4 : lineLength;
  } else {
    // A line inside a multi-line reply: all of it is text.
    argStart = 0;
  }

  const argLength = lineLength - argStart;
  if (argLength !== 0) node?.addItem(isRequest ? ftpFields.requestArg : ftpFields.responseArg, tvb, argStart, argLength);
  const arg: ArgumentSpan = { text: bytes.subarray(argStart, lineLength), tokenLength, lineEnd: first.next };

  if (kind === 'PORT') handlePort(tvb, pinfo, node, control, arg);
  else if (kind === 'EPRT') handleEprt(tvb, pinfo, node, control, arg);
  else if (kind === 'PASS') reportPass(pinfo, control, decodeAscii(arg.text), data as TcpInfo | undefined);
  if (code === 227 && argLength !== 0) handlePasvReply(tvb, pinfo, node, control, arg);
  if (code === 229 && argLength !== 0) handleEpsvReply(tvb, pinfo, node, control, arg);

  if (ftpTree && full) {
    for (let off = first.next; off < length; ) {
      const next = findLineEnd(tvb, off).next;
      ftpTree.addText(tvb, off, next - off, formatBytesAsText(bytes.subarray(off, next)));
      off = next;
    }
  }
  const cwd = pinfo.getFrameData<string>(CWD_KEY);
  if (cwd !== undefined) tree?.addGenerated(ftpFields.currentWorkingDirectory, tvb, 0, 0, cwd);
  showCommandResponse(tvb, pinfo, tree, control);
  return length;
}

/**
 * FTP announces its data connections for FTP-DATA; skipped, they would go
 * to whatever their ports or the heuristics find, or to data. It calls
 * none of them itself.
 */
const FTP_CARRIES = ['last:ftp-data', 'last:table:tcp.port', 'last:heuristics:tcp', 'last:data'];

export const ftpDissector = makeDissector('ftp', 'FTP', dissectFtp, FTP_CARRIES);
