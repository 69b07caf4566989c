import { defineFields, defineProtocol, FT, type FieldDef } from '../fields/field-def.js';
import { formatBytesAsText } from '../fields/format-text.js';
import type { FieldNode } from '../fields/field-node.js';
import { asciiLower, readAscii } from '../dissection/ascii-text.js';
import { makeDissector } from '../dissection/dissector.js';
import { BoundsKind, DissectorBoundsError } from '../dissection/dissector-errors.js';
import { defineExpert, Group, Severity } from '../dissection/expert.js';
import type { PacketInfo } from '../dissection/packet-info.js';
import { defaultRegistry } from '../dissection/session.js';
import type { Tvb } from '../dissection/tvb.js';
import { findFirstBoundary, findNextBoundary } from './multipart-boundary.js';
import { inflateBody, isDecodeFailure } from '../dissection/tvb-uncompress.js';
import { mediaDissector } from './media-fallback.js';
import type { MediaInfo } from './media-info.js';
import { registerMediaType, tryMediaType } from './media-type-table.js';
import { findFieldEnd } from './mime-field-end.js';
import { findMediaTypeParameter, unfoldAndCompactMimeHeader } from './mime-header.js';
import { enterNested, leaveNested } from './nesting-depth.js';

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
  originalContent: { abbrev: 'mime_multipart.header.originalcontent', name: 'OriginalContent', type: FT.STRING },
  firstBoundary: { abbrev: 'mime_multipart.first_boundary', name: 'First boundary', type: FT.STRING },
  preamble: { abbrev: 'mime_multipart.preamble', name: 'Preamble', type: FT.BYTES },
  lastBoundary: { abbrev: 'mime_multipart.last_boundary', name: 'Last boundary', type: FT.STRING },
  boundary: { abbrev: 'mime_multipart.boundary', name: 'Boundary', type: FT.STRING },
  trailer: { abbrev: 'mime_multipart.trailer', name: 'Trailer', type: FT.BYTES },
});
const eiNoRequiredParameter = defineExpert('mime_multipart', 'mime_multipart.no_required_parameter', Group.PROTOCOL, Severity.ERROR, 'The multipart dissector could not find a required parameter.');
/** Not in Wireshark, which has no cap: a body with more parts than limits.maxMimeParts. */
export const eiPartsLimit = defineExpert('mime_multipart', 'mime_multipart.parts_limit_reached', Group.UNDECODED, Severity.WARN, 'MIME parts limit reached: the remaining parts are not dissected');

