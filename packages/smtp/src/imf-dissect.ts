import {
  asciiLower, BoundsKind, DissectorBoundsError, enterNested, findFieldEnd, findLineEnd, formatBytesAsText, isAsciiSpace, leaveNested, makeDissector, readAscii, readAsciiCString, tryMediaType, Tvb, type FieldNode, type PacketInfo,
} from '@netdissect/core';
import { addAsciiItem, dissectAddressList, dissectMailbox, dissectMailboxList, findByte } from './imf-address.js';
import { hfImf, imfFields, imfHeaders, type ImfHeader } from './imf-fields.js';
import { reportImfObject } from './imf-export.js';
import { reportAttachments } from './mail-attachments.js';
import { decodeBase64Lenient } from './transfer-decoding.js';
import { dissectSioLabel } from './imf-siolabel.js';

const UNKNOWN = imfHeaders.get('unknown-extension')!;

/** The Content-Type split into type and parameters (dissect_imf_content_type). */
function dissectContentType(tvb: Tvb, off: number, len: number, item: FieldNode | null): { type: string | null; parameters: string | null } {
  for (let i = 0; i < len; i++) {
    if (!isAsciiSpace(tvb.u8(off + i))) {
      off += i;
      break;
    }
  }
  const semi = findByte(tvb, off, len, 0x3b);
  if (semi === -1) return { type: null, parameters: null };
  const type = readAscii(tvb, off, semi - off);
  item?.add(imfFields.contentTypeType, tvb, off, semi - off, type);
  const fe = findFieldEnd(tvb, semi + 1, off + len);
  if (fe.end === -1) return { type, parameters: null };
  const plen = fe.end - (semi + 1) - 2;
  if (plen < -1) throw new DissectorBoundsError(BoundsKind.Reported);
  const n = plen === -1 ? tvb.remaining(semi + 1) : plen;
  const parameters = readAscii(tvb, semi + 1, n);
  item?.add(imfFields.contentTypeParameters, tvb, semi + 1, n, parameters);
  return { type, parameters };
}

function runValueSyntax(h: ImfHeader, tvb: Tvb, off: number, len: number, item: FieldNode, pinfo: PacketInfo): void {
  switch (h.syntax) {
    case 'mailbox': return dissectMailbox(tvb, off, len, item);
    case 'mailbox_list': return dissectMailboxList(tvb, off, len, item);
    case 'address_list': return dissectAddressList(tvb, off, len, item);
    case 'siolabel': return dissectSioLabel(tvb, off, len, item, pinfo);
    default:
  }
}

/**
 * packet-imf.c: an RFC 5322 message in `tvb` (headers, blank line, body).
 * Known headers become imf.* fields, From and Subject go to Info, and the
 * body is handed to the dissector of its Content-Type (multipart, text
 * lines...) or shown as message text. Callers (SMTP DATA, POP3 RETR,
 * IMAP FETCH) pass the raw message; it need not be complete.
 */
export function dissectImf(tvb: Tvb, pinfo: PacketInfo, tree: FieldNode | null): number {
  const cols = pinfo.cols;
  cols.setProtocol(`${cols.protocol}/IMF`);
  cols.clearInfo();
  const top = tree?.addProtocol(hfImf, tvb, 0, tvb.length) ?? null;
  const max = tvb.length;
  let sender = '';
  let subject = '';
  let contentType: string | null = null;
  let parameters: string | null = null;
  let encoding: string | null = null;
  let start = 0;
  let end = 0;
  let lastField = false;
  while (!lastField) {
    end = findByte(tvb, start, max - start, 0x3a);
    if (end === -1) break;
    const key = asciiLower(readAsciiCString(tvb, start, end - start));
    let h = imfHeaders.get(key);
    let unknownOffset = 0;
    if (h === undefined || h === UNKNOWN) {
      h = UNKNOWN;
      unknownOffset = start;
    }
    start = end + 1;
    const fe = findFieldEnd(tvb, start, max);
    end = fe.end;
    lastField = fe.lastField;
    if (end === -1) break;
    let valueOffset = start;
    while (valueOffset < end && isAsciiSpace(tvb.u8(valueOffset))) valueOffset++;
    if (valueOffset === end) valueOffset = start;
    const valueLen = end - valueOffset - 2;
    let item: FieldNode | null = null;
    if (h === UNKNOWN) {
      if (top) {
        item = addAsciiItem(top, imfFields.extension, tvb, unknownOffset, end - unknownOffset - 2);
        if (top.ctx.full) item.appendText(' (Contact Wireshark developers if you want this supported.)');
        addAsciiItem(item, imfFields.extensionType, tvb, unknownOffset, start - 1 - unknownOffset);
        item = addAsciiItem(item, imfFields.extensionValue, tvb, valueOffset, valueLen);
      }
    } else if (top) {
      item = addAsciiItem(top, h.field, tvb, valueOffset, valueLen);
    }
    if (h.inInfo) {
      const n = valueLen === -1 ? tvb.remaining(valueOffset) : valueLen;
      if (n < 0) throw new DissectorBoundsError(BoundsKind.Reported);
      cols.appendInfo(`${h.name}: ${formatBytesAsText(tvb.view(valueOffset, n))}, `);
      if (h.field === imfFields.from) sender = readAsciiCString(tvb, valueOffset, n);
      else if (h.field === imfFields.subject) subject = readAsciiCString(tvb, valueOffset, n);
    }
    if (h.field === imfFields.contentType) {
      ({ type: contentType, parameters } = dissectContentType(tvb, start, end - start, item));
    } else if (h.field === imfFields.contentTransferEncoding) {
      if (valueLen < -1) throw new DissectorBoundsError(BoundsKind.Reported);
      encoding = readAsciiCString(tvb, valueOffset, valueLen === -1 ? tvb.remaining(valueOffset) : valueLen);
    } else if (item && h.syntax) {
      runValueSyntax(h, tvb, valueOffset, end - valueOffset, item, pinfo);
    }
    start = end;
  }
  if (lastField) end += 2;
  if (end === -1) end = 0;

  if (contentType !== null) {
    cols.setFence();
    let body: Tvb;
    if (encoding !== null && asciiLower(encoding.slice(0, 6)) === 'base64') {
      const decoded = decodeBase64Lenient(readAsciiCString(tvb, end, tvb.reported - end));
      body = pinfo.addDataSource(encoding, decoded);
    } else {
      body = tvb.sub(end);
    }
    if (enterNested(pinfo)) {
      try {
        tryMediaType(contentType, parameters, body, pinfo, top);
      } finally {
        leaveNested(pinfo);
      }
    }
  } else {
    const text = top?.add(imfFields.messageText, tvb, end, tvb.reportedRemaining(end), null) ?? null;
    let off = end;
    while (off < tvb.length) {
      const { next } = findLineEnd(tvb, off);
      const line = formatBytesAsText(tvb.view(off, next - off), true);
      if (text && text.ctx.full) text.addText(tvb, off, next - off, line);
      cols.appendSepInfo(', ', line);
      off = next;
    }
  }
  if (!pinfo.visited) {
    reportImfObject(pinfo, sender, subject, tvb);
    reportAttachments(pinfo, tvb, sender);
  }
  return tvb.length;
}

export const imfDissector = makeDissector('imf', 'IMF', (tvb, pinfo, tree) => dissectImf(tvb, pinfo, tree), ['table:media_type']);
