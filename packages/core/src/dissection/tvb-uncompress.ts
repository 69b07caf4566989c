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
 * short decodes as far as it goes; output beyond `limit` bytes fails.
 */
export function inflateBody(data: Uint8Array, limit: number): DecodeResult {
  const opts = { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: limit };
  try {
    return emptyUnlessEnded(inflateSync(data, opts), () => inflateSync(data));
  } catch (err) {
    if (isOutputLimitError(err)) return { reason: 'limit' };
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
    return { reason: isOutputLimitError(err) ? 'limit' : 'corrupt' };
  }
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
