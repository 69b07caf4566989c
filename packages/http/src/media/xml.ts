import {
  decodeUtf8, defineExpert, defineFields, defineProtocol, formatBytesAsText, FT, Group, makeDissector, registerMediaType, Severity, type FieldNode, type PacketInfo, type Tvb,
} from '@netdissect/core';
import { startsWithIgnoreCase } from '../line-scan.js';
import { XML_MEDIA_TYPES } from './xml-media-types.js';

export const hfXml = defineProtocol('xml', 'eXtensible Markup Language');
export const xmlFields = defineFields('xml', {
  xmlpi: { abbrev: 'xml.xmlpi', name: 'XMLPI', type: FT.STRING },
  cdataSection: { abbrev: 'xml.cdatasection', name: 'CDATASection', type: FT.STRING },
  comment: { abbrev: 'xml.comment', name: 'Comment', type: FT.STRING },
  attribute: { abbrev: 'xml.attribute', name: 'Attribute', type: FT.STRING },
  doctype: { abbrev: 'xml.doctype', name: 'Doctype', type: FT.STRING },
  cdata: { abbrev: 'xml.cdata', name: 'CDATA', type: FT.STRING },
  tag: { abbrev: 'xml.tag', name: 'Tag', type: FT.STRING },
  dtdTag: { abbrev: 'xml.dtdtag', name: 'DTD Tag', type: FT.STRING },
  xmlDeclaration: { abbrev: 'xml.xmlpi.xml', name: 'xml.xmlpi.xml', type: FT.STRING },
  declarationVersion: { abbrev: 'xml.xmlpi.xml.version', name: 'version', type: FT.STRING },
  declarationEncoding: { abbrev: 'xml.xmlpi.xml.encoding', name: 'encoding', type: FT.STRING },
  declarationStandalone: { abbrev: 'xml.xmlpi.xml.standalone', name: 'standalone', type: FT.STRING },
  unknown: { abbrev: 'xml.unknown', name: 'Unknown', type: FT.STRING },
});
const eiUnrecognizedText = defineExpert('xml', 'xml.unrecognized_text', Group.PROTOCOL, Severity.WARN, 'Unrecognized text');
const eiClosingUnopened = defineExpert('xml', 'xml.closing_unopened_tag', Group.MALFORMED, Severity.ERROR, 'Closing an unopened tag');

const isBlank = (c: number | undefined): boolean => c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a;

// One character per byte, so offsets in the text are offsets in the bytes.
const latin1 = new TextDecoder('latin1');

/** Elements nested deeper than this are shown flat (hostile input must not build a huge stack). */
const MAX_DEPTH = 1000;

/** packet-xml.c's name characters (want_name). */
const isNameChar = (c: number | undefined): boolean =>
  c !== undefined && ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x2d || c === 0x5f);

/** Whether `s` is at `at`. */
function startsAt(b: Uint8Array, at: number, end: number, s: string): boolean {
  if (at + s.length > end) return false;
  for (let k = 0; k < s.length; k++) if (b[at + k] !== s.charCodeAt(k)) return false;
  return true;
}

/** Offset of `needle` at or after `from`, or -1. */
function indexOf(b: Uint8Array, from: number, end: number, needle: string): number {
  const first = needle.charCodeAt(0);
  outer: for (let i = b.indexOf(first, from); i >= 0 && i + needle.length <= end; i = b.indexOf(first, i + 1)) {
    for (let k = 1; k < needle.length; k++) if (b[i + k] !== needle.charCodeAt(k)) continue outer;
    return i;
  }
  return -1;
}

/** The attributes of a start tag's text after its name: name="value" or name='value'. */
function attributes(tag: string): Array<{ at: number; text: string }> {
  const out: Array<{ at: number; text: string }> = [];
  const re = /([^\s=/>]+)\s*=\s*("[^"]*"|'[^']*')/g;
  for (let m = re.exec(tag); m; m = re.exec(tag)) out.push({ at: m.index, text: `${m[1]}=${m[2]}` });
  return out;
}

