import { brotliDecompressSync, constants } from 'node:zlib';
import { isOutputLimitError, type DecodeResult } from '@netdissect/core';

/**
 * tvb_uncompress_brotli for "br", with the same output limit. It refuses a
 * stream followed by other bytes and one cut before any output, and gives
 * what came out of a stream cut later. Node's decoder reports neither
 * directly: a stream is complete when decoding it to the end succeeds, and
 * it ends before its last byte when its data without that byte is complete
 * too.
 */
export function brotliBody(data: Uint8Array, limit: number): DecodeResult {
  try {
    const whole = brotliDecompressSync(data, { maxOutputLength: limit });
    if (data.length > 1 && completes(data.subarray(0, data.length - 1), limit)) return { reason: 'corrupt' };
    return whole;
  } catch (err) {
    if (isOutputLimitError(err)) return { reason: 'limit' };
    if ((err as { code?: string }).code !== 'Z_BUF_ERROR') return { reason: 'corrupt' };
  }
  // Cut short: what came out so far, if anything did.
  try {
    const part = brotliDecompressSync(data, { finishFlush: constants.BROTLI_OPERATION_FLUSH, maxOutputLength: limit });
    return part.length > 0 ? part : { reason: 'corrupt' };
  } catch (err) {
    return { reason: isOutputLimitError(err) ? 'limit' : 'corrupt' };
  }
}

function completes(data: Uint8Array, limit: number): boolean {
  try {
    brotliDecompressSync(data, { maxOutputLength: limit });
    return true;
  } catch {
    return false;
  }
}
