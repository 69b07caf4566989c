import { BASE, defineExpert, defineFields, defineProtocol, FT, Group, Severity, vals } from '@netdissect/core';
import { ftpResponseCodes } from './response-codes.js';

export const hfFtp = defineProtocol('ftp', 'File Transfer Protocol (FTP)');
export const hfFtpData = defineProtocol('ftp-data', 'FTP Data');

const eprtAddressFamilies = vals({ 1: 'IPv4', 2: 'IPv6' });

/** The control connection's fields (packet-ftp.c's hf array). */
export const ftpFields = defineFields('ftp', {
  currentWorkingDirectory: { abbrev: 'ftp.current-working-directory', name: 'Current working directory', type: FT.STRING },
  response: { abbrev: 'ftp.response', name: 'Response', type: FT.BOOLEAN, blurb: 'TRUE if FTP response' },
  request: { abbrev: 'ftp.request', name: 'Request', type: FT.BOOLEAN, blurb: 'TRUE if FTP request' },
  requestCommand: { abbrev: 'ftp.request.command', name: 'Request command', type: FT.STRING },
  requestArg: { abbrev: 'ftp.request.arg', name: 'Request arg', type: FT.STRING },
  responseCode: { abbrev: 'ftp.response.code', name: 'Response code', type: FT.UINT32, base: BASE.DEC, strings: ftpResponseCodes },
  responseArg: { abbrev: 'ftp.response.arg', name: 'Response arg', type: FT.STRING },
  pasvIp: { abbrev: 'ftp.passive.ip', name: 'Passive IP address', type: FT.IPv4, blurb: 'Passive IP address (check NAT)' },
  pasvPort: { abbrev: 'ftp.passive.port', name: 'Passive port', type: FT.UINT16, base: BASE.DEC, blurb: 'Passive FTP server port' },
  pasvNat: { abbrev: 'ftp.passive.nat', name: 'Passive IP NAT', type: FT.BOOLEAN, blurb: 'NAT is active SIP and passive IP different' },
  activeIp: { abbrev: 'ftp.active.cip', name: 'Active IP address', type: FT.IPv4, blurb: 'Active FTP client IP address' },
  activePort: { abbrev: 'ftp.active.port', name: 'Active port', type: FT.UINT16, base: BASE.DEC, blurb: 'Active FTP client port' },
  activeNat: { abbrev: 'ftp.active.nat', name: 'Active IP NAT', type: FT.BOOLEAN, blurb: 'NAT is active' },
  eprtAf: { abbrev: 'ftp.eprt.af', name: 'Extended active address family', type: FT.UINT8, base: BASE.DEC, strings: eprtAddressFamilies },
  eprtIp: { abbrev: 'ftp.eprt.ip', name: 'Extended active IP address', type: FT.IPv4, blurb: 'Extended active FTP client IPv4 address' },
  eprtIpv6: { abbrev: 'ftp.eprt.ipv6', name: 'Extended active IPv6 address', type: FT.IPv6, blurb: 'Extended active FTP client IPv6 address' },
  eprtPort: { abbrev: 'ftp.eprt.port', name: 'Extended active port', type: FT.UINT16, base: BASE.DEC, blurb: 'Extended active FTP client listener port' },
  epsvIp: { abbrev: 'ftp.epsv.ip', name: 'Extended passive IPv4 address', type: FT.IPv4, blurb: 'Extended passive FTP server IPv4 address' },
  epsvIpv6: { abbrev: 'ftp.epsv.ipv6', name: 'Extended passive IPv6 address', type: FT.IPv6, blurb: 'Extended passive FTP server IPv6 address' },
  epsvPort: { abbrev: 'ftp.epsv.port', name: 'Extended passive port', type: FT.UINT16, base: BASE.DEC, blurb: 'Extended passive FTP server port' },
  responseFirstFrame: { abbrev: 'ftp.command-response.first-frame-num', name: 'Command response first frame', type: FT.FRAMENUM, blurb: 'First frame seen in resulting ftp-data stream' },
  responseLastFrame: { abbrev: 'ftp.command-response.last-frame-num', name: 'Command response last frame', type: FT.FRAMENUM, blurb: 'Last frame seen in resulting ftp-data stream' },
  responseDuration: { abbrev: 'ftp.command-response.duration', name: 'Response duration', type: FT.UINT32, base: BASE.DEC, unit: ['ms', 'ms'], blurb: 'Duration of command response in ms' },
  responseBitrate: { abbrev: 'ftp.command-response.bitrate', name: 'Response bitrate', type: FT.UINT32, base: BASE.DEC, unit: ['Kbps', 'Kbps'], blurb: 'Bitrate of command response' },
  responseFrames: { abbrev: 'ftp.command-response.frames', name: 'Command response frames', type: FT.UINT32, base: BASE.DEC, blurb: 'Number of frames seen in resulting ftp-data stream' },
  responseBytes: { abbrev: 'ftp.command-response.bytes', name: 'Command response bytes', type: FT.UINT32, base: BASE.DEC, blurb: 'Number of bytes seen in resulting ftp-data stream' },
  setupFrame: { abbrev: 'ftp.setup-frame', name: 'Setup frame', type: FT.FRAMENUM, blurb: 'Where ftp-data conversation for this command was signalled' },
  commandFrame: { abbrev: 'ftp.command-frame', name: 'Command frame', type: FT.FRAMENUM, blurb: 'Where command for setup was seen' },
  command: { abbrev: 'ftp.command', name: 'Command', type: FT.STRING, blurb: 'Command corresponding to this setup frame' },
});

/** The data connection's fields (packet-ftp.c's data_hf array). */
export const ftpDataFields = defineFields('ftp-data', {
  setupFrame: { abbrev: 'ftp-data.setup-frame', name: 'Setup frame', type: FT.FRAMENUM, blurb: 'Where ftp-data conversation was signalled' },
  setupMethod: { abbrev: 'ftp-data.setup-method', name: 'Setup method', type: FT.STRING, blurb: 'Method used to set up data conversation' },
  command: { abbrev: 'ftp-data.command', name: 'Command', type: FT.STRING, blurb: 'Command that this data stream answers' },
  commandFrame: { abbrev: 'ftp-data.command-frame', name: 'Command frame', type: FT.FRAMENUM, blurb: 'Where command for this data was seen' },
  currentWorkingDirectory: { abbrev: 'ftp-data.current-working-directory', name: 'Current working directory', type: FT.STRING, blurb: 'Current working directory at time of command' },
});

export const ftpExpert = {
  eprtArgsInvalid: defineExpert('ftp', 'ftp.eprt.args_invalid', Group.MALFORMED, Severity.WARN, 'EPRT arguments must have the form: |<family>|<addr>|<port>|'),
  epsvArgsInvalid: defineExpert('ftp', 'ftp.epsv.args_invalid', Group.MALFORMED, Severity.WARN, 'EPSV arguments must have the form (|||<port>|)'),
  pwdResponseInvalid: defineExpert('ftp', 'ftp.response.pwd.invalid', Group.MALFORMED, Severity.ERROR, 'Invalid PWD response'),
  /** netdissect's own: the session limit on announced data connections was reached. */
  expectedLimit: defineExpert('ftp', 'ftp.data_connection.limit', Group.PROTOCOL, Severity.WARN, 'Too many announced data connections; this one is not tracked'),
};
