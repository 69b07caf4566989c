import { findLineEnd, formatAsciiStringAsText, formatBytesAsText, readAsciiCString, type FieldNode, type PacketInfo, type Tvb } from '@netdissect/core';
import { authBytesInfo, authBytesText, decodeAuthText } from './smtp-auth.js';
import { smtpExpert, smtpFields } from './smtp-fields.js';
import type { SmtpSession } from './smtp-session.js';

/**
 * An AUTH argument as shown: decoded when "smtp.decryption" is on and it
 * decodes, else as sent (read as ASCII, as packet-smtp.c shows it in Info).
 */
function authValue(tvb: Tvb, off: number, len: number, decryption: boolean): { value: string; info: string } {
  // tvb_get_string_enc gives a C string: what follows a NUL is neither decoded nor in the item (Info shows it all).
  const raw = readAsciiCString(tvb, off, len);
  if (decryption) {
    const decoded = decodeAuthText(raw);
    if (decoded) return { value: authBytesText(decoded), info: authBytesInfo(decoded) };
  }
  return { value: raw, info: formatAsciiStringAsText(tvb.view(off, len)) };
}

/** decode_plain_auth: "authzid NUL user NUL password" in base64, shown decoded only when the preference allows. */
function showPlainAuth(tvb: Tvb, pinfo: PacketInfo, tree: FieldNode | null, off: number, len: number, decryption: boolean): void {
  const raw = readAsciiCString(tvb, off, len);
  if (!decryption) {
    // proto_tree_add_item with ENC_ASCII: up to a NUL, with the stray-characters expert when bytes follow it.
    const item = tree?.addItem(smtpFields.usernamePassword, tvb, off, len) ?? null;
    pinfo.expert(item, smtpExpert.base64Decode);
    pinfo.cols.appendInfo(formatAsciiStringAsText(tvb.view(off, len)));
    return;
  }
  const decoded = decodeAuthText(raw);
  if (!decoded) return;
  const first = decoded.indexOf(0);
  const user1 = first < 0 ? decoded.length : first;
  if (decoded.length < user1 + 1) return;
  const rest = decoded.subarray(user1 + 1);
  const second = rest.indexOf(0);
  const user = rest.subarray(0, second < 0 ? rest.length : second);
  tree?.add(smtpFields.username, tvb, off, len, authBytesText(user));
  pinfo.cols.appendInfo(`User: ${authBytesInfo(user)}`);
  if (second < 0) return;
  const pass = rest.subarray(second + 1);
  const passLen = pass.indexOf(0) < 0 ? pass.length : pass.indexOf(0);
  tree?.add(smtpFields.password, tvb, off, passLen, authBytesText(pass));
  pinfo.cols.appendInfo(`  Pass: ${authBytesInfo(pass.subarray(0, passLen))}`);
}

/**
 * Client command lines: "C: " then each line joined by " | " in Info,
 * smtp.command_line with its command and parameter, and the AUTH lines
 * (username, password, PLAIN blob) the first pass recognised.
 * `continued`: the lines follow something else already in Info.
 */
export function dissectCommands(tvb: Tvb, pinfo: PacketInfo, s: SmtpSession, smtpTree: FieldNode | null, continued: boolean): void {
  const cols = pinfo.cols;
  const decryption = pinfo.session.pref('smtp.decryption', false);
  const num = pinfo.num;
  let off = 0;
  while (off < tvb.length) {
    const { len, next } = findLineEnd(tvb, off);
    cols.appendInfo(off === 0 && !continued ? 'C: ' : ' | ');
    smtpTree?.addHidden(smtpFields.req, tvb, 0, 0, true);
    if (s.usernameFrame === num) {
      const v = authValue(tvb, off, len, decryption);
      s.username ??= v.value;
      smtpTree?.add(smtpFields.username, tvb, off, len, v.value);
      cols.appendInfo(`User: ${v.info}`);
    } else if (s.passwordFrame === num) {
      const v = authValue(tvb, off, len, decryption);
      smtpTree?.add(smtpFields.password, tvb, off, len, v.value);
      cols.appendInfo(`Pass: ${v.info}`);
    } else if (s.ntlmRspFrame === num) {
      // NTLMSSP is not dissected here: the line is shown as sent.
      cols.appendInfo(formatAsciiStringAsText(tvb.view(off, len)));
      smtpTree?.addItem(smtpFields.commandLine, tvb, off, len);
    } else if (s.userPassFrame === num) {
      showPlainAuth(tvb, pinfo, smtpTree, off, len, decryption);
    } else {
      const cmdlen = len >= 4 ? 4 : len;
      // proto_tree_add_item with ENC_ASCII: each value ends at a NUL, with the trailing-stray warning if bytes follow.
      const line = smtpTree?.addItem(smtpFields.commandLine, tvb, off, next - off) ?? null;
      line?.addItem(smtpFields.reqCommand, tvb, off, cmdlen);
      const addParameter = (): void => void line?.addItem(smtpFields.reqParameter, tvb, off + 5, len - 5);
      if (len > 5 && s.usernameCmdFrame === num) {
        addParameter();
        if (len >= 11) {
          const v = authValue(tvb, off + 11, len - 11, decryption);
          line?.add(smtpFields.username, tvb, off + 11, len - 11, v.value);
          cols.appendInfo(`${formatBytesAsText(tvb.view(off, 11))}User: ${v.info}`);
        }
      } else if (len > 5 && s.ntlmReqFrame === num) {
        addParameter();
        if (len >= 10) cols.appendInfo(formatAsciiStringAsText(tvb.view(off, 10)) + formatAsciiStringAsText(tvb.view(off + 10, len - 10)));
      } else if (len > 5 && s.userPassCmdFrame === num) {
        addParameter();
        cols.appendInfo(formatBytesAsText(tvb.view(off, 11)));
        showPlainAuth(tvb, pinfo, line, off + 11, len - 11, decryption);
      } else if (len > 5) {
        addParameter();
        cols.appendInfo(formatBytesAsText(tvb.view(off, len)));
      } else {
        cols.appendInfo(formatBytesAsText(tvb.view(off, len)));
      }
    }
    off = next;
  }
}
