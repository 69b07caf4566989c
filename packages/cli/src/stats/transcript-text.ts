import { escapeForTerminal } from '../output/terminal-safety.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });
const latin1 = new TextDecoder('latin1');

/** Longest line shown whole; the rest is counted. */
const MAX_LINE = 2000;

/** "512 bytes", "3.4 KiB", "24 KiB", "1.5 MiB". */
export function byteSize(n: number): string {
  if (n < 1024) return `${n} byte${n === 1 ? '' : 's'}`;
  const units = ['KiB', 'MiB', 'GiB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v < 10 ? (Math.round(v * 10) / 10).toString() : Math.round(v).toString()} ${units[u]}`;
}

/** Bytes as text: UTF-8 when valid, else Latin-1 (every byte shown). */
export function decodeText(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    return latin1.decode(bytes);
  }
}

/** Whether bytes are binary data rather than text: a NUL, or one control byte in five. */
export function looksBinary(bytes: Uint8Array): boolean {
  let odd = 0;
  for (const b of bytes) {
    if (b === 0) return true;
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) || b === 0x7f) odd++;
  }
  return odd > 0 && odd * 5 >= bytes.length;
}

/** A line from the packet, safe for the terminal: controls escaped, very long lines cut with a count. */
export function showLine(bytes: Uint8Array): string {
  if (looksBinary(bytes)) return `[${byteSize(bytes.length)} binary data]`;
  const head = bytes.length > MAX_LINE ? bytes.subarray(0, MAX_LINE) : bytes;
  const text = escapeForTerminal(decodeText(head), false);
  return bytes.length > MAX_LINE ? `${text}… [${byteSize(bytes.length - MAX_LINE)} more]` : text;
}

/** Text from the packet for use inside a summary: one line, controls escaped. */
export function showField(s: string): string {
  return escapeForTerminal(s, false);
}

/** The first word of a line, upper-cased ("mail from:<a>" -> "MAIL"). */
export function firstWord(line: Uint8Array): string {
  let end = 0;
  while (end < line.length && line[end] !== 0x20 && line[end] !== 0x09) end++;
  return latin1.decode(line.subarray(0, end)).toUpperCase();
}

export function asLatin1(bytes: Uint8Array): string {
  return latin1.decode(bytes);
}
