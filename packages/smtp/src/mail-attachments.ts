import {
  asciiLower, findMediaTypeParameter, registerExportObjects, unfoldAndCompactMimeHeader, type ExportedObject, type PacketInfo, type Tvb,
} from '@netdissect/core';
import { decodeWords } from 'postal-mime';
import { decodeBase64Lenient, decodeQuotedPrintable } from './transfer-decoding.js';
import { imfObjectHost } from './imf-export.js';

/** The tap every decoded MIME attachment is reported on ("--export-objects attachments,DIR"). */
export const MAIL_ATTACHMENTS_TAP = 'mail_attachments';

/** A file carried inside a message, decoded from its transfer encoding. */
export interface MailAttachment {
  /** From Content-Disposition filename or Content-Type name (RFC 2231/2047 decoded), null when the part names none. */
  readonly filename: string | null;
  /** Lower-case media type ("image/jpeg"). */
  readonly contentType: string;
  readonly content: Uint8Array;
}

const latin1 = new TextDecoder('latin1');
const MAX_DEPTH = 16;

interface Entity {
  headers: Map<string, string>;
  body: Uint8Array;
}

/** Split an entity into its (unfolded) headers, by lower-case name, and its body. */
function parseEntity(bytes: Uint8Array): Entity {
  const headers = new Map<string, string>();
  let p = 0;
  let current: string | null = null;
  const flush = (): void => {
    if (current === null) return;
    const colon = current.indexOf(':');
    if (colon > 0) {
      const name = asciiLower(current.slice(0, colon).trim());
      if (!headers.has(name)) headers.set(name, current.slice(colon + 1).trim());
    }
    current = null;
  };
  while (p < bytes.length) {
    let e = bytes.indexOf(0x0a, p);
    if (e < 0) e = bytes.length;
    const lineEnd = e > p && bytes[e - 1] === 0x0d ? e - 1 : e;
    const line = latin1.decode(bytes.subarray(p, lineEnd));
    p = e + 1;
    if (line.length === 0) {
      flush();
      return { headers, body: bytes.subarray(Math.min(p, bytes.length)) };
    }
    if ((line[0] === ' ' || line[0] === '\t') && current !== null) current += ` ${line.trim()}`;
    else {
      flush();
      current = line;
    }
  }
  flush();
  return { headers, body: new Uint8Array(0) };
}

/** The bodies of a multipart entity, without the line end that belongs to each delimiter. */
function splitMultipart(body: Uint8Array, boundary: string): Uint8Array[] {
  const text = latin1.decode(body);
  const delimiter = `--${boundary}`;
  const parts: Uint8Array[] = [];
  let partStart = -1;
  let p = 0;
  while (p <= text.length) {
    let e = text.indexOf('\n', p);
    if (e < 0) e = text.length;
    const line = text.slice(p, e).replace(/\r$/, '');
    if (line.startsWith(delimiter)) {
      if (partStart >= 0) {
        let end = p;
        if (end > partStart && text[end - 1] === '\n') end--;
        if (end > partStart && text[end - 1] === '\r') end--;
        parts.push(body.subarray(partStart, end));
      }
      if (line.startsWith(`${delimiter}--`)) return parts;
      partStart = e + 1;
    }
    p = e + 1;
  }
  if (partStart >= 0 && partStart < body.length) parts.push(body.subarray(partStart));
  return parts;
}