/** The part headers multipart knows, by lower-case name (compact SIP forms included). */
const PART_HEADERS = new Map<string, FieldDef>([
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

/** An item over [off, off+len) where len -1 means "to the end" and anything shorter is malformed. */
function itemLength(tvb: Tvb, off: number, len: number): number {
  if (len === -1) return tvb.remaining(off);
  if (len < 0) throw new DissectorBoundsError(BoundsKind.Reported);
  tvb.check(off, len);
  return len;
}

function addString(tree: FieldNode | null, def: FieldDef, tvb: Tvb, off: number, len: number): void {
  if (!tree) return;
  const n = itemLength(tvb, off, len);
  tree.add(def, tvb, off, n, readAscii(tvb, off, n));
}

interface MultipartInfo {
  type: string;
  boundary: string;
  /** The "protocol" parameter of multipart/encrypted, which the first part's type must start with. */
  protocol: string | null;
}

/** The part's body as its Content-Encoding leaves it: gzip and deflate are undone, as uncompress_data (on by default) does. */
function decodePartBody(body: Tvb, pinfo: PacketInfo, contentEncoding: string | null): Tvb {
  if (contentEncoding === null || body.length === 0 || !/^(gzip|deflate|x-gzip|x-deflate)/.test(contentEncoding)) return body;
  const out = inflateBody(body.view(0, body.length), pinfo.session.limits.maxDecompressedBytes);
  if (isDecodeFailure(out)) return body;
  return pinfo.addDataSource('gunzipped data', out);
}

/**
 * process_body_part: the part's MIME headers, then its body handed to the
 * dissector of its media type. Returns the offset of the next part, or -1.
 * Content-Transfer-Encoding is shown but not undone: Wireshark's
 * remove_base64_encoding preference is off by default.
 */
function dissectBodyPart(tvb: Tvb, pinfo: PacketInfo, tree: FieldNode | null, m: MultipartInfo, start: number, index: number): { next: number; last: boolean } {
  const part = tree?.add(multipartFields.part, tvb, start, 0, '') ?? null;
  const b = findNextBoundary(tvb, start, m.boundary);
  if (b.start <= 0) return { next: -1, last: b.last };
  let off = start;
  let next = 0;
  let lastField = false;
  let contentType: string | null = null;
  let parameters: string | null = null;
  let contentEncoding: string | null = null;
  let isRawData = false;
  while (!lastField) {
    const fe = findFieldEnd(tvb, off, tvb.reportedRemaining(off) + off);
    next = fe.end;
    lastField = fe.lastField;
    if (lastField && next + 2 <= b.start) next += 2;
    else if (next - 2 === b.start) {
      lastField = true;
      next -= 2;
    } else if (next > b.start) next = b.start;
    const raw = readAscii(tvb, off, itemLength(tvb, off, next - off));
    const { text: header, colon } = unfoldAndCompactMimeHeader(raw);
    if (colon <= 0) {
      next = off;
      break;
    }
    const def = PART_HEADERS.get(asciiLower(header.slice(0, colon)));
    if (def === undefined) {
      if (!/^[\x20-\x7e]*$/.test(header)) {
        next = off;
        break;
      }
      if (part && part.ctx.full) part.addText(tvb, off, next - off, formatBytesAsText(tvb.view(off, next - off)));
    } else {
      let value = header.slice(colon + 1);
      const item = part?.add(def, tvb, off, next - off, value) ?? null;
      if (item && item.ctx.full) item.setText(formatBytesAsText(tvb.view(off, next - off)));
      if (def === multipartFields.contentType) {
        const semi = value.indexOf(';');
        if (semi >= 0) {
          parameters = value.slice(semi + 1);
          value = value.slice(0, semi);
        } else parameters = null;
        contentType = asciiLower(value);
        part?.appendText(` (${contentType})`);
        if (contentType.startsWith('application/octet-stream')) isRawData = true;
        // multipart/encrypted: the first part must be of the type its "protocol" parameter names.
        if (m.protocol !== null && index === 0 && (isRawData || asciiLower(contentType.slice(0, m.protocol.length)) !== asciiLower(m.protocol))) {
          return { next: -1, last: false };
        }
      } else if (def === multipartFields.contentEncoding) {
        contentEncoding = asciiLower(value.split('\r')[0]!);
      }
    }
    off = next;
  }
  const bodyStart = next;
  const body = tvb.sub(bodyStart, itemLength(tvb, bodyStart, b.start - bodyStart));
  if (!isRawData && contentType !== null) {
    const decoded = decodePartBody(body, pinfo, contentEncoding);
    if (!tryMediaType(contentType, parameters, decoded, pinfo, part)) {
      const media: MediaInfo = { mediaType: contentType, parameters };
      pinfo.call(mediaDissector, decoded, part, media);
    }
  } else {
    pinfo.call(pinfo.session.registry.byProto('data')!, body, part);
  }
  part?.setLength(b.start - start);
  addString(tree, b.last ? multipartFields.lastBoundary : multipartFields.boundary, tvb, b.start, b.lineLen);
  return { next: b.start + b.lineLen, last: b.last };
}

/** get_multipart_info: the boundary (and, for multipart/encrypted, the protocol) from the media type's parameters. */
function multipartInfo(media: MediaInfo | null): MultipartInfo | null {
  if (!media?.mediaType || media.parameters === null) return null;
  const parameters = unfoldAndCompactMimeHeader(media.parameters).text;
  const boundary = findMediaTypeParameter(parameters, 'boundary');
  if (boundary === null) return null;
  let protocol: string | null = null;
  if (media.mediaType.startsWith('multipart/encrypted')) {
    protocol = findMediaTypeParameter(parameters, 'protocol');
    if (protocol === null) return null;
  }
  return { type: media.mediaType, boundary, protocol };
}

/**
 * packet-multipart.c: a multipart body split at its boundary into parts,
 * each dissected by its own media type. `media` gives the multipart type
 * and the Content-Type parameters (which must name the boundary).
 */
export function dissectMultipart(tvb: Tvb, pinfo: PacketInfo, tree: FieldNode | null, media: MediaInfo | null): number {
  const m = multipartInfo(media);
  const data = pinfo.session.registry.byProto('data')!;
  if (m === null) {
    pinfo.addExpertItem(tree, eiNoRequiredParameter, tvb, 0, tvb.length);
    pinfo.call(data, tvb, tree);
    return tvb.reported;
  }
  // A hostile message cannot make us nest multiparts and messages without end.
  if (!enterNested(pinfo)) {
    pinfo.call(data, tvb, tree);
    return tvb.reported;
  }
  try {
    const top = tree?.addProtocol(hfMultipart, tvb, 0, tvb.length) ?? null;
    if (top && top.ctx.full) top.appendText(`, Type: ${m.type}, Boundary: "${m.boundary}"`);
    top?.addGenerated(multipartFields.type, tvb, 0, 0, m.type);
    pinfo.cols.setFence();
    const first = findFirstBoundary(tvb, m.boundary);
    let next = -1;
    if (first.start === 0) {
      addString(top, multipartFields.firstBoundary, tvb, 0, first.lineLen);
      next = first.lineLen;
    } else if (first.start > 0 && first.lineLen > 0) {
      top?.add(multipartFields.preamble, tvb, 0, first.start, tvb.view(0, first.start));
      addString(top, multipartFields.firstBoundary, tvb, first.start, first.lineLen);
      next = first.start + first.lineLen;
    }
    if (next === -1) {
      pinfo.call(data, tvb, top);
      return tvb.reported;
    }
    const maxParts = pinfo.session.limits.maxMimeParts;
    let last = first.last;
    for (let index = 0; !last; index++) {
      if (index >= maxParts) {
        pinfo.expert(top, eiPartsLimit, `MIME parts limit reached (maxMimeParts=${maxParts}): the remaining parts are not dissected`);
        return tvb.reported;
      }
      const r = dissectBodyPart(tvb, pinfo, top, m, next, index);
      if (r.next === -1) return tvb.reported;
      next = r.next;
      last = r.last;
    }
    if (tvb.reportedRemaining(next) > 0 && top) {
      const n = tvb.remaining(next);
      top.add(multipartFields.trailer, tvb, next, n, tvb.view(next, n));
    }
    return tvb.reported;
  } finally {
    leaveNested(pinfo);
  }
}

export const multipartDissector = makeDissector('mime_multipart', 'MIME multipart', (tvb, pinfo, tree, data) =>
  dissectMultipart(tvb, pinfo, tree, (data as MediaInfo | undefined) ?? null), ['table:media_type', 'media', 'data'],
);

defaultRegistry.addNamed(multipartDissector);
for (const type of ['multipart/mixed', 'multipart/related', 'multipart/alternative', 'multipart/form-data', 'multipart/report', 'multipart/signed', 'multipart/encrypted', 'multipart/']) {
  registerMediaType(type, multipartDissector);
}
