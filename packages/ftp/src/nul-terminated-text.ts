import { decodeUtf8 } from '@netdissect/core';

/** Packet text kept as a C string (strndup): cut at the first NUL, read as UTF-8. */
export function textUpToNul(bytes: Uint8Array): string {
  const nul = bytes.indexOf(0);
  return decodeUtf8(nul >= 0 ? bytes.subarray(0, nul) : bytes);
}
