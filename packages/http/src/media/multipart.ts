import { defineExpert, defineFields, defineProtocol, formatBytesAsText, FT, Group, makeDissector, Severity, Tvb, type FieldDef, type FieldNode, type PacketInfo } from '@netdissect/core';
import { inflateBody, isDecodeFailure } from '../content-decoding.js';
import { asciiString } from '../line-scan.js';
import { mediaTypeDissector, registerMediaType, type MediaInfo } from '../media-types.js';
import { findMediaTypeParameter, unfoldMimeHeader } from './media-parameters.js';
import { mediaDissector } from './media-default.js';

export const hfMultipart = defineProtocol('mime_multipart', 'MIME Multipart Media Encapsulation');
export const multipartFields = defineFields('mime_multipart', {
  type: { abbrev: 'mime_multipart.type', name: 'Type', type: FT.STRING },
  part: { abbrev: 'mime_multipart.part', name: 'Encapsulated multipart part', type: FT.STRING },
  contentDescription: { abbrev: 'mime_multipart.header.content-description', name: 'Content-Description', type: FT.STRING },
  contentDisposition: { abbrev: 'mime_multipart.header.content-disposition', name: 'Content-Disposition', type: FT.STRING },
  contentEncoding: { abbrev: 'mime_multipart.header.content-encoding', name: 'Content-Encoding', type: FT.STRING },
  contentId: { abbrev: 'mime_multipart.header.content-id', name: 'Content-Id', type: FT.STRING },
  contentLanguage: { abbrev: 'mime_multipart.header.content-language', name: 'Content-Language', type: FT.STRING },
  contentLength: { abbrev: 'mime_multipart.header.content-length', name: 'Content-Length', type: FT.STRING },
  contentTransferEncoding: { abbrev: 'mime_multipart.header.content-transfer-encoding', name: 'Content-Transfer-Encoding', type: FT.STRING },
  contentType: { abbrev: 'mime_multipart.header.content-type', name: 'Content-Type', type: FT.STRING },
  originalContent: { abbrev: 'mime_multipart.header.originalcontent', name: 'Original Content', type: FT.STRING },
  firstBoundary: { abbrev: 'mime_multipart.first_boundary', name: 'First boundary', type: FT.STRING },
  preamble: { abbrev: 'mime_multipart.preamble', name: 'Preamble', type: FT.BYTES },
  lastBoundary: { abbrev: 'mime_multipart.last_boundary', name: 'Last boundary', type: FT.STRING },
  boundary: { abbrev: 'mime_multipart.boundary', name: 'Boundary', type: FT.STRING },
  trailer: { abbrev: 'mime_multipart.trailer', name: 'Trailer', type: FT.BYTES },
});
const eiNoParameter = defineExpert('mime_multipart', 'mime_multipart.no_required_parameter', Group.PROTOCOL, Severity.ERROR, 'The multipart dissector could not find a required parameter.');

/** Part headers the dissector gives a field, with their compact (SIP) names. */
const partHeaders = new Map<string, FieldDef>([
  ['content-description', multipartFields.contentDescription],
  ['content-disposition', multipartFields.contentDisposition],
  ['content-encoding', multipartFields.contentEncoding],
  ['e', multipartFields.contentEncoding],
  ['content-id', multipartFields.contentId],
  ['content-language', multipartFields.contentLanguage],
  ['content-length', multipartFields.contentLength],
  ['l', multipartFields.contentLength],
  ['content-transfer-encoding', multipartFields.contentTransferEncoding],
  ['content-type', multipartFields.contentType],
  ['c', multipartFields.contentType],
  ['originalcontent', multipartFields.originalContent],
]);

/** tvb_strneql, where a negative offset counts from the end of the data. */
function bytesAt(tvb: Tvb, offset: number, s: Uint8Array): boolean {
  const off = offset < 0 ? tvb.length + offset : offset;
  if (off < 0 || !tvb.has(off, s.length)) return false;
  const b = tvb.bytes;
  const p = tvb.start + off;
  for (let i = 0; i < s.length; i++) if (b[p + i] !== s[i]) return false;
  return true;
}

const DASHES = new Uint8Array([0x2d, 0x2d]);

/** Offset just past the line at `offset` (its CR, LF or CRLF included), or the end of the data. */
function lineEnd(tvb: Tvb, offset: number): { len: number; next: number } {
  const b = tvb.bytes;
  let i = offset;
  while (i < tvb.length && b[tvb.start + i] !== 0x0d && b[tvb.start + i] !== 0x0a) i++;
  if (i >= tvb.length) return { len: i - offset, next: i };
  const next = b[tvb.start + i] === 0x0d && i + 1 < tvb.length && b[tvb.start + i + 1] === 0x0a ? i + 2 : i + 1;
  return { len: i - offset, next };
}

