// Without the stream option decode keeps no state between calls: one decoder serves every call.
const utf8 = new TextDecoder('utf-8');

/**
 * Code points g_unichar_isprint rejects beyond ASCII: controls, format
 * characters (bidi overrides that could reorder what a reader sees),
 * unassigned code points and lone surrogates.
 */
const UNPRINTABLE = /[\p{Cc}\p{Cf}\p{Cn}\p{Cs}]/u;

/**
 * Wireshark's format_text: printable characters as themselves, ASCII
 * control characters as C escapes (\n, \r, \t, ... or \ooo octal),
 * non-printable non-ASCII as \uXXXX or \UXXXXXXXX (upper-case hex, as
 * strutil.c writes it). This is how packet text reaches Info and labels,
 * and why an ESC byte shows as "\033".
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
  // Runs of printable characters are copied whole: a string built a character
  // at a time costs a string object per character (250 MB for an 8 MB line).
  let out = '';
  let run = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c < 0x7f) continue;
    if (c >= 0x80) {
      const cp = s.codePointAt(i)!;
      if (!UNPRINTABLE.test(String.fromCodePoint(cp))) {
        // Printable beyond ASCII stays in the run, a surrogate pair whole.
        if (cp > 0xffff) i++;
        continue;
      }
    }
    if (run < i) out += s.slice(run, i);
    if (replaceSpace && (c === 0x20 || (c >= 0x09 && c <= 0x0d))) {
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
    } else {
      const cp = s.codePointAt(i)!;
      const hex = cp.toString(16).toUpperCase();
      out += cp > 0xffff ? `\\U${hex.padStart(8, '0')}` : `\\u${hex.padStart(4, '0')}`;
      if (cp > 0xffff) i++;
    }
    run = i + 1;
  }
  return run < s.length ? out + s.slice(run) : out;
}

/** format_text_wsp: as formatText, but whitespace (tab, CR, LF...) becomes a plain space. */
export function formatTextWsp(s: string): string {
  return formatText(s, true);
}

/** tvb_format_text-style rendering of raw bytes read as ASCII/UTF-8 text. */
export function formatBytesAsText(bytes: Uint8Array, replaceSpace = false): string {
  return formatText(utf8.decode(bytes), replaceSpace);
}
