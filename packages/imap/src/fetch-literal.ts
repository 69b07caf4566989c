import { DESEGMENT_ONE_MORE_SEGMENT, streamPosition, type FieldNode, type PacketInfo, type Tvb } from '@netdissect/core';
import type { DelimiterSearchMemo } from './delimiter-search-memo.js';
import { eiLiteralTooLarge, imapFields } from './fields.js';
import { findLineEnd } from './line-scan.js';
import { parseLiteralSize } from './literal-size.js';

const OPEN_PAREN = 0x28;
const CLOSE_PAREN = 0x29;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
/** Literals missing more than this are fetched in one request to TCP rather than a segment at a time. */
const BULK_THRESHOLD = 1024 * 1024;
/** Larger than any TCP segment's payload: a bulk request stops this far short of where the response can end. */
const MAX_SEGMENT_PAYLOAD = 65536;

/** How an untagged FETCH response line was handled. */
export interface FetchOutcome {
  /** 0 when complete; else what to ask TCP for (pinfo.desegmentLen) before calling again from this line. */
  readonly needMore: number;
  /** Where the next line starts (past the literal when one was consumed). */
  readonly nextOffset: number;
  /** A literal was handed to IMF, which writes the Info column itself. */
  readonly literalShown: boolean;
}

/** tvb_reported_length_remaining: 0 for an offset past the captured bytes. */
function reportedRemaining(tvb: Tvb, offset: number): number {
  if (offset > tvb.length) return 0;
  return tvb.reported > offset ? tvb.reported - offset : 0;
}

/**
 * An untagged "* n FETCH (...)" line, handled as dissect_imap_fetch in
 * Wireshark 4.0, quirks included so frames are attributed the same way:
 * the "{n}" looked for is the first brace after the first "(" anywhere in
 * the rest of the buffer; the response counts as complete once a ")"
 * appears at or after n bytes past the "}" (not past the literal's CRLF);
 * the literal is taken to start right after the FETCH line and goes to
 * the "imf" dissector; "{n+}" is not a size, so such a response waits for
 * more data to the end of the stream.
 *
 * Deviation: a size above limits.imapMaxLiteralBytes is not waited for
 * (4.0 would buffer it); the line is shown as it is, with an expert note.
 */
export function dissectFetchResponse(
  tvb: Tvb,
  pinfo: PacketInfo,
  tree: FieldNode | null,
  imapTree: FieldNode | null,
  fetchEnd: number,
  lineOffset: number,
  lineNext: number,
  delimiters: { memo: DelimiterSearchMemo; seq: number | undefined },
): FetchOutcome {
  const needMore: FetchOutcome = { needMore: DESEGMENT_ONE_MORE_SEGMENT, nextOffset: lineNext, literalShown: false };
  // Searches that fail ask for more data; the next call goes on where they stopped.
  const findByte = (byte: number, offset: number, maxLen = -1): number => delimiters.memo.find(tvb, byte, offset, streamPosition(delimiters.seq, offset), maxLen);
  const open = findByte(OPEN_PAREN, fetchEnd);
  if (open < 0) return needMore;
  const remainingSize = reportedRemaining(tvb, open + 1);
  if (remainingSize <= 0) return needMore;
  const sizeStart = findByte(OPEN_BRACE, open, remainingSize);
  if (sizeStart < 0) {
    // No literal: the response ends with the line the "(" is on.
    const line = findLineEnd(tvb, open);
    if (!line) return needMore;
    imapTree?.addItem(imapFields.line, tvb, lineOffset, line.next - lineOffset);
    return { needMore: 0, nextOffset: line.next, literalShown: false };
  }
  const sizeEnd = findByte(CLOSE_BRACE, sizeStart + 1, remainingSize - (sizeStart - open));
  if (sizeEnd < 0) return needMore;
  const size = parseLiteralSize(tvb.view(sizeStart + 1, sizeEnd - sizeStart - 1));
  if (size === null) return needMore;
  const limit = pinfo.session.limits.imapMaxLiteralBytes;
  if (size > limit) {
    const item = imapTree?.addItem(imapFields.line, tvb, lineOffset, lineNext - lineOffset) ?? null;
    pinfo.expert(item, eiLiteralTooLarge, `Literal of ${size} bytes is over the IMAP literal limit (imapMaxLiteralBytes=${limit}); not reassembled`);
    return { needMore: 0, nextOffset: lineNext, literalShown: false };
  }
  const remaining = reportedRemaining(tvb, sizeEnd + size);
  if (remaining <= 0) return { ...needMore, needMore: bulkRequest(sizeEnd + size - tvb.reported) };
  if (findByte(CLOSE_PAREN, sizeEnd + size, remaining) < 0) return needMore;
  imapTree?.addItem(imapFields.line, tvb, lineOffset, lineNext - lineOffset);
  const imf = pinfo.session.registry.byProto('imf');
  if (imf) pinfo.call(imf, tvb.sub(lineNext, size), tree);
  return { needMore: 0, nextOffset: lineNext + size, literalShown: true };
}

/**
 * What to ask TCP for while `missing` bytes are lacking before the spot
 * where the closing ")" is looked for. Asking one segment at a time (as
 * 4.0 does) makes TCP rebuild the whole buffer per segment, quadratic in
 * the literal's size; for a large literal ask for all but the last 64 KiB
 * at once. No segment ending before that spot can complete the response,
 * so the frame it completes on stays the same; only the segment that
 * crosses the bulk boundary is added to the reassembly in two pieces.
 */
function bulkRequest(missing: number): number {
  return missing > BULK_THRESHOLD ? missing - MAX_SEGMENT_PAYLOAD : DESEGMENT_ONE_MORE_SEGMENT;
}
