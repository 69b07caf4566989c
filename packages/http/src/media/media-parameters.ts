/** One "name[=value]" parameter of a media type: where its value starts (-1 when none) and where the next begins. */
function nextParameter(s: string, pos: number): { name: string; value: number; next: number } | null {
  let p = pos;
  while (p < s.length && /\s/.test(s[p]!)) p++;
  if (p >= s.length) return null;
  const nameStart = p;
  while (p < s.length && s[p] !== '=' && s[p] !== ';') p++;
  const name = s.slice(nameStart, p);
  if (p >= s.length) return { name, value: -1, next: p };
  if (s[p] === ';') return { name, value: -1, next: p + 1 };
  p++;
  const value = p;
  if (s[p] === '"') {
    p++;
    while (p < s.length && s[p] !== '"') {
      if (s[p] === '\\') p++;
      p++;
    }
    if (p < s.length) p++;
  }
  while (p < s.length && s[p] !== ';') p++;
  return { name, value, next: p < s.length ? p + 1 : p };
}

const TSPECIALS = '()<>@,;:\\"/[]?={}';

/**
 * ws_find_media_type_parameter: the value of parameter `key` (case-
 * insensitive) in "a=1; b=\"x y\"", unquoted; null when absent or valueless.
 */
export function findMediaTypeParameter(parameters: string | null, key: string): string | null {
  if (!parameters || !key) return null;
  let pos = 0;
  for (;;) {
    const param = nextParameter(parameters, pos);
    if (param === null) return null;
    pos = param.next;
    if (param.name.length === key.length && param.name.toLowerCase() === key.toLowerCase()) {
      if (param.value < 0) return null;
      let p = param.value;
      let out = '';
      if (parameters[p] === '"') {
        p++;
        while (p < parameters.length && parameters[p] !== '"') {
          if (parameters[p] === '\\') {
            p++;
            if (p >= parameters.length) break;
          }
          out += parameters[p++];
        }
      } else {
        while (p < parameters.length) {
          const c = parameters.charCodeAt(p);
          if (c <= 0x20 || c >= 0x7f || TSPECIALS.includes(parameters[p]!)) break;
          out += parameters[p++];
        }
      }
      return out;
    }
    if (pos >= parameters.length) return null;
  }
}

/**
 * unfold_and_compact_mime_header: undo header folding, drop blanks around
 * ':;,=' and at the end, squeeze other runs of blanks to one space; keep
 * quoted strings as they are. Also returns where the first colon ended up.
 */
export function unfoldMimeHeader(lines: string): { text: string; colon: number } {
  let out = '';
  let sepSeen = false;
  let lws = false;
  let colon = -1;
  let p = 0;
  while (p < lines.length) {
    const c = lines[p]!;
    if (c === ':' || c === ';' || c === ',' || c === '=') {
      lws = false;
      if (c === ':' && colon === -1) colon = out.length;
      out += c;
      sepSeen = true;
      p++;
    } else if (c === ' ' || c === '\t') {
      lws = true;
      p++;
    } else if (c === '\n' || c === '\r') {
      // A line end followed by a blank folds the header; any other line end ends it.
      lws = false;
      const skip = c === '\r' && lines[p + 1] === '\n' ? 2 : 1;
      const after = lines[p + skip];
      if (after !== ' ' && after !== '\t') break;
      lws = true;
      p += skip + 1;
    } else if (c === '"') {
      lws = false;
      const end = findClosingQuote(lines, p + 1);
      out += lines.slice(p, end);
      p = end;
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

function findClosingQuote(s: string, p: number): number {
  while (p < s.length) {
    if (s[p] === '\\') p += 2;
    else if (s[p] === '"') return p + 1;
    else p++;
  }
  return s.length;
}
