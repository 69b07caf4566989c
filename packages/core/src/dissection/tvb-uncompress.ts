import { constants, inflateRawSync, inflateSync } from 'node:zlib';

/** Decoding gave up: the data is not what its Content-Encoding says, or it grew past the limit. */
export interface DecodeFailure {
  readonly reason: 'corrupt' | 'limit';
}

export type DecodeResult = Uint8Array | DecodeFailure;

export function isDecodeFailure(r: DecodeResult): r is DecodeFailure {
  return !(r instanceof Uint8Array);
}

/** zlib's way of saying the output outgrew maxOutputLength. */
export function isOutputLimitError(err: unknown): boolean {
  return err instanceof RangeError || (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
}

/** Where the deflate data of a gzip member starts, or -1 when its header is cut or wrong. */
function gzipPayloadStart(data: Uint8Array): number {
  if (data.length < 10 || data[2] !== 8) return -1;
  const flags = data[3]!;
  let c = 10;
  if (flags & 0x04) {
    let xlen = 0;
    if (c < data.length) xlen += data[c++]!;
    if (c < data.length) xlen += data[c++]! << 8;
    c += xlen;
  }
  if (flags & 0x08) {
    while (c < data.length && data[c] !== 0) c++;
    c++;
  }
  if (flags & 0x10) {
    while (c < data.length && data[c] !== 0) c++;
    c++;
  }
  return c > data.length ? -1 : c;
}

/**
 * tvb_uncompress for "gzip" and "deflate": zlib format first, then (as
 * packet-http's zlib code does) gzip with its header skipped, then raw
 * deflate, since servers send all three under both names. A body cut
 * short decodes as far as it goes; one zlib finds corrupt keeps what came
 * out before (see outputBeforeError); output beyond `limit` bytes fails.
 */
export function inflateBody(data: Uint8Array, limit: number): DecodeResult {
  const opts = { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: limit };
  const bufsiz = inflateBufferSize(data.length);
  try {
    return emptyUnlessEnded(inflateSync(data, opts), () => inflateSync(data));
  } catch (err) {
    if (isOutputLimitError(err)) return { reason: 'limit' };
    const kept = outputBeforeError(data, bufsiz, (d) => inflateSync(d, opts));
    if (kept !== null) return kept;
  }
  let start = 0;
  if (data.length >= 2 && data[0] === 0x1f && data[1] === 0x8b) {
    start = gzipPayloadStart(data);
    if (start < 0) return { reason: 'corrupt' };
  }
  const raw = data.subarray(start);
  try {
    return emptyUnlessEnded(inflateRawSync(raw, opts), () => inflateRawSync(raw));
  } catch (err) {
    if (isOutputLimitError(err)) return { reason: 'limit' };
    return outputBeforeError(raw, bufsiz, (d) => inflateRawSync(d, opts)) ?? { reason: 'corrupt' };
  }
}

/** tvb_uncompress's output buffer: twice the compressed length, at least 32 KiB and at most 10 MiB. */
function inflateBufferSize(compressedLength: number): number {
  return Math.min(Math.max(compressedLength * 2, 32768), 10 * 1048576);
}

/**
 * What tvb_uncompress keeps of a stream zlib finds corrupt: it calls
 * inflate() for one output buffer at a time and keeps the buffers filled
 * before the call that met the error, so the output is a whole number of
 * buffers; none means failure (null). Node's zlib throws all its output
 * away on an error, so the output before it is that of the longest prefix
 * of the data that decodes without one (cut before the bad code, a prefix
 * only runs out). Codes ending in the byte where the bad one ends are lost
 * with it, which can move the result by a buffer only when a buffer
 * boundary falls among them.
 */
function outputBeforeError(data: Uint8Array, bufsiz: number, inflatePrefix: (d: Uint8Array) => Uint8Array): Uint8Array | DecodeFailure | null {
  let good = 0;
  let bad = data.length;
  let out: Uint8Array | null = null;
  while (bad - good > 1) {
    const mid = good + ((bad - good) >> 1);
    try {
      out = inflatePrefix(data.subarray(0, mid));
      good = mid;
    } catch (err) {
      if (isOutputLimitError(err)) return { reason: 'limit' };
      bad = mid;
    }
  }
  // `out` is the output of the prefix `good` (it changes only with it).
  const whole = out === null ? 0 : out.length - (out.length % bufsiz);
  return whole === 0 ? null : out!.subarray(0, whole);
}

/**
 * tvb_uncompress gives nothing back for a stream cut before any output
 * ("Decompression failed"), while a whole stream of nothing is 0 bytes:
 * an empty result is checked again without the sync flush, which throws
 * when the stream did not end.
 */
function emptyUnlessEnded(out: Uint8Array, inflateToEnd: () => Uint8Array): DecodeResult {
  if (out.length > 0) return out;
  try {
    inflateToEnd();
    return out;
  } catch {
    return { reason: 'corrupt' };
  }
}
