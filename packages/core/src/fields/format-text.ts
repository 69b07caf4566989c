/**
 * Wireshark's format_text: printable characters as themselves, ASCII
 * control characters as C escapes (\n, \r, \t, ... or \ooo octal),
 * non-printable non-ASCII as \uXXXX. This is how packet text reaches Info
 * and labels, and why an ESC byte shows as "\033".
 */
export function formatText(s: string, replaceSpace = false): string {
  let simple = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c >= 0x7f) {
      simple = false;
      break;
    }
  }
  if (simple) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c < 0x7f) {
      out += s[i];
    } else if (replaceSpace && (c === 0x20 || (c >= 0x09 && c <= 0x0d))) {
      out += ' ';
    } else if (c < 0x80) {
      switch (c) {
        case 0x07: out += '\\a'; break;
        case 0x08: out += '\\b'; break;
        case 0x0c: out += '\\f'; break;
        case 0x0a: out += '\\n'; break;
        case 0x0d: out += '\\r'; break;
        case 0x09: out += '\\t'; break;
        case 0x0b: out += '\\v'; break;
        default: out += `\\${c.toString(8).padStart(3, '0')}`;
      }
    } else if (c <= 0x9f || (c >= 0xd800 && c <= 0xdfff && (i + 1 >= s.length || c >= 0xdc00))) {
      out += `\\u${c.toString(16).padStart(4, '0')}`;
    } else {
      out += s[i];
    }
  }
  return out;
}

/** format_text_wsp: as formatText, but whitespace (tab, CR, LF...) becomes a plain space. */
export function formatTextWsp(s: string): string {
  return formatText(s, true);
}

/** tvb_format_text-style rendering of raw bytes read as ASCII/UTF-8 text. */
export function formatBytesAsText(bytes: Uint8Array, replaceSpace = false): string {
  return formatText(new TextDecoder('utf-8').decode(bytes), replaceSpace);
}
