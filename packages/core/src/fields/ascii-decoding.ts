/**
 * Bytes as text the way Wireshark's ENC_ASCII stores them: bytes above
 * 0x7f become U+FFFD. Escaping for display happens when printing.
 */
export function decodeAscii(bytes: Uint8Array): string {
  // Measured: a loop of fromCharCode is quicker up to a few dozen bytes (most header fields, names, commands),
  // a latin1 decode and one replace beyond (bodies, long lines).
  if (bytes.length < 32) {
    let s = '';
    for (let i = 0; i < bytes.length; i++) {
      const c = bytes[i]!;
      s += c < 0x80 ? String.fromCharCode(c) : '\ufffd';
    }
    return s;
  }
  // Buffer's latin1 maps each byte to the same code point (TextDecoder's 'latin1' is windows-1252).
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
  return text.replace(/[\x80-\xff]/g, '\ufffd');
}
