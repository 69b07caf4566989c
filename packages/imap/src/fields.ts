import { defineExpert, defineFields, defineProtocol, FT, Group, Severity } from '@netdissect/core';

/** The IMAP protocol node ("Internet Message Access Protocol"). */
export const hfImap = defineProtocol('imap', 'Internet Message Access Protocol');

/** IMAP fields, named and typed as in packet-imap.c (Wireshark 4.0). */
export const imapFields = defineFields('imap', {
  isRequest: { abbrev: 'imap.isrequest', name: 'Request', type: FT.BOOLEAN, blurb: 'TRUE if IMAP request, FALSE otherwise' },
  line: { abbrev: 'imap.line', name: 'Line', type: FT.STRINGZ, blurb: 'A line of an IMAP message' },
  request: { abbrev: 'imap.request', name: 'Request', type: FT.STRINGZ, blurb: 'Remainder of request line' },
  requestTag: { abbrev: 'imap.request_tag', name: 'Request Tag', type: FT.STRINGZ, blurb: 'First token of request line' },
  response: { abbrev: 'imap.response', name: 'Response', type: FT.STRINGZ, blurb: 'Remainder of response line' },
  responseTag: { abbrev: 'imap.response_tag', name: 'Response Tag', type: FT.STRINGZ, blurb: 'First token of response line' },
  requestCommand: { abbrev: 'imap.request.command', name: 'Request Command', type: FT.STRINGZ, blurb: 'Request command name' },
  responseCommand: { abbrev: 'imap.response.command', name: 'Response Command', type: FT.STRINGZ, blurb: 'Response command name' },
  responseStatus: { abbrev: 'imap.response.status', name: 'Response Status', type: FT.STRINGZ, blurb: 'Response status code' },
  tag: { abbrev: 'imap.tag', name: 'Tag', type: FT.STRINGZ, blurb: 'First token of line' },
  command: { abbrev: 'imap.command', name: 'Command', type: FT.STRINGZ, blurb: 'Request or Response command name' },
  requestFolder: { abbrev: 'imap.request.folder', name: 'Request Folder', type: FT.STRINGZ, blurb: 'Request command folder' },
  requestUid: { abbrev: 'imap.request.command.uid', name: 'Request isUID', type: FT.BOOLEAN, blurb: 'Request command uid' },
  requestUsername: { abbrev: 'imap.request.username', name: 'Request Username', type: FT.STRINGZ, blurb: 'Request command username' },
  requestPassword: { abbrev: 'imap.request.password', name: 'Request Password', type: FT.STRINGZ, blurb: 'Request command password' },
  responseIn: { abbrev: 'imap.response_in', name: 'Response In', type: FT.FRAMENUM, blurb: 'The response to this IMAP request is in this frame' },
  responseTo: { abbrev: 'imap.response_to', name: 'Request In', type: FT.FRAMENUM, blurb: 'This is a response to the IMAP request in this frame' },
  time: { abbrev: 'imap.time', name: 'Response Time', type: FT.RELATIVE_TIME, blurb: 'The time between the request and response' },
});

/** Not in Wireshark 4.0: raised where a FETCH literal is larger than limits.imapMaxLiteralBytes and is not waited for. */
export const eiLiteralTooLarge = defineExpert('imap', 'imap.literal.too_large', Group.REASSEMBLE, Severity.WARN, 'Literal larger than the IMAP literal limit; not reassembled');
