import { addSubtree, decodeAscii, formatBytesAsText, type FieldNode, type PacketInfo, type Tvb } from '@netdissect/core';
import { httpFields } from './fields.js';
import { findLineEnd, hexToInt32Cast } from './line-scan.js';

export interface Dechunked {
  /** Bytes of the chunked body consumed (0: no chunk could be read). */
  consumed: number;
  /** The de-chunked entity body, a new data source. */
  body: Tvb | null;
}

/**
 * chunked_encoding_dissector: walk "size CRLF data CRLF" chunks up to the
 * last (zero) chunk and its trailer, showing each chunk, and join their
 * data. A size beyond the data at hand is cut to what is there; reading
 * past the captured bytes throws like the C code's tvb_memcpy.
 */
export function dechunkBody(tvb: Tvb, pinfo: PacketInfo, tree: FieldNode | null): Dechunked {
  const full = tree !== null && tree.ctx.full;
  let offset = 0;
  let datalen = tvb.reportedRemaining(0);
  const origLen = datalen;
  // Checks its bytes exist with or without a tree: a body the snapshot length cut throws here, before any chunk.
  const top = addSubtree(tree, tvb, 0, datalen, () => 'HTTP chunked response');
  const parts: Uint8Array[] = [];
  let total = 0;
  while (datalen > 0) {
    const line = findLineEnd(tvb, offset, -1, true);
    if (line === null || line.len <= 0) break;
    let sizeText = decodeAscii(tvb.view(offset, line.len));
    const semi = sizeText.indexOf(';');
    if (semi >= 0) sizeText = sizeText.slice(0, semi);
    let size = hexToInt32Cast(sizeText);
    if (size > datalen) size = datalen;
    const dataOffset = line.next;
    const data = tvb.view(dataOffset, size);
    parts.push(data);
    total += size;
    if (top) {
      const chunkTree = addSubtree(top, tvb, offset, dataOffset - offset + size + 2, () => (size === 0 ? 'End of chunked encoding' : `Data chunk (${size} octets)`))!;
      chunkTree.add(httpFields.chunkSize, tvb, offset, dataOffset - offset, size);
      if (size > 0) {
        chunkTree.addItem(httpFields.chunkData, tvb, dataOffset, size);
        chunkTree.addItem(httpFields.chunkBoundary, tvb, dataOffset + size, 2);
      }
    }
    offset = dataOffset + size;
    if (size > 0) offset += 2;
    datalen = tvb.reportedRemaining(offset);
    if (size === 0) {
      // trailer-part: header lines up to the empty line that ends the body.
      let trailerEnd = offset;
      let trailerLen = 0;
      let fieldLen: number;
      do {
        trailerLen = trailerEnd - offset;
        const f = findLineEnd(tvb, trailerEnd, Math.min(datalen - trailerLen, tvb.remaining(trailerEnd)), true);
        fieldLen = f === null ? -1 : f.len;
        if (f) trailerEnd = f.next;
      } while (fieldLen > 0);
      if (trailerLen > 0) {
        top?.addItem(httpFields.chunkedTrailerPart, tvb, offset, trailerLen);
        offset += trailerLen;
        datalen -= trailerLen;
      }
      if (fieldLen === 0) {
        if (full) top!.addText(tvb, offset, trailerEnd - offset, formatBytesAsText(tvb.view(offset, trailerEnd - offset)));
        datalen -= trailerEnd - offset;
      }
      break;
    }
  }
  if (datalen >= origLen) return { consumed: 0, body: null };
  top?.setLength(origLen - datalen);
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.length;
  }
  const body = pinfo.addDataSource('De-chunked entity body', bytes);
  return { consumed: origLen - datalen, body };
}
