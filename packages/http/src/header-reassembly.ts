import { decodeAscii, DESEGMENT_ONE_MORE_SEGMENT, DESEGMENT_UNTIL_FIN, streamPosition, type PacketInfo, type Tvb, type UnfinishedLineMemo } from '@netdissect/core';
import type { HeaderScanMemo } from './header-scan-memo.js';
import { asciiCString, findLineEndResuming, hexToUint32, startsWithIgnoreCase, type LineEnd } from './line-scan.js';

/** Where the chunk scan of a chunked body stopped last time, relative to the message start. */
export interface ChunkProgress {
  offset: number;
}

/** The scan memo of the message's direction, and the message's stream position that keys it. */
export interface HeaderScan {
  memo: HeaderScanMemo;
  key: number;
}

/** The stream position of the line at `at` of the message at `offset`, which keys its line memo; -1 without a memo. */
function lineKey(headerScan: HeaderScan | null, offset: number, at: number): number {
  return headerScan ? streamPosition(headerScan.key, at - offset) : -1;
}

const MAX_CHUNK = 2 ** 31;
const RPC_OVER_HTTP_MIN = 128 * 1024;

/** Ask TCP for one more segment of the message at `offset`; false, for the caller to return. */
function askOneMoreSegment(pinfo: PacketInfo, offset: number): false {
  pinfo.desegmentOffset = offset;
  pinfo.desegmentLen = DESEGMENT_ONE_MORE_SEGMENT;
  return false;
}

/**
 * The line at `next` when it is all there; 'more' when the next segment may
 * complete it, 'cut' when the capture cut it short. With a memo, the search
 * for its end goes on where the last one for the line at stream position
 * `key` stopped.
 */
function completeLine(tvb: Tvb, next: number, memo: UnfinishedLineMemo | null, key: number): LineEnd | 'more' | 'cut' {
  const reportedRemaining = tvb.reportedRemaining(next);
  if (reportedRemaining < 1) return 'more';
  const remaining = tvb.remaining(next);
  const line = findLineEndResuming(tvb, next, remaining, memo, key);
  if (line !== null) return line;
  return remaining >= reportedRemaining ? 'more' : 'cut';
}

/** ws_strtoi32 on a header value: the whole (stripped) string must be a decimal int32. */
function parseContentLength(s: string): number | null {
  const t = s.trim();
  if (!/^[+-]?\d+$/.test(t)) return null;
  const v = Number(t);
  return v > 2147483647 || v < -2147483648 ? null : v;
}

/**
 * req_resp_hdrs_do_reassembly: make sure the headers, and the body when
 * its length is known (Content-Length, chunked, or up to FIN), are all in
 * `tvb`. When not, ask TCP for more (pinfo.desegmentOffset/Len) and
 * return false; return true to go on with what is there.
 */
