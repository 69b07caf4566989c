import { decodeAscii, formatBytesAsText, rawByteString, type FieldDef, type FieldNode, type PacketInfo, type TcpInfo, type Tvb } from '@netdissect/core';
import { dissectBasicAuth } from './basic-auth.js';
import type { HttpConversation, HttpStreamState } from './conversation-state.js';
import { httpExpert, httpFields } from './fields.js';
import { asciiCString, cStringBytes } from './line-scan.js';
import { HttpType } from './message-type.js';
import { parseTransferCoding, TransferCoding } from './transfer-coding.js';

const INT64_MAX = 2n ** 63n - 1n;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** What the headers of one message say about its body (headers_t). */
export interface MessageHeaders {
  /** Media type, lower-cased, without parameters. */
  contentType: string | null;
  contentTypeParameters: string | null;
  haveContentLength: boolean;
  contentLength: number;
  contentEncoding: string | null;
  chunked: boolean;
  transferCoding: TransferCoding;
  upgrade: string | null;
}

export function emptyHeaders(): MessageHeaders {
  return { contentType: null, contentTypeParameters: null, haveContentLength: false, contentLength: 0, contentEncoding: null, chunked: false, transferCoding: TransferCoding.NONE, upgrade: null };
}

/** What this message alone says (stat_info): its own Host, URI and status. */
export interface MessageSummary {
  requestMethod: string | null;
  requestUri: string | null;
  httpHost: string | null;
  responseCode: number;
  fullUri: string | null;
}

const Special = { NONE: 0, AUTHORIZATION: 1, AUTHENTICATE: 2, CONTENT_TYPE: 3, CONTENT_LENGTH: 4, CONTENT_ENCODING: 5, TRANSFER_ENCODING: 6, HOST: 7, UPGRADE: 8, COOKIE: 9 } as const;
type Special = (typeof Special)[keyof typeof Special];

/** The headers packet-http.c gives their own field, by lower-case name. */
const knownHeaders = new Map<string, readonly [FieldDef, Special]>([
  ['authorization', [httpFields.authorization, Special.AUTHORIZATION]],
  ['proxy-authorization', [httpFields.proxyAuthorization, Special.AUTHORIZATION]],
  ['proxy-authenticate', [httpFields.proxyAuthenticate, Special.AUTHENTICATE]],
  ['www-authenticate', [httpFields.wwwAuthenticate, Special.AUTHENTICATE]],
  ['content-type', [httpFields.contentType, Special.CONTENT_TYPE]],
  ['content-length', [httpFields.contentLengthHeader, Special.CONTENT_LENGTH]],
  ['content-encoding', [httpFields.contentEncoding, Special.CONTENT_ENCODING]],
  ['transfer-encoding', [httpFields.transferEncoding, Special.TRANSFER_ENCODING]],
  ['upgrade', [httpFields.upgrade, Special.UPGRADE]],
  ['user-agent', [httpFields.userAgent, Special.NONE]],
  ['host', [httpFields.host, Special.HOST]],
  ['connection', [httpFields.connection, Special.NONE]],
  ['cookie', [httpFields.cookie, Special.COOKIE]],
  ['accept', [httpFields.accept, Special.NONE]],
  ['referer', [httpFields.referer, Special.NONE]],
  ['accept-language', [httpFields.acceptLanguage, Special.NONE]],
  ['accept-encoding', [httpFields.acceptEncoding, Special.NONE]],
  ['date', [httpFields.date, Special.NONE]],
  ['cache-control', [httpFields.cacheControl, Special.NONE]],
  ['server', [httpFields.server, Special.NONE]],
  ['location', [httpFields.location, Special.NONE]],
  ['sec-websocket-accept', [httpFields.secWebsocketAccept, Special.NONE]],
  ['sec-websocket-extensions', [httpFields.secWebsocketExtensions, Special.NONE]],
  ['sec-websocket-key', [httpFields.secWebsocketKey, Special.NONE]],
  ['sec-websocket-protocol', [httpFields.secWebsocketProtocol, Special.NONE]],
  ['sec-websocket-version', [httpFields.secWebsocketVersion, Special.NONE]],
  ['set-cookie', [httpFields.setCookie, Special.NONE]],
  ['last-modified', [httpFields.lastModified, Special.NONE]],
  ['x-forwarded-for', [httpFields.xForwardedFor, Special.NONE]],
  ['http2-settings', [httpFields.http2Settings, Special.NONE]],
]);