interface Boundary {
  start: number;
  lineLen: number;
  last: boolean;
}

/** find_first_boundary: "--boundary" at the start of a line. */
function findFirstBoundary(tvb: Tvb, boundary: Uint8Array): Boundary | null {
  let offset = 0;
  while (offset + 2 + boundary.length < tvb.length) {
    if (bytesAt(tvb, offset, DASHES) && bytesAt(tvb, offset + 2, boundary)) {
      const last = bytesAt(tvb, offset + 2 + boundary.length, DASHES);
      return { start: offset, lineLen: lineEnd(tvb, offset).next - offset, last };
    }
    const next = lineEnd(tvb, offset).next;
    if (next <= offset) return null;
    offset = next;
  }
  return null;
}

/** find_next_boundary: the line end before "--boundary" (or a close delimiter glued to the data) after `start`. */
function findNextBoundary(tvb: Tvb, start: number, boundary: Uint8Array): Boundary | null {
  let offset = start;
  const n = boundary.length;
  while (offset + 2 + n < tvb.length) {
    const line = lineEnd(tvb, offset);
    const bStart = offset + line.len;
    if (bytesAt(tvb, line.next, DASHES) && bytesAt(tvb, line.next + 2, boundary)) {
      const last = bytesAt(tvb, line.next + 2 + n, DASHES);
      return { start: bStart, lineLen: lineEnd(tvb, line.next).next - bStart, last };
    }
    if (bytesAt(tvb, bStart - 2, DASHES) && bytesAt(tvb, bStart - (2 + n), boundary) && bytesAt(tvb, bStart - (2 + n + 2), DASHES)) {
      const s = bStart - (2 + n + 2);
      return { start: s, lineLen: line.next - s, last: true };
    }
    if (line.next <= offset) return null;
    offset = line.next;
  }
  return null;
}

/** imf_find_field_end: the end of a (possibly folded) header field, and whether an empty line follows. */
function findFieldEnd(tvb: Tvb, offset: number, max: number): { end: number; last: boolean } | null {
  const b = tvb.bytes;
  while (offset < max) {
    const cr = tvb.find(0x0d, offset, Math.min(max, tvb.length) - offset);
    if (cr < 0) return null;
    offset = cr + 1;
    if (offset < max && b[tvb.start + offset] === 0x0a) {
      offset++;
      if (offset >= max) return { end: offset - 2, last: true };
      const c = b[tvb.start + offset];
      if (c === 0x0d) return { end: offset, last: offset + 1 < max && b[tvb.start + offset + 1] === 0x0a };
      if (c !== 0x20 && c !== 0x09) return { end: offset, last: false };
    }
  }
  return null;
}