/**
 * A processing instruction at `at` in `text` as packet-xml.c's grammar reads it: `<?name`, attributes, `?>`;
 * null when it does not. Sticky matches from `at`, so a failed attempt costs what it read, not the rest of the text.
 */
function processingInstruction(text: string, at: number): { name: string; attributes: Array<{ at: number; name: string; text: string }>; close: number } | null {
  const head = /<\?([^\s?>="'<]+)/y;
  head.lastIndex = at;
  const h = head.exec(text);
  if (!h) return null;
  const list: Array<{ at: number; name: string; text: string }> = [];
  const step = /[ \t\r\n]*(?:(\?>)|([^\s?>="'<]+)=("[^"]*"|'[^']*'))/y;
  step.lastIndex = head.lastIndex;
  for (let m = step.exec(text); m; m = step.exec(text)) {
    if (m[1]) return { name: h[1]!, attributes: list, close: step.lastIndex - 2 };
    list.push({ at: step.lastIndex - m[2]!.length - 1 - m[3]!.length, name: m[2]!, text: `${m[2]}=${m[3]}` });
  }
  return null;
}

/** indexOf for a scan that only moves forward: a search resumes from what an earlier one proved (each byte read once). */
class ForwardSearch {
  private from = -1;
  private found = -1;
  constructor(private readonly b: Uint8Array, private readonly end: number, private readonly needle: string) {}

  next(from: number): number {
    if (this.from < 0 || from < this.from || (this.found >= 0 && this.found < from)) {
      this.from = from;
      this.found = indexOf(this.b, from, this.end, this.needle);
    }
    return this.found;
  }
}

/** The XML declaration's attributes packet-xml.c names; others are plain attributes. */
const DECLARATION_ATTRIBUTES: ReadonlyMap<string, typeof xmlFields.tag> = new Map([
  ['version', xmlFields.declarationVersion],
  ['encoding', xmlFields.declarationEncoding],
  ['standalone', xmlFields.declarationStandalone],
]);

/** The `<!` tokens with an end of their own, each with its field: comments and CDATA sections. */
const DECLARATIONS: ReadonlyArray<readonly [string, string, typeof xmlFields.tag]> = [
  ['<!--', '-->', xmlFields.comment],
  ['<![CDATA[', ']]>', xmlFields.cdataSection],
];

/** A start tag's attributes; with any, the tag shows as "<name" and the last attribute carries the tag's end. */
function addAttributes(tvb: Tvb, node: FieldNode, offset: number, tagText: string, full: boolean): void {
  const list = attributes(tagText);
  if (list.length === 0) return;
  if (full) node.setText(tagText.slice(0, list[0]!.at).trimEnd());
  list.forEach((a, i) => {
    const item = node.add(xmlFields.attribute, tvb, offset + a.at, a.text.length, a.text);
    if (full) item.setText(i === list.length - 1 ? a.text + tagText.slice(a.at + a.text.length).trim() : a.text);
  });
}

/**
 * XML (packet-xml.c): declarations, comments, CDATA sections, elements
 * with their attributes, and text, as a tree that follows the nesting.
 * Protocol gets "/XML".
 */
function dissectXml(body: Tvb, pinfo: PacketInfo, tree: FieldNode | null): number {
  // packet-xml.c first reads two bytes for a byte-order mark, with a tree or without: a body of one byte ends there.
  const bom = body.u16(0);
  const tvb = bom === 0xfeff || bom === 0xfffe ? decodedUtf16(body, pinfo, bom === 0xfeff) : body;
  pinfo.cols.setProtocol(`${pinfo.cols.protocol}/XML`);
  if (!tree) return body.length;
  const root = tree.addProtocol(hfXml, tvb, 0, tvb.length);
  const full = tree.ctx.full;
  const b = tvb.bytes;
  const base = tvb.start;
  const end = base + tvb.length;
  const stack: FieldNode[] = [root];
  const add = (def: typeof xmlFields.tag, from: number, to: number): FieldNode => {
    const top = stack[stack.length - 1]!;
    const raw = b.subarray(from, to);
    const node = top.add(def, tvb, from - base, to - from, decodeUtf8(raw));
    if (full && node !== top) node.setText(formatBytesAsText(raw));
    return node;
  };
  // Searches for what closes a token, each resumed rather than repeated (a body of unclosed '<' must not cost n²).
  const searches = new Map<string, ForwardSearch>();
  const find = (needle: string, from: number): number => {
    let s = searches.get(needle);
    if (!s) searches.set(needle, (s = new ForwardSearch(b, end, needle)));
    return s.next(from);
  };
  // tvbparse_until tries its terminator at each position but the data's last byte, unless it starts there: a '>'
  // ending the data does not end a DTD tag.
  const until = (needle: string, from: number): number => {
    const q = find(needle, from);
    return needle.length === 1 && q === end - 1 && q > from ? -1 : q;
  };
  // What no token matches from a '<' (a tag, comment or instruction never closed) is unrecognized up to the next
  // blank: returns where it ends.
  const unrecognized = (from: number): number => {
    let q = from;
    while (q < end && !isBlank(b[q])) q++;
    const item = stack[stack.length - 1]!.addText(tvb, from - base, q - from, 'Unrecognized text');
    pinfo.expert(item, eiUnrecognizedText);
    return q;
  };
  const skipBlanks = (from: number): number => {
    while (from < end && isBlank(b[from])) from++;
    return from;
  };
  // want_doctype_start: "<!DOCTYPE name" then '[' (a frame later tokens go into, up to "]>") or PUBLIC/SYSTEM up to
  // a '>'; blanks may separate its parts. Adds its item, whose value is the name; null when it does not match.
  const doctype = (from: number): { node: FieldNode; next: number; open: boolean } | null => {
    let q = skipBlanks(from + 2);
    if (!startsWithIgnoreCase(b, q, end, 'doctype')) return null;
    const nameStart = skipBlanks(q + 7);
    q = nameStart;
    while (isNameChar(b[q])) q++;
    if (q === nameStart) return null;
    const nameEnd = q;
    q = skipBlanks(q);
    let next: number;
    if (b[q] === 0x5b) next = q + 1;
    else if (startsWithIgnoreCase(b, q, end, 'public') || startsWithIgnoreCase(b, q, end, 'system')) {
      const gt = until('>', skipBlanks(q + 6));
      if (gt < 0) return null;
      next = gt + 1;
    } else return null;
    const top = stack[stack.length - 1]!;
    const node = top.add(xmlFields.doctype, tvb, nameStart - base, nameEnd - nameStart, latin1.decode(b.subarray(nameStart, nameEnd)));
    if (full && node !== top) node.setText(formatBytesAsText(b.subarray(from, next)));
    return { node, next, open: next === q + 1 };
  };
  // A closing tag or "]>" with no open element is an error on the root.
  const closeFrame = (from: number, to: number): void => {
    if (stack.length > 1) stack.pop();
    else pinfo.addExpertItem(stack[0]!, eiClosingUnopened, tvb, from - base, to - from);
  };
  let text: string | null = null;
  let p = base;
  while (p < end) {
    if (b[p] !== 0x3c) {
      // want_dtd_close: ']' and '>' (blanks between) end a DOCTYPE's frame.
      const s = skipBlanks(p);
      if (b[s] === 0x5d) {
        const gt = skipBlanks(s + 1);
        if (b[gt] === 0x3e) {
          if (full) stack[stack.length - 1]!.addText(tvb, s - base, gt + 1 - s, formatBytesAsText(b.subarray(s, gt + 1)));
          closeFrame(s, gt + 1);
          p = gt + 1;
          continue;
        }
      }
      let q = find('<', p);
      if (q < 0) q = end;
      // Blanks before text are skipped, as packet-xml.c's tokenizer ignores them; text outside every element is "Unknown".
      while (p < q && isBlank(b[p])) p++;
      if (p < q) add(stack.length > 1 ? xmlFields.cdata : xmlFields.unknown, p, q);
      p = q;
      continue;
    }
    if (startsAt(b, p, end, '<?')) {
      // A processing instruction: "<?name", its attributes, "?>" (the XML declaration's own fields for "<?xml").
      text ??= latin1.decode(b.subarray(base, end));
      const pi = processingInstruction(text, p - base);
      if (pi === null) {
        p = unrecognized(p);
        continue;
      }
      const q = base + pi.close + 2;
      const declaration = pi.name === 'xml';
      const node = add(declaration ? xmlFields.xmlDeclaration : xmlFields.xmlpi, p, q);
      if (full) node.setText(`<?${pi.name}`);
      for (const a of pi.attributes) {
        const known = declaration ? DECLARATION_ATTRIBUTES.get(a.name) : undefined;
        // Offsets from the byte-per-character text; values decoded from the bytes as UTF-8.
        const raw = b.subarray(base + a.at, base + a.at + a.text.length);
        const value = known ? decodeUtf8(raw.subarray(a.name.length + 2, raw.length - 1)) : decodeUtf8(raw);
        const item = node.add(known ?? xmlFields.attribute, tvb, a.at, raw.length, value);
        if (full) item.setText(formatBytesAsText(raw));
      }
      if (full) node.addText(tvb, pi.close, 2, '?>');
      p = q;
      continue;
    }
    if (startsAt(b, p, end, '<!')) {
      const kind = DECLARATIONS.find(([open]) => startsAt(b, p, end, open));
      const close = kind ? until(kind[1], p + kind[0].length) : -1;
      if (kind && close >= 0) {
        add(kind[2], p, close + kind[1].length);
        p = close + kind[1].length;
        continue;
      }
      const dt = doctype(p);
      if (dt) {
        if (dt.open && stack.length < MAX_DEPTH) stack.push(dt.node);
        p = dt.next;
        continue;
      }
      // Any other "<!" token (a comment or CDATA section never closed too) is a DTD tag up to the next '>'.
      const gt = until('>', p + 2);
      if (gt >= 0) {
        add(xmlFields.dtdTag, p, gt + 1);
        p = gt + 1;
      } else {
        p = unrecognized(p);
      }
      continue;
    }
    let q = find('>', p);
    // A tag ends at its '>', with no '<' before it.
    const lt = find('<', p + 1);
    if (q < 0 || (lt >= 0 && lt < q)) {
      p = unrecognized(p);
      continue;
    }
    q += 1;
    if (b[p + 1] === 0x2f) {
      // The closing tag is shown inside its element.
      if (full) stack[stack.length - 1]!.addText(tvb, p - base, q - p, formatBytesAsText(b.subarray(p, q)));
      closeFrame(p, q);
      p = q;
      continue;
    }
    const node = add(xmlFields.tag, p, q);
    if (full || node.ctx.keeps(xmlFields.attribute)) addAttributes(tvb, node, p - base, decodeUtf8(b.subarray(p, q)), full);
    const selfClosing = q - 2 >= p && b[q - 2] === 0x2f;
    if (!selfClosing && stack.length < MAX_DEPTH) stack.push(node);
    p = q;
  }
  return body.length;
}

/**
 * A body with a UTF-16 byte-order mark, as packet-xml.c reads it: its
 * captured bytes decoded (the mark kept, as U+FEFF) up to the first NUL
 * character, as UTF-8 in a data source of their own.
 */
function decodedUtf16(body: Tvb, pinfo: PacketInfo, bigEndian: boolean): Tvb {
  const text = new TextDecoder(bigEndian ? 'utf-16be' : 'utf-16le', { ignoreBOM: true }).decode(body.view(0, body.length));
  const nul = text.indexOf('\0');
  const bytes = new TextEncoder().encode(nul < 0 ? text : text.slice(0, nul));
  return pinfo.addDataSource(`Decoded UTF-16${bigEndian ? 'BE' : 'LE'} text`, bytes);
}

export const xmlDissector = makeDissector('xml', 'XML', dissectXml, []);

for (const type of XML_MEDIA_TYPES) registerMediaType(type, xmlDissector);