/** Percent-decode an RFC 2231 extended value ("utf-8'en'%E2%82%AC") into text. */
function decodeExtendedValue(pieces: string[], charset: string | null): string {
  const bytes = Uint8Array.from(decodeURIComponentBytes(pieces.join('')));
  try {
    return new TextDecoder(charset || 'utf-8').decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

/** A MIME parameter, with RFC 2231 continuations ("name*0*=") and charsets ("name*=utf-8''%E2%82%AC") resolved. */
function mimeParameter(value: string | undefined, key: string): string | null {
  if (value === undefined) return null;
  const params = unfoldAndCompactMimeHeader(value).text;
  const semi = params.indexOf(';');
  if (semi < 0) return null;
  const rest = params.slice(semi + 1);
  const plain = findMediaTypeParameter(rest, key, true);
  if (plain !== null) return plain;
  const pieces: string[] = [];
  let charset: string | null = null;
  const extended = findMediaTypeParameter(rest, `${key}*`, true);
  for (let i = 0; extended === null || i === 0; i++) {
    const enc = extended ?? findMediaTypeParameter(rest, `${key}*${i}*`, true);
    const raw = enc === null ? findMediaTypeParameter(rest, `${key}*${i}`, true) : null;
    if (enc === null && raw === null) break;
    if (enc !== null) {
      const m = i === 0 ? /^([^']*)'[^']*'(.*)$/.exec(enc) : null;
      if (m) charset = m[1]!;
      pieces.push(m ? m[2]! : enc);
    } else {
      pieces.push(raw!.replace(/%/g, '%25'));
    }
  }
  return pieces.length ? decodeExtendedValue(pieces, charset) : null;
}

function decodeURIComponentBytes(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x25 && /^[0-9a-fA-F]{2}$/.test(s.slice(i + 1, i + 3))) {
      out.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else out.push(c & 0xff);
  }
  return out;
}

function decodeBody(body: Uint8Array, encoding: string | undefined): Uint8Array {
  switch (asciiLower(encoding ?? '').trim()) {
    case 'base64': return decodeBase64Lenient(latin1.decode(body));
    case 'quoted-printable': return decodeQuotedPrintable(body);
    default: return body.slice();
  }
}

/**
 * The attachments of a raw RFC 5322 message, found as postal-mime finds
 * them (leaf parts other than inline text/plain and text/html bodies;
 * inline message/rfc822 parts are searched too) but synchronously, so the
 * IMF dissector can report them while it runs. At most `maxParts` parts are walked.
 */
export function extractAttachments(message: Uint8Array, maxParts = 1000): MailAttachment[] {
  const out: MailAttachment[] = [];
  let budget = maxParts;
  const walk = (bytes: Uint8Array, depth: number, defaultType: string): void => {
    if (budget-- <= 0 || depth > MAX_DEPTH) return;
    const { headers, body } = parseEntity(bytes);
    const ctHeader = headers.get('content-type');
    const type = ctHeader ? asciiLower(ctHeader.split(';')[0]!.trim()) || defaultType : defaultType;
    const disposition = asciiLower((headers.get('content-disposition') ?? '').split(';')[0]!.trim());
    if (type.startsWith('multipart/')) {
      const boundary = ctHeader ? findMediaTypeParameter(unfoldAndCompactMimeHeader(ctHeader.slice(ctHeader.indexOf(';') + 1)).text, 'boundary', true) : null;
      if (!boundary) return;
      const childType = type === 'multipart/digest' ? 'message/rfc822' : 'text/plain';
      for (const part of splitMultipart(body, boundary)) walk(part, depth + 1, childType);
      return;
    }
    const content = decodeBody(body, headers.get('content-transfer-encoding'));
    if (type === 'message/rfc822' && disposition !== 'attachment') {
      walk(content, depth + 1, 'text/plain');
      return;
    }
    if (disposition !== 'attachment' && (type === 'text/plain' || type === 'text/html')) return;
    if (content.length === 0) return;
    const name = mimeParameter(headers.get('content-disposition'), 'filename') ?? mimeParameter(ctHeader, 'name');
    out.push({ filename: name === null ? null : decodeWords(name), contentType: type, content });
  };
  walk(message, 0, 'text/plain');
  return out;
}

/** Report the attachments of the message in `tvb` on MAIL_ATTACHMENTS_TAP, when someone listens. */
export function reportAttachments(pinfo: PacketInfo, tvb: Tvb, sender: string): void {
  if (!pinfo.session.taps.has(MAIL_ATTACHMENTS_TAP)) return;
  const attachments = extractAttachments(tvb.view(0, tvb.length), pinfo.session.limits.maxMimeParts);
  attachments.forEach((a, i) => {
    const obj: ExportedObject = {
      frame: pinfo.num,
      hostname: imfObjectHost(sender),
      contentType: a.contentType,
      filename: a.filename ?? `attachment-${pinfo.num}-${i + 1}`,
      payload: a.content,
    };
    pinfo.tap(MAIL_ATTACHMENTS_TAP, obj);
  });
}

// Attachments come from the messages IMF reads.
registerExportObjects({ name: 'attachments', tap: MAIL_ATTACHMENTS_TAP, protocols: ['imf'] });