function isPrintable(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

/** Hand a part body to its media type's dissector, else to "media". */
function dissectPartBody(body: Tvb, pinfo: PacketInfo, tree: FieldNode | null, info: MediaInfo): void {
  const d = info.mediaType ? mediaTypeDissector(info.mediaType) : undefined;
  if (d && pinfo.call(d, body, tree, info) > 0) return;
  pinfo.call(mediaDissector, body, tree, info);
}

/** process_body_part: the part's headers, its body to a media dissector, and the boundary after it. */
function dissectPart(tvb: Tvb, pinfo: PacketInfo, tree: FieldNode | null, outer: MediaInfo, boundary: Uint8Array, start: number): { next: number; last: boolean } | null {
  const partItem = tree ? tree.add(multipartFields.part, tvb, start, 0, '') : null;
  const b = findNextBoundary(tvb, start, boundary);
  if (b === null || b.start <= 0) return null;
  let offset = start;
  let next = start;
  let lastField = false;
  let contentType: string | null = null;
  let parameters: string | null = null;
  let contentEncoding: string | null = null;
  let rawData = false;
  while (!lastField) {
    const f = findFieldEnd(tvb, offset, tvb.reportedRemaining(offset) + offset);
    if (f === null) break;
    next = f.end;
    lastField = f.last;
    if (lastField && next + 2 <= b.start) next += 2;
    else if (next - 2 === b.start) {
      lastField = true;
      next -= 2;
    } else if (next > b.start) next = b.start;
    const { text, colon } = unfoldMimeHeader(asciiString(tvb.view(offset, next - offset)));
    if (colon <= 0) {
      next = offset;
      break;
    }
    const field = partHeaders.get(text.slice(0, colon).toLowerCase());
    if (!field) {
      if (!isPrintable(text)) {
        next = offset;
        break;
      }
      if (partItem?.ctx.full) partItem.addText(tvb, offset, next - offset, formatBytesAsText(tvb.view(offset, next - offset)));
    } else {
      let value = text.slice(colon + 1);
      const item = partItem?.add(field, tvb, offset, next - offset, value) ?? null;
      if (item && item.ctx.full) item.setText(formatBytesAsText(tvb.view(offset, next - offset)));
      if (field === multipartFields.contentType) {
        const semi = value.indexOf(';');
        parameters = semi >= 0 ? value.slice(semi + 1) : null;
        if (semi >= 0) value = value.slice(0, semi);
        contentType = value.toLowerCase();
        partItem?.appendText(` (${contentType})`);
        rawData = contentType.startsWith('application/octet-stream');
      } else if (field === multipartFields.contentEncoding) {
        contentEncoding = value.split('\r')[0]!.toLowerCase();
      }
    }
    offset = next;
  }
  let body = tvb.sub(next, b.start - next);
  if (!rawData && contentType !== null) {
    if (contentEncoding !== null && /^(gzip|deflate|x-gzip|x-deflate)/.test(contentEncoding) && body.length > 0) {
      const out = inflateBody(body.view(0, body.length), pinfo.session.limits.maxDecompressedBytes);
      if (!isDecodeFailure(out)) {
        body = Tvb.fromBytes(`gunzipped data (${out.length} bytes)`, out);
        pinfo.dataSources.push(body.ds);
      }
    }
    dissectPartBody(body, pinfo, partItem, { type: outer.type, mediaType: contentType, parameters });
  } else {
    pinfo.call(pinfo.session.registry.byProto('data')!, body, partItem);
  }
  partItem?.setLength(b.start - start);
  tree?.add(b.last ? multipartFields.lastBoundary : multipartFields.boundary, tvb, b.start, b.lineLen, asciiString(tvb.view(b.start, b.lineLen)));
  return { next: b.start + b.lineLen, last: b.last };
}

/**
 * MIME multipart bodies (packet-multipart.c): the boundary from the
 * media type's parameters, then each part's headers and body, the body
 * handed on by its own Content-Type.
 */
export const multipartDissector = makeDissector('mime_multipart', 'MIME multipart', (tvb, pinfo, tree, data) => {
  const info = data as MediaInfo | undefined;
  // get_multipart_info: a media type and a boundary parameter (plus a protocol for multipart/encrypted).
  const parameters = info?.mediaType && info.parameters ? unfoldMimeHeader(info.parameters).text : null;
  const boundaryText = findMediaTypeParameter(parameters, 'boundary');
  const encryptedWithoutProtocol = info?.mediaType?.startsWith('multipart/encrypted') === true && findMediaTypeParameter(parameters, 'protocol') === null;
  if (!info || !info.mediaType || boundaryText === null || encryptedWithoutProtocol) {
    const ti = tree ? tree.addText(tvb, 0, tvb.length, 'The multipart dissector could not find a required parameter.') : null;
    pinfo.expert(ti, eiNoParameter);
    pinfo.call(pinfo.session.registry.byProto('data')!, tvb, tree);
    return tvb.reported;
  }
  const boundary = Buffer.from(boundaryText, 'latin1');
  const t = tree ? tree.addProtocol(hfMultipart, tvb, 0, tvb.length) : null;
  if (t && tree!.ctx.full) t.appendText(`, Type: ${info.mediaType}, Boundary: "${boundaryText}"`);
  t?.addGenerated(multipartFields.type, tvb, 0, 0, info.mediaType);
  pinfo.cols.setFence();
  const first = findFirstBoundary(tvb, boundary);
  if (first === null || (first.start > 0 && first.lineLen <= 0)) {
    pinfo.call(pinfo.session.registry.byProto('data')!, tvb, t);
    return tvb.reported;
  }
  if (first.start > 0) t?.addItem(multipartFields.preamble, tvb, 0, first.start);
  t?.add(multipartFields.firstBoundary, tvb, first.start, first.lineLen, asciiString(tvb.view(first.start, first.lineLen)));
  let offset = first.start + first.lineLen;
  let last = first.last;
  let parts = 0;
  const maxParts = pinfo.session.limits.maxMimeParts;
  while (!last) {
    if (parts++ >= maxParts) return tvb.reported;
    const r = dissectPart(tvb, pinfo, t, info, boundary, offset);
    if (r === null) return tvb.reported;
    offset = r.next;
    last = r.last;
  }
  if (tvb.reportedRemaining(offset) > 0 && offset < tvb.length) t?.addItem(multipartFields.trailer, tvb, offset, tvb.length - offset);
  return tvb.reported;
});

for (const type of ['multipart/mixed', 'multipart/related', 'multipart/alternative', 'multipart/form-data', 'multipart/report', 'multipart/signed', 'multipart/encrypted', 'multipart/']) {
  registerMediaType(type, multipartDissector);
}
