import type { FieldDef, FieldNode, Tvb } from '@netdissect/core';
import type { HttpStreamState } from './conversation-state.js';
import { httpFields } from './fields.js';
import type { MessageSummary } from './headers.js';
import { asciiCString, tokenAt } from './line-scan.js';
import { statusCodeName } from './status-codes.js';

/** strtoul(s, NULL, 10) on the status code's three characters. */
function leadingNumber(s: string): number {
  const m = /^[ \t\n\v\f\r]*\+?(\d+)/.exec(s);
  return m ? Number(m[1]) : 0;
}

/** parse_http_status_code: the status of a response line, 0 unless it is exactly three digits. */
export function parseStatusCode(bytes: Uint8Array, pos: number, end: number): number {
  const version = tokenAt(bytes, pos, end);
  if (version.len === 0) return 0;
  const code = tokenAt(bytes, version.next, end);
  if (code.len !== 3) return 0;
  const s = String.fromCharCode(...bytes.subarray(version.next, version.next + 3));
  return /^[ \t\n\v\f\r]*[+-]?\d+$/.test(s) ? Number(s) : 0;
}

/**
 * basic_response_dissector: version, status code (with its name) and
 * reason phrase of the status line at `offset` (line bytes end at `lineLen`).
 */
export function dissectStatusLine(tvb: Tvb, tree: FieldNode | null, offset: number, lineLen: number, state: HttpStreamState, summary: MessageSummary): void {
  const bytes = tvb.bytes;
  let p = tvb.start + offset;
  const end = p + lineLen;
  const version = tokenAt(bytes, p, end);
  if (version.len === 0) return;
  tree?.addItem(httpFields.responseVersion, tvb, offset, version.len);
  offset += version.next - p;
  p = version.next;
  const code = tokenAt(bytes, p, end);
  if (code.len < 3) return;
  const status = leadingNumber(String.fromCharCode(...bytes.subarray(p, p + 3)));
  summary.responseCode = status;
  state.responseCode = status;
  tree?.add(httpFields.responseCode, tvb, offset, 3, status);
  tree?.addGenerated(httpFields.responseCodeDesc, tvb, offset, 3, statusCodeName(status));
  offset += code.next - p;
  p = code.next;
  if (end - p >= 1) tree?.addItem(httpFields.responsePhrase, tvb, offset, end - p);
}

/** strlen() of a string as Wireshark holds it (UTF-8). */
function cStrlen(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) n += c >= 0x800 && (c < 0xd800 || c > 0xdfff) ? 2 : 1;
  }
  return n;
}

/** proto_tree_add_string: the bytes it claims must exist (checked before the tree is looked at), then the item. */
function addCheckedString(parent: FieldNode | null, def: FieldDef, tvb: Tvb, off: number, len: number, value: string): FieldNode | null {
  if (len !== 0) tvb.check(off, len);
  return parent ? parent.add(def, tvb, off, len, value) : null;
}

/**
 * basic_request_dissector: method, URI (with its path, query and query
 * parameters) and version of the request line at `offset`.
 */
export function dissectRequestLine(tvb: Tvb, tree: FieldNode | null, offset: number, lineLen: number, state: HttpStreamState, summary: MessageSummary): void {
  const bytes = tvb.bytes;
  let p = tvb.start + offset;
  const end = p + lineLen;
  const method = tokenAt(bytes, p, end);
  if (method.len === 0) return;
  tree?.addItem(httpFields.requestMethod, tvb, offset, method.len);
  let next = method.next;
  // Two blanks after the method mean an empty URI.
  if (next - p > 2 && bytes[next - 1] === 0x20 && bytes[next - 2] === 0x20) next--;
  offset += next - p;
  p = next;
  const uriTok = tokenAt(bytes, p, end);
  const uri = asciiCString(bytes.subarray(p, p + uriTok.len));
  summary.requestUri = uri;
  state.requestUri = uri;
  const uriItem = tree?.add(httpFields.requestUri, tvb, offset, uriTok.len, uri) ?? null;
  const q = uri.indexOf('?');
  if (q >= 0 && uri.length - q > 1) {
    // Offsets and lengths are strlen()s of the decoded URI, as packet-http.c takes them: a byte above 0x7f
    // became a 3-byte replacement character, and an item running past the data throws, with or without a tree.
    const query = uri.slice(q + 1);
    const pathLen = cStrlen(uri) - cStrlen(query);
    addCheckedString(uriItem, httpFields.requestPath, tvb, offset, pathLen - 1, uri.slice(0, q));
    let paramOffset = offset + pathLen;
    const queryItem = addCheckedString(uriItem, httpFields.requestQuery, tvb, paramOffset, cStrlen(query), query);
    // strtok: empty parameters are skipped without moving the offset past their '&'.
    for (const param of query.split('&')) {
      if (param.length === 0) continue;
      const len = cStrlen(param);
      addCheckedString(queryItem, httpFields.requestQueryParameter, tvb, paramOffset, len, param);
      paramOffset += len + 1;
    }
  }
  offset += uriTok.next - p;
  p = uriTok.next;
  tree?.addItem(httpFields.requestVersion, tvb, offset, end - p);
}
