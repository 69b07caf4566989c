import { BASE, defineExpert, defineFields, defineProtocol, FT, Group, Severity, vals, type FragmentFields } from '@netdissect/core';

/** Reply codes with their RFC 2821/4954 meanings, as Wireshark names them. */
export const smtpResponseCodes = vals({
  211: 'System status, or system help reply',
  214: 'Help message',
  220: '<domain> Service ready',
  221: '<domain> Service closing transmission channel',
  235: 'Authentication successful',
  250: 'Requested mail action okay, completed',
  251: 'User not local; will forward to <forward-path>',
  252: 'Cannot VRFY user, but will accept message and attempt delivery',
  334: 'AUTH input',
  354: 'Start mail input; end with <CRLF>.<CRLF>',
  421: '<domain> Service not available, closing transmission channel',
  432: 'A password transition is needed',
  450: 'Requested mail action not taken: mailbox unavailable',
  451: 'Requested action aborted: local error in processing',
  452: 'Requested action not taken: insufficient system storage',
  454: 'Temporary authentication failed',
  500: 'Syntax error, command unrecognized',
  501: 'Syntax error in parameters or arguments',
  502: 'Command not implemented',
  503: 'Bad sequence of commands',
  504: 'Command parameter not implemented',
  530: 'Authentication required',
  534: 'Authentication mechanism is too weak',
  535: 'Authentication credentials invalid',
  538: 'Encryption required for requested authentication mechanism',
  550: 'Requested action not taken: mailbox unavailable',
  551: 'User not local; please try <forward-path>',
  552: 'Requested mail action aborted: exceeded storage allocation',
  553: 'Requested action not taken: mailbox name not allowed',
  554: 'Transaction failed',
});

export const hfSmtp = defineProtocol('smtp', 'Simple Mail Transfer Protocol');

export const smtpFields = defineFields('smtp', {
  req: { abbrev: 'smtp.req', name: 'Request', type: FT.BOOLEAN },
  rsp: { abbrev: 'smtp.rsp', name: 'Response', type: FT.BOOLEAN },
  message: { abbrev: 'smtp.message', name: 'Message', type: FT.STRING },
  commandLine: { abbrev: 'smtp.command_line', name: 'Command Line', type: FT.STRING },
  reqCommand: { abbrev: 'smtp.req.command', name: 'Command', type: FT.STRING },
  reqParameter: { abbrev: 'smtp.req.parameter', name: 'Request parameter', type: FT.STRING },
  response: { abbrev: 'smtp.response', name: 'Response', type: FT.STRING },
  responseCode: { abbrev: 'smtp.response.code', name: 'Response code', type: FT.UINT32, base: BASE.DEC, strings: smtpResponseCodes },
  rspParameter: { abbrev: 'smtp.rsp.parameter', name: 'Response parameter', type: FT.STRING },
  username: { abbrev: 'smtp.auth.username', name: 'Username', type: FT.STRING },
  password: { abbrev: 'smtp.auth.password', name: 'Password', type: FT.STRING },
  usernamePassword: { abbrev: 'smtp.auth.username_password', name: 'Username/Password', type: FT.STRING },
  eom: { abbrev: 'smtp.eom', name: 'EOM', type: FT.NONE },
});

/** The DATA reassembly's fragment fields (smtp_data_frag_items), shown by core's showFragmentTree. */
const dataFragments = defineFields('smtp', {
  fragments: { abbrev: 'smtp.data.fragments', name: 'DATA fragments', type: FT.NONE },
  fragment: { abbrev: 'smtp.data.fragment', name: 'DATA fragment', type: FT.FRAMENUM },
  overlap: { abbrev: 'smtp.data.fragment.overlap', name: 'DATA fragment overlap', type: FT.BOOLEAN },
  overlapConflict: { abbrev: 'smtp.data.fragment.overlap.conflicts', name: 'DATA fragment overlapping with conflicting data', type: FT.BOOLEAN },
  multipleTails: { abbrev: 'smtp.data.fragment.multiple_tails', name: 'DATA has multiple tail fragments', type: FT.BOOLEAN },
  tooLong: { abbrev: 'smtp.data.fragment.too_long_fragment', name: 'DATA fragment too long', type: FT.BOOLEAN },
  error: { abbrev: 'smtp.data.fragment.error', name: 'DATA defragmentation error', type: FT.FRAMENUM },
  count: { abbrev: 'smtp.data.fragment.count', name: 'DATA fragment count', type: FT.UINT32, base: BASE.DEC },
  reassembledIn: { abbrev: 'smtp.data.reassembled.in', name: 'Reassembled DATA in frame', type: FT.FRAMENUM },
  reassembledLength: { abbrev: 'smtp.data.reassembled.length', name: 'Reassembled DATA length', type: FT.UINT32, base: BASE.DEC },
});
export const smtpDataFragmentFields: FragmentFields = { ...dataFragments, reassembledData: null, tag: 'DATA fragments' };

export const smtpExpert = {
  base64Decode: defineExpert('smtp', 'smtp.base64_decode', Group.PROTOCOL, Severity.WARN, 'base64 decode failed or is not enabled (check SMTP preferences)'),
  rspCode: defineExpert('smtp', 'smtp.response.code.unexpected', Group.PROTOCOL, Severity.WARN, 'Unexpected response code in multiline response'),
  /** Not in Wireshark, which has no cap: a message (DATA or BDAT) outgrew the session's reassembly limits. */
  dataLimit: defineExpert('smtp', 'smtp.data.limit_reached', Group.REASSEMBLE, Severity.WARN, 'SMTP message not reassembled: reassembly limit reached'),
};
