import { findLineEnd, formatBytesAsText, readAscii, TlsAfterSwitch, type FieldNode, type PacketInfo, type Tvb } from '@netdissect/core';
import { authBytesInfo, authBytesText, decodeAuthText, settleCredential } from './smtp-auth.js';
import { smtpExpert, smtpFields } from './smtp-fields.js';
import { AuthState, SmtpState, type SmtpSession } from './smtp-session.js';

const MultiLine = { NONE: 0, START: 1, CONTINUE: 2, END: 3 } as const;

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** The state changes a reply line causes (first pass only): STARTTLS, the AUTH exchange, credentials. */
function followReply(pinfo: PacketInfo, s: SmtpSession, code: number): void {
  if (s.state === SmtpState.AWAITING_STARTTLS_RESPONSE) {
    // After an accepted STARTTLS what follows this frame is TLS.
    if (code === 220) s.tls = new TlsAfterSwitch(pinfo.num + 1);
    s.state = SmtpState.READING_CMDS;
  }
  if (code === 334) {
    switch (s.authState) {
      case AuthState.START: s.authState = AuthState.USERNAME_REQ; break;
      case AuthState.USERNAME_RSP: s.authState = AuthState.PASSWORD_REQ; break;
      case AuthState.PLAIN_REQ: s.authState = AuthState.PLAIN_RSP; break;
      case AuthState.PLAIN_START_REQ: s.authState = AuthState.PLAIN_REQ; break;
      case AuthState.NTLM_REQ: s.authState = AuthState.NTLM_CHALLENGE; break;
      default:
    }
    if (s.cramMd5Started) {
      s.cramMd5Started = false;
      s.cramMd5Challenged = true;
    }
  } else {
    if (s.authState === AuthState.PASSWORD_RSP || s.authState === AuthState.PLAIN_RSP || s.authState === AuthState.NTLM_RSP || s.authState === AuthState.PLAIN_CRED_REQ) {
      s.authState = code === 235 ? AuthState.SUCCESS : AuthState.FAILED;
      s.lastAuthFrame = pinfo.num;
    }
    s.cramMd5Started = false;
    settleCredential(s, code);
  }
}

/**
 * Server replies, a line at a time: "S: " then each line joined by " | "
 * in Info; a multi-line reply ("250-...", "250 ...") is one smtp.response
 * with one code and a parameter per line.
 */
export function dissectReplies(tvb: Tvb, pinfo: PacketInfo, s: SmtpSession, smtpTree: FieldNode | null): void {
  const cols = pinfo.cols;
  const decryption = pinfo.session.pref('smtp.decryption', false);
  smtpTree?.addHidden(smtpFields.rsp, tvb, 0, 0, true);
  let multiline: number = MultiLine.NONE;
  let multilineCode = 0;
  let codeItem: FieldNode | null = null;
  let respTree: FieldNode | null = null;
  let off = 0;
  while (off < tvb.length) {
    const { len: linelen, next } = findLineEnd(tvb, off);
    cols.appendInfo(off === 0 ? 'S: ' : ' | ');
    if (linelen >= 3 && isDigit(tvb.u8(off)) && isDigit(tvb.u8(off + 1)) && isDigit(tvb.u8(off + 2))) {
      const code = (tvb.u8(off) - 0x30) * 100 + (tvb.u8(off + 1) - 0x30) * 10 + (tvb.u8(off + 2) - 0x30);
      if (linelen > 3 && tvb.u8(off + 3) === 0x2d) {
        if (multiline === MultiLine.NONE) {
          multiline = MultiLine.START;
          multilineCode = code;
        } else multiline = MultiLine.CONTINUE;
      } else if (multiline === MultiLine.START || multiline === MultiLine.CONTINUE) {
        multiline = MultiLine.END;
      }
      if (!pinfo.visited) followReply(pinfo, s, code);
      const continued = multiline === MultiLine.CONTINUE || multiline === MultiLine.END;
      if (!continued) {
        // proto_tree_add_item with ENC_ASCII: the value ends at a NUL, with the trailing-stray warning if bytes follow.
        respTree = smtpTree?.addItem(smtpFields.response, tvb, off, next - off) ?? null;
        codeItem = respTree?.add(smtpFields.responseCode, tvb, off, 3, code) ?? null;
      } else if (multilineCode !== code) {
        pinfo.expert(codeItem, smtpExpert.rspCode, `Unexpected response code ${code} in multiline response. Expected ${multilineCode}`);
      }
      let decoded: Uint8Array | null = null;
      if (linelen >= 4) {
        if (decryption && code === 334) {
          decoded = decodeAuthText(readAscii(tvb, off + 4, linelen - 4));
          if (decoded) {
            respTree?.add(smtpFields.rspParameter, tvb, off + 4, linelen - 4, authBytesText(decoded));
            cols.appendInfo(`${code} ${authBytesInfo(decoded)}`);
          }
        }
        if (!decoded) {
          respTree?.addItem(smtpFields.rspParameter, tvb, off + 4, linelen - 4);
          cols.appendInfo(continued ? formatBytesAsText(tvb.view(off + 4, linelen - 4)) : formatBytesAsText(tvb.view(off, linelen)));
        }
      } else {
        cols.appendInfo(formatBytesAsText(tvb.view(off, linelen)));
      }
      if (multiline === MultiLine.END) multiline = MultiLine.NONE;
    }
    off = next;
  }
}

