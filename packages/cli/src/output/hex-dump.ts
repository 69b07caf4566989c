const HEX = '0123456789abcdef';

/**
 * tshark's hex dump (-x and uninterpreted Data under -V): offset of at
 * least 4 hex digits (more when the buffer needs them), 16 bytes per line,
 * two blanks, then the bytes as ASCII with '.' for anything unprintable.
 */
export function hexDumpLines(bytes: Uint8Array): string[] {
  const n = bytes.length;
  if (n === 0) return [];
  const last = n - 1;
  const digits = last >= 0x10000000 ? 8 : last >= 0x1000000 ? 7 : last >= 0x100000 ? 6 : last >= 0x10000 ? 5 : 4;
  const lines: string[] = [];
  for (let off = 0; off < n; off += 16) {
    const end = Math.min(off + 16, n);
    let hex = '';
    let ascii = '';
    for (let i = off; i < end; i++) {
      const c = bytes[i]!;
      hex += HEX[c >> 4]! + HEX[c & 15]! + ' ';
      ascii += c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : '.';
    }
    lines.push(`${off.toString(16).padStart(digits, '0')}  ${hex.padEnd(48, ' ')}  ${ascii}`);
  }
  return lines;
}
