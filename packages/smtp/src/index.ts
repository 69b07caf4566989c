/**
 * @netdissect/smtp: SMTP (commands, replies, AUTH, PIPELINING, DATA/BDAT
 * reassembly, STARTTLS) and the Internet Message Format with MIME
 * multipart, as Wireshark 4.0 dissects them. Importing it registers SMTP
 * on TCP ports 25, 587 and 465, and "imf", "mime_multipart",
 * "data-text-lines" and "media" by name.
 */
import { defaultRegistry } from '@netdissect/core';
import { imfDissector } from './imf-dissect.js';
import { mediaDissector } from './media-fallback.js';
import { registerMediaType } from './media-types.js';
import { multipartDissector } from './mime-multipart.js';
import { SMTP_PORTS, smtpDissector } from './smtp-dissect.js';
import { textLinesDissector } from './text-lines.js';
import { smtpsDissector } from './tls-handoff.js';

export { dissectSmtp, smtpDissector, smtpSessionOf, SMTP_PORTS } from './smtp-dissect.js';
export { hfSmtp, smtpFields, smtpDataFragmentFields, smtpExpert, smtpResponseCodes } from './smtp-fields.js';
export { SmtpSession, SmtpState, AuthState, PduType, type SmtpFrameData, type PendingCredential } from './smtp-session.js';
export { dissectImf, imfDissector } from './imf-dissect.js';
export { hfImf, imfFields, imfHeaders, imfExpert, type ImfHeader, type ImfValueSyntax } from './imf-fields.js';
export { dissectMultipart, multipartDissector, hfMultipart, multipartFields } from './mime-multipart.js';
export { dissectTextLines, textLinesDissector, hfTextLines, type MediaInfo } from './text-lines.js';
export { dissectMedia, mediaDissector, hfMedia, mediaFields } from './media-fallback.js';
export { registerMediaType, tryMediaType } from './media-types.js';
export { IMF_EXPORT_TAP, imfObjectHost } from './imf-export.js';
export { MAIL_ATTACHMENTS_TAP, extractAttachments, type MailAttachment } from './mail-attachments.js';
export { decodeBase64Lenient, decodeQuotedPrintable } from './transfer-decoding.js';
export { parseMail, type ParsedMail } from './parse-mail.js';
export { dissectAfterStartTls, smtpsDissector } from './tls-handoff.js';

for (const port of SMTP_PORTS) defaultRegistry.addUint('tcp.port', port, smtpDissector);
defaultRegistry.addUint('tcp.port', 465, smtpsDissector);
defaultRegistry.addNamed(imfDissector);
defaultRegistry.addNamed(multipartDissector);
defaultRegistry.addNamed(textLinesDissector);
defaultRegistry.addNamed(mediaDissector);

registerMediaType('message/rfc822', imfDissector);
for (const t of ['multipart/mixed', 'multipart/related', 'multipart/alternative', 'multipart/form-data', 'multipart/report', 'multipart/signed', 'multipart/encrypted', 'multipart/']) {
  registerMediaType(t, multipartDissector);
}
