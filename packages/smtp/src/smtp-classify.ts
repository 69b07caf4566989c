import { bytesEqual, bytesEqualNoCase, decodeUtf8, DESEGMENT_ONE_MORE_SEGMENT, findLineEnd, streamPosition, type PacketInfo, type Tvb } from '@netdissect/core';
import { beginCredential, decodeAuthText, decodeForTap, reportCredential, splitSaslPlain } from './smtp-auth.js';
import { isSmtpCommand, LONGEST_COMMAND, mayGrowIntoCommand, parseUnsigned, startsWithNoCase } from './smtp-commands.js';
import { AuthState, PduType, SmtpState, type SmtpFrameData, type SmtpSession } from './smtp-session.js';

const latin1 = new TextDecoder('latin1');

/** What the walk over a segment's lines found. */
export interface Classification {
  /** TCP was asked to hand the data over again with the next segment: nothing to show yet. */
  waiting: boolean;
  eomSeen: boolean;
  /** Offset of the line where the walk stopped (the "." line of an EOM). */
  lineOffset: number;
  lineLen: number;
}

/**
 * What is left of the data from `off` (tvb_reported_length_remaining), and
 * never less than what was captured: line walks advance by it, so they end
 * even on a window whose reported length is below its captured length.
 */
function restOf(tvb: Tvb, off: number): number {
  return Math.max(tvb.reportedRemaining(off), tvb.remaining(off));
}

function text(tvb: Tvb, off: number, len: number): string {
  return latin1.decode(tvb.view(off, len));
}

/** Remember the credentials of an AUTH line for the credentials tap, whatever the display preference. */
function trackCredentials(pinfo: PacketInfo, s: SmtpSession, raw: string, stream: number): void {
  const upper = raw.toUpperCase();
  if (upper.startsWith('AUTH LOGIN')) {
    beginCredential(s, 'AUTH LOGIN');
    if (raw.length > 11) s.credential!.username = decodeUtf8(decodeForTap(raw.slice(11)));
  } else if (upper.startsWith('AUTH PLAIN')) {
    beginCredential(s, 'AUTH PLAIN');
    if (raw.length > 11) {
      const { username, password } = splitSaslPlain(decodeForTap(raw.slice(11)));
      s.credential!.username = username;
      reportCredential(pinfo, s, password ?? '', stream);
    }
  } else if (upper.startsWith('AUTH CRAM-MD5')) {
    beginCredential(s, 'AUTH CRAM-MD5');
    s.cramMd5Started = true;
  }
}

/** Ask TCP to hand the segment over again together with the next one. */
export function askForMore(pinfo: PacketInfo): void {
  pinfo.desegmentOffset = 0;
  pinfo.desegmentLen = DESEGMENT_ONE_MORE_SEGMENT;
}