export function reassembleHeadersAndBody(tvb: Tvb, offset: number, pinfo: PacketInfo, desegmentBody: boolean, untilFin: boolean, chunk: ChunkProgress, headerScan: HeaderScan | null = null): boolean {
  let next = offset;
  let contentLength = 0;
  let contentLengthFound = false;
  let contentType: string | null = null;
  let chunked = false;
  const bytes = tvb.bytes;
  const base = tvb.start;
  if (pinfo.canDesegment > 0) {
    const resumed = headerScan?.memo.resume(headerScan.key, desegmentBody, tvb.length - offset) ?? null;
    if (resumed) ({ contentLength, contentLengthFound, contentType, chunked } = resumed), (next = offset + resumed.next);
    for (;;) {
      const lineStart = next;
      const line = completeLine(tvb, next, headerScan?.memo.line ?? null, lineKey(headerScan, offset, next));
      if (line === 'more') {
        headerScan?.memo.save(headerScan.key, desegmentBody, { next: lineStart - offset, contentLength, contentLengthFound, contentType, chunked });
        return askOneMoreSegment(pinfo, offset);
      }
      if (line === 'cut') {
        // Asking for more would not help; scan what is there.
        next = tvb.length;
        break;
      }
      next = line.next;
      if (line.len === 0) break;
      if (!desegmentBody) continue;
      const first = bytes[base + lineStart]! | 0x20;
      if (first !== 0x63 && first !== 0x74) continue;
      const p = base + lineStart;
      const e = p + line.len;
      if (startsWithIgnoreCase(bytes, p, e, 'content-length:')) {
        // The line is read as a C string: a NUL ends the value.
        const v = parseContentLength(asciiCString(bytes.subarray(p + 15, e)));
        if (v !== null && v >= 0) {
          contentLength = v;
          contentLengthFound = true;
        }
      } else if (startsWithIgnoreCase(bytes, p, e, 'content-type:')) {
        let q = p + 13;
        while (q < e && bytes[q] === 0x20) q++;
        contentType = decodeAscii(bytes.subarray(q, e));
      } else if (startsWithIgnoreCase(bytes, p, e, 'transfer-encoding:')) {
        let q = p + 18;
        while (q < e && (bytes[q] === 0x20 || bytes[q] === 0x09)) q++;
        if (startsWithIgnoreCase(bytes, q, e, 'chunked')) chunked = true;
      }
    }
  }
  if (!desegmentBody) return true;
  if (chunked) return chunkedBodyComplete(tvb, offset, pinfo, next, chunk, headerScan);
  if (contentLengthFound) {
    if (contentLength >= RPC_OVER_HTTP_MIN) {
      // MS-RPCH bodies announce a length they never send.
      if (contentType !== null && contentType.startsWith('application/rpc')) return true;
      const lead = tvb.remaining(0) >= 12 ? decodeAscii(tvb.view(0, 12)) : '';
      if (lead.startsWith('RPC_IN_DATA') || lead.startsWith('RPC_OUT_DATA')) return true;
    }
    if (!tvb.has(next, contentLength)) {
      const remaining = tvb.remaining(next);
      if (remaining < tvb.reportedRemaining(next)) return true;
      pinfo.desegmentOffset = offset;
      pinfo.desegmentLen = contentLength - remaining;
      return false;
    }
  } else if (untilFin && pinfo.canDesegment > 0) {
    if (tvb.remaining(next) < tvb.reportedRemaining(next)) return true;
    pinfo.desegmentOffset = offset;
    pinfo.desegmentLen = DESEGMENT_UNTIL_FIN;
    return false;
  }
  return true;
}

/**
 * The chunked-body part of the check: every chunk up to the last one (and
 * its CRLF) present. A chunk line or trailer line without its end yet is
 * searched on from where the last call stopped, as header lines are.
 */
function chunkedBodyComplete(tvb: Tvb, offset: number, pinfo: PacketInfo, next: number, chunk: ChunkProgress, headerScan: HeaderScan | null): boolean {
  const memo = headerScan?.memo.line ?? null;
  if (chunk.offset) next = offset + chunk.offset;
  for (;;) {
    const line = completeLine(tvb, next, memo, lineKey(headerScan, offset, next));
    if (line === 'more') return askOneMoreSegment(pinfo, offset);
    if (line === 'cut') return true;
    const remaining = tvb.remaining(next);
    const reportedRemaining = tvb.reportedRemaining(next);
    chunk.offset = next - offset;
    let sizeText = decodeAscii(tvb.view(next, line.len));
    const semi = sizeText.indexOf(';');
    if (semi >= 0) sizeText = sizeText.slice(0, semi);
    const size = hexToUint32(sizeText);
    if (size === null || size > MAX_CHUNK) return true;
    if (size === 0) {
      const last = findLineEndResuming(tvb, line.next, remaining - (line.next - next), memo, lineKey(headerScan, offset, line.next));
      if (last === null && remaining >= reportedRemaining) {
        return askOneMoreSegment(pinfo, offset);
      }
      pinfo.desegmentOffset = last ? last.next : line.next;
      pinfo.desegmentLen = 0;
      return true;
    }
    if (reportedRemaining > size) {
      next = line.next + size + 2;
    } else {
      return askOneMoreSegment(pinfo, offset);
    }
  }
}
