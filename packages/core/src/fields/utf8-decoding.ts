// TextDecoder drops a leading byte-order mark unless told not to; Wireshark's ENC_UTF_8 keeps it as U+FEFF.
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * Bytes as text the way Wireshark's ENC_UTF_8 stores them: invalid
 * sequences become U+FFFD, a byte-order mark stays.
 */
export function decodeUtf8(bytes: Uint8Array): string {
  return utf8.decode(bytes);
}
