// TextDecoder drops a leading byte-order mark unless told not to; Wireshark's ENC_UTF_8 keeps it as U+FEFF.
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * Bytes as text the way Wireshark's ENC_UTF_8 stores them: invalid
 * sequences become U+FFFD, a byte-order mark stays.
 */
export function decodeUtf8(bytes: Uint8Array): string {
  return utf8.decode(bytes);
}

/** Packet text kept as a C string (g_strndup and the like): up to the first NUL, read as UTF-8. */
export function decodeUtf8UpToNul(bytes: Uint8Array): string {
  const nul = bytes.indexOf(0);
  return utf8.decode(nul < 0 ? bytes : bytes.subarray(0, nul));
}