/** A reply line announcing that more lines of the same reply follow ("250-..."). */
function isContinuedReply(tvb: Tvb, off: number, len: number): boolean {
  if (len < 4) return false;
  for (let i = 0; i < 3; i++) {
    const c = tvb.u8(off + i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return tvb.u8(off + 3) === 0x2d;
}

function isReplyLine(tvb: Tvb, off: number, len: number): boolean {
  if (len < 3) return false;
  for (let i = 0; i < 3; i++) {
    const c = tvb.u8(off + i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/** Whether a client line that is no command would be taken as message data (the default of classifyClientLine's walk). */
function nonCommandIsMessage(s: SmtpSession): boolean {
  if (s.cramMd5Challenged) return false;
  switch (s.authState) {
    case AuthState.USERNAME_REQ:
    case AuthState.PASSWORD_REQ:
    case AuthState.PLAIN_REQ:
    case AuthState.NTLM_CHALLENGE:
      return false;
  }
  return s.dataSeen || s.state === SmtpState.START;
}

/** Whether the line cut at the end of the segment at `off` is, or may grow into, a command (line_is_smtp_command). */
function mayStartCommand(tvb: Tvb, off: number): boolean {
  const n = Math.min(tvb.length - off, LONGEST_COMMAND + 1);
  let word = '';
  for (let i = 0; i < n; i++) {
    const c = tvb.u8(off + i);
    if (c === 0x20) return isSmtpCommand(word, word.length);
    word += String.fromCharCode(c);
  }
  // No space yet: the word may still become a command when the rest arrives.
  return mayGrowIntoCommand(word);
}

/**
 * Whether the segment ends inside a command or reply line, or inside a
 * multi-line reply, so that it is better shown once the rest arrives.
 * Message data is never held back, nor commands pipelined with DATA/BDAT
 * (message bytes may follow them in the same segment).
 */
function unitIncomplete(tvb: Tvb, s: SmtpSession, request: boolean, seq: number | undefined): boolean {
  if (request && s.state === SmtpState.READING_DATA) return false;
  const memo = s.unitScans[request ? 0 : 1];
  const key = streamPosition(seq, 0);
  let off = memo.resumeAt(key, tvb.length);
  let openReply = off > 0 && memo.openReply;
  while (off < tvb.length) {
    const le = memo.line.findLineEnd(tvb, off, streamPosition(seq, off));
    if (le.len === -1) {
      // A cut line that is no command is message data for Wireshark, shown now: nothing to complete.
      if (request && nonCommandIsMessage(s) && !mayStartCommand(tvb, off)) return false;
      memo.save(key, off, openReply);
      return true;
    }
    if (request) {
      if (bytesEqualNoCase(tvb, off, 'DATA') || bytesEqualNoCase(tvb, off, 'BDAT')) return false;
    } else if (isContinuedReply(tvb, off, le.len)) {
      openReply = true;
    } else if (isReplyLine(tvb, off, le.len)) {
      openReply = false;
    }
    off = le.next;
  }
  if (openReply) memo.save(key, off, openReply);
  return openReply;
}

/**
 * The walk over the lines of a segment (the state machine of
 * dissect_smtp): find out whether a client segment is commands, message
 * data or the end of the message, and follow DATA, BDAT, AUTH and
 * STARTTLS. State changes only on the first pass.
 *
 * Like Wireshark it asks TCP for more data when not even one line is
 * complete. Unlike Wireshark it also waits when a command or reply line
 * is cut at the end of a segment, or a multi-line reply is not finished,
 * so that what is shown does not depend on where segments end (Wireshark
 * shows such pieces as separate lines in separate frames).
 */
export function classifySegment(tvb: Tvb, pinfo: PacketInfo, s: SmtpSession, request: boolean, fd: SmtpFrameData | null, stream: number, seq?: number): Classification {
  const desegment = pinfo.session.pref('smtp.desegment_lines', true) && pinfo.canDesegment > 0;
  const decryption = pinfo.session.pref('smtp.decryption', false);
  let eomSeen = false;
  let loffset = 0;
  let linelen = 0;
  if (desegment && unitIncomplete(tvb, s, request, seq)) {
    askForMore(pinfo);
    return { waiting: true, eomSeen, lineOffset: 0, lineLen: -1 };
  }
  while (loffset < tvb.length) {
    const le = findLineEnd(tvb, loffset, desegment);
    linelen = le.len;
    let next = le.next;
    if (linelen === -1) {
      if (loffset === 0) {
        askForMore(pinfo);
        return { waiting: true, eomSeen, lineOffset: loffset, lineLen: linelen };
      }
      linelen = restOf(tvb, loffset);
      next = loffset + linelen;
    }
    if (s.state === SmtpState.READING_DATA) {
      if ((s.crlfSeen && bytesEqual(tvb, loffset, '.\r\n')) || bytesEqual(tvb, loffset, '\r\n.\r\n')) eomSeen = true;
      const rest = tvb.remaining(loffset);
      s.crlfSeen = rest === tvb.reportedRemaining(loffset) && bytesEqual(tvb, loffset + rest - 2, '\r\n');
    }
    if (request && fd) {
      if (s.state === SmtpState.READING_DATA) {
        if (eomSeen) {
          fd.pduType = PduType.EOM;
          s.state = SmtpState.READING_CMDS;
          // Wireshark stops here: commands pipelined after the "." in this segment are neither shown nor followed.
          break;
        }
        fd.pduType = PduType.MESSAGE;
        if (s.msgTotLen > 0) {
          // A BDAT chunk: the rest of the segment is message data.
          s.msgReadLen += tvb.reportedRemaining(loffset);
          next = loffset + restOf(tvb, loffset);
          if (s.msgReadLen === s.msgTotLen) {
            s.state = SmtpState.READING_CMDS;
            if (s.msgLast) fd.moreFrags = false;
            break;
          }
        }
      } else {
        classifyClientLine(tvb, pinfo, s, fd, loffset, linelen, decryption, stream);
      }
    }
    loffset = next;
  }
  return { waiting: false, eomSeen, lineOffset: loffset, lineLen: linelen };
}

function classifyClientLine(tvb: Tvb, pinfo: PacketInfo, s: SmtpSession, fd: SmtpFrameData, loffset: number, linelen: number, decryption: boolean, stream: number): void {
  const raw = text(tvb, loffset, Math.min(linelen, tvb.remaining(loffset)));
  let line = raw;
  const inAuth = s.authState !== AuthState.NONE && pinfo.num >= s.firstAuthFrame && (s.lastAuthFrame === 0 || pinfo.num <= s.lastAuthFrame);
  if (inAuth && decryption) {
    const decoded = decodeAuthText(raw);
    if (decoded) line = latin1.decode(decoded);
  }
  const space = line.indexOf(' ');
  const cmdlen = space < 0 ? line.length : space;
  if (isSmtpCommand(line, cmdlen)) {
    trackCredentials(pinfo, s, raw, stream);
    const len = line.length;
    if (startsWithNoCase(line, 'DATA')) {
      fd.pduType = PduType.CMD;
      s.state = SmtpState.READING_DATA;
      s.dataSeen = true;
    } else if (startsWithNoCase(line, 'BDAT')) {
      // strtoul reads on past a short line, into whatever follows it.
      const size = parseUnsigned(line === raw ? text(tvb, loffset + 5, Math.max(0, Math.min(64, tvb.remaining(loffset + 5)))) : line.slice(5));
      fd.pduType = PduType.CMD;
      s.dataSeen = true;
      s.msgTotLen += size;
      s.state = size === 0 ? SmtpState.READING_CMDS : SmtpState.READING_DATA;
      if (len >= 4 && startsWithNoCase(line.slice(len - 4), 'LAST')) {
        s.msgLast = true;
        if (size === 0) fd.moreFrags = false;
      } else {
        s.msgLast = false;
      }
    } else if (startsWithNoCase(line, 'AUTH LOGIN') && len <= 11) {
      fd.pduType = PduType.CMD;
      s.state = SmtpState.READING_CMDS;
      s.authState = AuthState.START;
      s.firstAuthFrame = pinfo.num;
    } else if (startsWithNoCase(line, 'AUTH LOGIN')) {
      fd.pduType = PduType.CMD;
      s.state = SmtpState.READING_CMDS;
      s.authState = AuthState.USERNAME_RSP;
      s.firstAuthFrame = pinfo.num;
      s.usernameCmdFrame = pinfo.num;
    } else if (startsWithNoCase(line, 'AUTH PLAIN') && len <= 11) {
      fd.pduType = PduType.CMD;
      s.state = SmtpState.READING_CMDS;
      s.authState = AuthState.PLAIN_START_REQ;
      s.firstAuthFrame = pinfo.num;
    } else if (startsWithNoCase(line, 'AUTH PLAIN')) {
      fd.pduType = PduType.CMD;
      s.state = SmtpState.READING_CMDS;
      s.authState = AuthState.PLAIN_CRED_REQ;
      s.firstAuthFrame = pinfo.num;
      s.userPassCmdFrame = pinfo.num;
    } else if (startsWithNoCase(line, 'AUTH NTLM') && len > 10) {
      fd.pduType = PduType.CMD;
      s.state = SmtpState.READING_CMDS;
      s.authState = AuthState.NTLM_REQ;
      s.ntlmReqFrame = pinfo.num;
    } else if (startsWithNoCase(line, 'STARTTLS')) {
      s.state = SmtpState.AWAITING_STARTTLS_RESPONSE;
      fd.pduType = PduType.CMD;
    } else {
      fd.pduType = PduType.CMD;
    }
    return;
  }
  if (s.cramMd5Challenged) {
    // CRAM-MD5's answer, base64("user digest"): only the credentials tap cares.
    const answer = decodeUtf8(decodeForTap(raw));
    const sp = answer.lastIndexOf(' ');
    if (s.credential) s.credential.username = sp < 0 ? answer : answer.slice(0, sp);
    reportCredential(pinfo, s, sp < 0 ? '' : answer.slice(sp + 1), stream);
    s.cramMd5Challenged = false;
  }
  switch (s.authState) {
    case AuthState.USERNAME_REQ:
      s.authState = AuthState.USERNAME_RSP;
      s.usernameFrame = pinfo.num;
      if (s.credential) s.credential.username = decodeUtf8(decodeForTap(raw));
      return;
    case AuthState.PASSWORD_REQ:
      s.authState = AuthState.PASSWORD_RSP;
      s.passwordFrame = pinfo.num;
      reportCredential(pinfo, s, decodeUtf8(decodeForTap(raw)), stream);
      return;
    case AuthState.PLAIN_REQ: {
      s.authState = AuthState.PLAIN_RSP;
      s.userPassFrame = pinfo.num;
      const { username, password } = splitSaslPlain(decodeForTap(raw));
      if (s.credential) s.credential.username = username;
      reportCredential(pinfo, s, password ?? '', stream);
      return;
    }
    case AuthState.NTLM_CHALLENGE:
      s.authState = AuthState.NTLM_RSP;
      s.ntlmRspFrame = pinfo.num;
      return;
    default:
      fd.pduType = nonCommandIsMessage(s) ? PduType.MESSAGE : PduType.CMD;
  }
}
