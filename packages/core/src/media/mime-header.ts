/**
 * MIME header text helpers as Wireshark's multipart and media code uses
 * them. Strings here hold one char per byte (latin1), like the C strings
 * they mirror, and stop at a NUL.
 */

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\v' || c === '\f' || c === '\r';
}

/**
 * unfold_and_compact_mime_header: unfold continuation lines, drop white
 * space around ':', ';', ',' and '=', squeeze other runs of white space to
 * one space, keep quoted strings as they are, and stop at the end of the
 * (unfolded) header. Returns the text and the offset of its first colon (-1 if none).
 */
export function unfoldAndCompactMimeHeader(lines: string): { text: string; colon: number } {
  const nul = lines.indexOf('\0');
  const s = nul >= 0 ? lines.slice(0, nul) : lines;
  let out = '';
  let sepSeen = false;
  let lws = false;
  let colon = -1;
  let p = 0;
  while (p < s.length) {
    const c = s[p]!;
    if (c === ':') {
      lws = false;
      if (colon === -1) colon = out.length;
      out += c;
      sepSeen = true;
      p++;
    } else if (c === ';' || c === ',' || c === '=') {
      lws = false;
      out += c;
      sepSeen = true;
      p++;
    } else if (c === ' ' || c === '\t') {
      lws = true;
      p++;
    } else if (c === '\n') {
      lws = false;
      const n = s[p + 1];
      if (n === undefined) break;
      if (n === ' ' || n === '\t') {
        lws = true;
        p += 2;
      } else break;
    } else if (c === '\r') {
      lws = false;
      const n = s[p + 1];
      if (n === undefined) break;
      if (n === '\n') {
        const n2 = s[p + 2];
        if (n2 === undefined) break;
        if (n2 === ' ' || n2 === '\t') {
          lws = true;
          p += 3;
        } else break;
      } else if (n === ' ' || n === '\t') {
        lws = true;
        p += 2;
      } else break;
    } else if (c === '"') {
      // A quoted string is copied as it is, escapes included, up to its closing quote.
      lws = false;
      out += c;
      p++;
      while (p < s.length) {
        const q = s[p]!;
        out += q;
        p++;
        if (q === '\\') {
          if (p < s.length) out += s[p++]!;
        } else if (q === '"') break;
      }
    } else {
      if (sepSeen) sepSeen = false;
      else if (lws) out += ' ';
      lws = false;
      out += c;
      p++;
    }
  }
  return { text: out, colon };
}

const TSPECIAL = '()<>@,;:\\"/[]?={}';

/**
 * ws_find_media_type_parameter: the (unquoted) value of parameter `key`,
 * or null. Wireshark 4.0 returns the last parameter's value when the key
 * is missing; `exact` turns that quirk off for callers that need the truth.
 */
export function findMediaTypeParameter(parameters: string | null, key: string, exact = false): string | null {
  if (parameters === null || key.length === 0) return null;
  const nul = parameters.indexOf('\0');
  const s = nul >= 0 ? parameters.slice(0, nul) : parameters;
  if (s.length === 0) return null;
  const lkey = key.toLowerCase();
  let p = 0;
  let value = -1;
  for (;;) {
    while (p < s.length && isSpace(s[p]!)) p++;
    if (p >= s.length) return null;
    const nameStart = p;
    while (p < s.length && s[p] !== '=' && s[p] !== ';') p++;
    const name = s.slice(nameStart, p);
    value = -1;
    if (p < s.length && s[p] === '=') {
      p++;
      value = p;
      if (s[p] === '"') {
        p++;
        while (p < s.length && s[p] !== '"') {
          if (s[p] === '\\') {
            p++;
            if (p >= s.length) break;
          }
          p++;
        }
        if (p < s.length) p++;
      }
      while (p < s.length && s[p] !== ';') p++;
    }
    const found = name.length === key.length && name.toLowerCase() === lkey;
    if (p < s.length) p++; // past ';'
    if (found) break;
    if (p >= s.length) {
      if (exact) return null;
      break;
    }
  }
  if (value < 0) return null;
  let v = '';
  p = value;
  if (s[p] === '"') {
    p++;
    while (p < s.length) {
      let c = s[p]!;
      if (c === '"') break;
      if (c === '\\') {
        p++;
        if (p >= s.length) break;
        c = s[p]!;
      }
      v += c;
      p++;
    }
    return v;
  }
  while (p < s.length) {
    const c = s[p]!;
    const code = c.charCodeAt(0);
    if (code <= 0x20 || code >= 0x7f || TSPECIAL.includes(c)) break;
    v += c;
    p++;
  }
  return v;
}
