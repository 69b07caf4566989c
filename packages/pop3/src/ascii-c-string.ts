import { decodeAscii } from '@netdissect/core';

/** An ENC_ASCII string read as Wireshark stores it: up to the first NUL. */
export function asciiCString(bytes: Uint8Array): string {
  const nul = bytes.indexOf(0);
  return decodeAscii(nul < 0 ? bytes : bytes.subarray(0, nul));
}
