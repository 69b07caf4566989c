import { brotliDecompressSync, constants } from 'node:zlib';
import { isOutputLimitError, type DecodeResult } from '@netdissect/core';

/** tvb_uncompress_brotli for "br", with the same output limit. */
export function brotliBody(data: Uint8Array, limit: number): DecodeResult {
  try {
    return brotliDecompressSync(data, { finishFlush: constants.BROTLI_OPERATION_FLUSH, maxOutputLength: limit });
  } catch (err) {
    return { reason: isOutputLimitError(err) ? 'limit' : 'corrupt' };
  }
}
