import PostalMime, { type Email } from 'postal-mime';

/** A fully parsed message: decoded headers, text and HTML bodies, attachments (postal-mime's Email). */
export type ParsedMail = Email;

/**
 * Parse a raw RFC 5322 message (an exported .eml, or the bytes an IMF
 * tree points into) with postal-mime: decoded headers, bodies and
 * attachments. Asynchronous, so it is for library users and export paths;
 * dissection itself stays synchronous.
 */
export async function parseMail(raw: Uint8Array, maxNestingDepth = 16): Promise<ParsedMail> {
  return PostalMime.parse(raw, { maxNestingDepth, attachmentEncoding: 'arraybuffer' });
}