/** RFC 7230 tchar (is_token_char). */
function isTokenChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || '!#$%&\\:*+-.^_`|~'.includes(String.fromCharCode(c));
}

function isSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d);
}

/** The message's own line field, for headers shown as plain lines. */
function lineField(type: HttpType): FieldDef | null {
  return type === HttpType.RESPONSE ? httpFields.responseLine : type === HttpType.REQUEST ? httpFields.requestLine : null;
}

export interface HeaderContext {
  readonly pinfo: PacketInfo;
  readonly tree: FieldNode | null;
  readonly headers: MessageHeaders;
  readonly summary: MessageSummary;
  readonly state: HttpStreamState;
  readonly conversation: HttpConversation;
  readonly type: HttpType;
  readonly tcp: TcpInfo | null;
}

/**
 * process_header: one "Name: value" line at `offset` (`len` bytes with its
 * terminator, `lineLen` without), its colon at `colon`. Known headers get
 * their field (and a hidden copy of the line); the rest show as the
 * message's request/response line; some change how the body is read.
 */
export function processHeader(tvb: Tvb, offset: number, len: number, lineLen: number, colon: number, ctx: HeaderContext): void {
  const { pinfo, tree, headers, type } = ctx;
  const bytes = tvb.bytes;
  const p = tvb.start + offset;
  const nameLen = colon - offset;
  let valid = nameLen !== 0;
  for (let i = 0; valid && i < nameLen; i++) if (bytes[p + i] === 0 || !isTokenChar(bytes[p + i]!)) valid = false;
  if (!valid) {
    // proto_tree_add_item: the value ends at a NUL, and bytes after it are "Trailing stray characters".
    const it = tree?.addItem(lineField(type) ?? httpFields.unknownHeader, tvb, offset, len) ?? null;
    if (it && tree!.ctx.full) it.setText(formatBytesAsText(tvb.view(offset, len)));
    pinfo.expert(it, httpExpert.badHeaderName);
    return;
  }
  const name = decodeAscii(bytes.subarray(p, p + nameLen)).toLowerCase();
  let valueOffset = colon + 1;
  const lineEnd = offset + lineLen;
  while (valueOffset < lineEnd && (bytes[tvb.start + valueOffset] === 0x20 || bytes[tvb.start + valueOffset] === 0x09)) valueOffset++;
  const valueBytes = bytes.subarray(tvb.start + valueOffset, tvb.start + lineEnd);
  const known = knownHeaders.get(name);
  const lf = lineField(type);
  // The line's text only for a tree that keeps its field (a pruned one drops it).
  const keepsLine = tree !== null && lf !== null && tree.ctx.keeps(lf);
  if (!known) {
    if (tree) {
      if (lf) {
        if (keepsLine) {
          // proto_tree_add_item (ENC_ASCII): the value ends at a NUL, and bytes after it are "Trailing stray characters".
          const it = tree.addItem(lf, tvb, offset, len);
          if (tree.ctx.full) it.setText(formatBytesAsText(tvb.view(offset, len)));
        }
      } else if (tree.ctx.keeps(httpFields.unknownHeader)) {
        const s = formatBytesAsText(tvb.view(offset, len));
        tree.add(httpFields.unknownHeader, tvb, offset, len, s).setText(s);
      }
    }
    return;
  }
  const [field, special] = known;
  // Plain headers need their value only for a tree that keeps it (or the line).
  if (special === Special.NONE && (tree === null || !(tree.ctx.keeps(field) || keepsLine))) return;
  const value = asciiCString(valueBytes);
  let hdrItem: FieldNode | null = null;
  if (tree) {
    hdrItem = tree.add(field, tvb, offset, len, value);
    if (tree.ctx.full) hdrItem.setText(formatBytesAsText(tvb.view(offset, len)));
    // The line too is proto_tree_add_item (ENC_ASCII), hidden: its value ends at a NUL, with the stray-characters expert.
    if (keepsLine) tree.addItem(lf!, tvb, offset, len).setHidden();
  }
  switch (special) {
    case Special.AUTHORIZATION:
      authorization(value, hdrItem, tvb, offset, ctx);
      break;
    case Special.CONTENT_TYPE:
      contentType(valueBytes, headers);
      break;
    case Special.CONTENT_LENGTH: {
      const m = /^[ \t\n\v\f\r]*([+-]?)(\d+)/.exec(value);
      const end = m ? m[0].length : 0;
      // g_ascii_strtoll: any length up to 2^63 - 1 (ERANGE beyond), shown exactly past 2^53.
      const n = m ? BigInt(m[1] + m[2]) : -1n;
      const after = value.charCodeAt(end);
      if (n >= 0n && n <= INT64_MAX && (end === value.length || isSpace(after))) {
        headers.haveContentLength = true;
        headers.contentLength = Number(n);
        hdrItem?.addGenerated(httpFields.contentLength, tvb, offset, len, n <= MAX_SAFE ? Number(n) : n);
        if (headers.transferCoding !== TransferCoding.NONE) pinfo.expert(hdrItem, httpExpert.teAndLength);
      } else {
        headers.haveContentLength = false;
      }
      break;
    }
    case Special.CONTENT_ENCODING:
      headers.contentEncoding = value;
      break;
    case Special.TRANSFER_ENCODING: {
      if (headers.haveContentLength) pinfo.expert(hdrItem, httpExpert.teAndLength);
      const te = parseTransferCoding(value, headers.chunked);
      headers.transferCoding = te.coding;
      headers.chunked = te.chunked;
      if (!te.understood) pinfo.expert(hdrItem, httpExpert.teUnknown);
      break;
    }
    case Special.HOST: {
      // Kept as the bytes it is (the full request URI built from it shows them so), where http.host has ASCII.
      const host = rawByteString(cStringBytes(valueBytes));
      ctx.summary.httpHost = host;
      ctx.state.httpHost = host;
      break;
    }
    case Special.UPGRADE:
      headers.upgrade = value.toLowerCase();
      break;
    case Special.COOKIE:
      if (hdrItem) cookiePairs(value, hdrItem, tvb, valueOffset);
      break;
  }
}

