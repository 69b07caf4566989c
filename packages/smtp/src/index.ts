/**
 * @netdissect/smtp: SMTP (commands, replies, AUTH, PIPELINING, DATA/BDAT
 * reassembly, STARTTLS) and the Internet Message Format, as Wireshark 4.0
 * dissects them. Importing it registers SMTP on TCP ports 25, 587 and 465,
 * and "imf" by name and as the "message/rfc822" media type. MIME multipart,
 * "data-text-lines" and "media" are core's shared media layer, re-exported here.
 */
import { defaultRegistry, registerMediaType } from '@netdissect/core';
import { imfDissector } from './imf-dissect.js';
import { SMTP_PORTS, smtpDissector } from './smtp-dissect.js';
import { smtpsDissector } from './tls-handoff.js';

export { dissectSmtp, smtpDissector, smtpSessionOf, SMTP_PORTS } from './smtp-dissect.js';
export { hfSmtp, smtpFields, smtpDataFragmentFields, smtpExpert, smtpResponseCodes } from './smtp-fields.js';
export { SmtpSession, SmtpState, AuthState, PduType, type SmtpFrameData, type PendingCredential } from './smtp-session.js';
export { dissectImf, imfDissector } from './imf-dissect.js';
export { hfImf, imfFields, imfHeaders, imfExpert, type ImfHeader, type ImfValueSyntax } from './imf-fields.js';
export {
  dissectMultipart, multipartDissector, hfMultipart, multipartFields, textLinesDissector, hfTextLines, mediaDissector, hfMedia, mediaFields,
  registerMediaType, tryMediaType, type MediaInfo,
} from '@netdissect/core';
export { IMF_EXPORT_TAP, imfObjectHost } from './imf-export.js';
export { MAIL_ATTACHMENTS_TAP, extractAttachments, type MailAttachment } from './mail-attachments.js';
export { decodeBase64Lenient, decodeQuotedPrintable } from './transfer-decoding.js';
export { parseMail, type ParsedMail } from './parse-mail.js';
export { dissectAfterStartTls, smtpsDissector } from './tls-handoff.js';

for (const port of SMTP_PORTS) defaultRegistry.addUint('tcp.port', port, smtpDissector);
defaultRegistry.addUint('tcp.port', 465, smtpsDissector);
defaultRegistry.addNamed(imfDissector);
registerMediaType('message/rfc822', imfDissector);
