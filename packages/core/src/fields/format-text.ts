import { hasRawBytes, rawStringBytes } from './raw-byte-strings.js';
import { assignedAfterGlibUnicode } from './glib-unassigned.js';

/**
 * Code points g_unichar_isprint rejects beyond ASCII: controls, format
 * characters (bidi overrides that could reorder what a reader sees),
 * unassigned code points and lone surrogates.
 */
const UNPRINTABLE = /[\p{Cc}\p{Cf}\p{Cn}\p{Cs}]/u;

/** g_unichar_isprint beyond ASCII, with the Unicode version of tshark's GLib. */
function isPrintable(cp: number): boolean {
  return !UNPRINTABLE.test(String.fromCodePoint(cp)) && !assignedAfterGlibUnicode(cp);
}

/** g_ascii_isspace: space, tab, LF, FF and CR; GLib's table leaves out the vertical tab (0x0b), which stays "\v". */
export function isAsciiSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d;
}

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
  // A value that kept bytes which are not UTF-8 shows them as format_text reads such bytes.
  if (hasRawBytes(s)) return formatBytesAsText(rawStringBytes(s), replaceSpace);
  // Runs of printable characters are copied whole: a string built a character
  // at a time costs a string object per character (250 MB for an 8 MB line).
  let out = '';
  let run = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c < 0x7f) continue;
    if (c >= 0x80) {
      const cp = s.codePointAt(i)!;
      if (isPrintable(cp)) {
        // Printable beyond ASCII stays in the run, a surrogate pair whole.
        if (cp > 0xffff) i++;
        continue;
      }
    }
    if (run < i) out += s.slice(run, i);
    if (replaceSpace && isAsciiSpace(c)) {
      out += ' ';
    } else if (c < 0x80) {
      out += controlEscape(c);
    } else {
      const cp = s.codePointAt(i)!;
      out += universalName(cp);
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

const latin1 = new TextDecoder('latin1');
const REPLACEMENT = 0xfffd;

/** The number of continuation bytes after a lead byte, and the lead's value bits; [-1, 0] for no lead. */
function leadByte(c: number): [number, number] {
  if ((c & 0xe0) === 0xc0) return [1, 0x1f];
  if ((c & 0xf0) === 0xe0) return [2, 0x0f];
  if ((c & 0xf8) === 0xf0) return [3, 0x07];
  if ((c & 0xfc) === 0xf8) return [4, 0x03];
  if ((c & 0xfe) === 0xfc) return [5, 0x01];
  return [-1, 0];
}

/** A code point g_unichar_isprint rejects, as format_text writes it: \\uXXXX or \\UXXXXXXXX, upper-case hex. */
function universalName(cp: number): string {
  const hex = cp.toString(16).toUpperCase();
  return cp > 0xffff ? `\\U${hex.padStart(8, '0')}` : `\\u${hex.padStart(4, '0')}`;
}

/** One control character as format_text writes it: a C escape or three octal digits. */
function controlEscape(c: number): string {
  switch (c) {
    case 0x07: return '\\a';
    case 0x08: return '\\b';
    case 0x0c: return '\\f';
    case 0x0a: return '\\n';
    case 0x0d: return '\\r';
    case 0x09: return '\\t';
    case 0x0b: return '\\v';
    default: return `\\${c.toString(8).padStart(3, '0')}`;
  }
}

/**
 * tvb_format_text: raw bytes shown as text the way format_text_internal
 * reads them, a byte at a time and not as a strict UTF-8 decoder does: a
 * lead byte takes as many continuation bytes as its bits announce
 * (old five- and six-byte forms too), the whole sequence becomes one
 * REPLACEMENT CHARACTER when its value is no Unicode character, and an
 * unexpected byte ends the sequence with one and is read again. So
 * "f5 9f a8 86" is one replacement character here (four for TextDecoder).
 */
export function formatBytesAsText(bytes: Uint8Array, replaceSpace = false): string {
  const n = bytes.length;
  let out = '';
  let run = 0;
  let i = 0;
  while (i < n) {
    let c = bytes[i]!;
    if (c >= 0x20 && c < 0x7f) {
      i++;
      continue;
    }
    if (run < i) out += latin1.decode(bytes.subarray(run, i));
    i++;
    if (c < 0x80) {
      out += replaceSpace && isAsciiSpace(c) ? ' ' : controlEscape(c);
      run = i;
      continue;
    }
    const [more, mask] = leadByte(c);
    let uc = REPLACEMENT;
    if (more > 0) {
      uc = c & mask;
      for (let k = 0; k < more; k++) {
        if (i >= n) {
          uc = REPLACEMENT;
          break;
        }
        c = bytes[i]!;
        if ((c & 0xc0) !== 0x80) {
          uc = REPLACEMENT;
          break;
        }
        i++;
        uc = uc * 64 + (c & 0x3f);
      }
      // g_unichar_validate: within Unicode and not a surrogate.
      if (uc > 0x10ffff || (uc >= 0xd800 && uc <= 0xdfff)) uc = REPLACEMENT;
    }
    if (isPrintable(uc)) out += String.fromCodePoint(uc);
    // g_unichar_isspace: of the characters not printable, only ASCII whitespace (JavaScript's \s would take U+FEFF too).
    else if (replaceSpace && (uc === 0x09 || uc === 0x0a || uc === 0x0c || uc === 0x0d)) out += ' ';
    // An overlong form of an ASCII control: escaped by its last byte, as format_text does.
    else if (c < 0x80) out += controlEscape(c);
    else out += universalName(uc);
    run = i;
  }
  return run === 0 ? latin1.decode(bytes) : run < n ? out + latin1.decode(bytes.subarray(run)) : out;
}