/**
 * HDR_CONTENT_TYPE: the media type up to ';' or a blank, lower-cased; parameters after the separators.
 * Wireshark reads the value as a C string, so a NUL ends it.
 */
function contentType(valueBytes: Uint8Array, headers: MessageHeaders): void {
  const nul = valueBytes.indexOf(0);
  const raw = decodeAscii(nul < 0 ? valueBytes : valueBytes.subarray(0, nul));
  let i = 0;
  while (i < raw.length && raw[i] !== ';' && !isSpace(raw.charCodeAt(i))) i++;
  headers.contentType = raw.slice(0, i).toLowerCase();
  i++;
  while (i < raw.length && (raw[i] === ';' || isSpace(raw.charCodeAt(i)))) i++;
  headers.contentTypeParameters = i < raw.length ? raw.slice(i) : null;
}

/** "name=value" pairs of a Cookie header, split at ';'. */
function cookiePairs(value: string, item: FieldNode, tvb: Tvb, valueOffset: number): void {
  let i = 0;
  while (i < value.length) {
    while (i < value.length && (value[i] === ';' || isSpace(value.charCodeAt(i)))) i++;
    if (i >= value.length) break;
    const semi = value.indexOf(';', i);
    const partLen = (semi < 0 ? value.length : semi) - i;
    item.add(httpFields.cookiePair, tvb, valueOffset + i, partLen, value.slice(i, i + partLen));
    i += partLen;
  }
}

/**
 * HDR_AUTHORIZATION: Basic is decoded and reported; Digest parameters are
 * listed. NTLMSSP, Kerberos and Citrix tokens are recognised but left
 * undecoded (no NTLMSSP/GSSAPI dissector here).
 */
function authorization(value: string, hdrItem: FieldNode | null, tvb: Tvb, lineOffset: number, ctx: HeaderContext): void {
  if (value.startsWith('NTLM ') || value.startsWith('Negotiate ')) return;
  if (dissectBasicAuth(value, hdrItem, ctx.pinfo, ctx.conversation, ctx.tcp)) return;
  if (value.startsWith('CitrixAGBasic ') || value.startsWith('Kerberos ')) return;
  if (value.startsWith('Digest') && hdrItem && hdrItem.ctx.full) digestParameters(tvb, hdrItem, lineOffset, value.length);
}

/** check_auth_digest: one text line per comma-separated parameter (as packet-http.c counts offsets). */
function digestParameters(tvb: Tvb, item: FieldNode, lineOffset: number, valueLen: number): void {
  // packet-http.c skips a fixed 21 bytes from the start of the header line ("Authorization: Digest").
  let offset = lineOffset + 21;
  let len = valueLen - 21;
  while (len > 0) {
    const comma = tvb.find(0x2c, offset, len);
    if (comma <= 0) break;
    item.addText(tvb, offset, comma - offset, formatBytesAsText(tvb.view(offset, comma - offset)));
    len -= comma - offset;
    offset = comma + 1;
  }
}
