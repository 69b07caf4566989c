import {
  formatBytesAsText, inflateBody, isDecodeFailure, mediaDissector, PortType, streamPosition, timeDelta, Tvb,
  type DecodeResult, type Dissector, type FieldDef, type FieldNode, type MediaInfo, type PacketInfo, type TcpInfo,
} from '@netdissect/core';
import { settleCredentials } from './basic-auth.js';
import { dechunkBody } from './chunked-body.js';
import { brotliBody } from './content-decoding.js';
import { HttpConversation, type HttpStreamState } from './conversation-state.js';
import { reportHttpObject } from './export-objects.js';
import { httpExpert, httpFields } from './fields.js';
import { dissectRequestLine, dissectStatusLine, parseStatusCode } from './first-line.js';
import { reassembleHeadersAndBody, type ChunkProgress } from './header-reassembly.js';
import { emptyHeaders, processHeader, type HeaderContext, type MessageHeaders, type MessageSummary } from './headers.js';
import { asciiCString, findLineEnd, findLineEndResuming } from './line-scan.js';
import { mediaTypeDissector } from './media-types.js';
import { classifyFirstLine, HttpType } from './message-type.js';
import { TransferCoding } from './transfer-coding.js';
import { noteUnrecognisedHttpMessage } from './unrecognised-messages.js';

/** Where one message is being dissected from. */
export interface MessageContext {
  readonly pinfo: PacketInfo;
  readonly tree: FieldNode | null;
  readonly conversation: HttpConversation;
  readonly state: HttpStreamState;
  /** The segment carries the FIN: no more data will come, so do not wait for a body. */
  readonly endOfStream: boolean;
  readonly tcp: TcpInfo | null;
  /** Set once anything was put in the tree (Wireshark drops a layer that added nothing from frame.protocols). */
  readonly shown: { value: boolean };
  /** The protocol the messages are shown as: HTTP, or SSDP over UDP. */
  readonly protocol: { readonly tag: string; readonly def: FieldDef };
}

function isPrint(c: number): boolean {
  return c >= 0x20 && c < 0x7f;
}

function dataDissector(pinfo: PacketInfo): Dissector {
  return pinfo.session.registry.byProto('data')!;
}

/** No body follows: responses to HEAD, 2xx to CONNECT, 1xx, 204 and 304 (RFC 7230 3.3). */
function responseHasNoBody(method: string | null, code: number): boolean {
  const klass = Math.floor(code / 100);
  return method === 'HEAD' || (klass === 2 && (method === 'CONNECT' || method === 'SSTP_DUPLEX_POST')) || klass === 1 || code === 204 || code === 304;
}

/**
 * dissect_http_message: one request or response starting at `offset`.
 * Returns the bytes it used, or -1 when it asked TCP for more data or
 * the data is not HTTP.
 */
export function dissectHttpMessage(tvb: Tvb, offset: number, ctx: MessageContext): number {
  const { pinfo, tree, conversation: hc, state: st } = ctx;
  const cols = pinfo.cols;
  const origOffset = offset;
  const scans = ctx.tcp ? hc.scansFor(pinfo) : null;
  const chunkMap = scans?.chunkOffsets ?? null;
  const seq = ctx.tcp ? ctx.tcp.seq : 0;
  const chunk: ChunkProgress = { offset: chunkMap?.get(seq) ?? 0 };

  if (tvb.reportedRemaining(offset) < 1) return -1;
  let leadingCrlf = false;
  if (tvb.reportedRemaining(offset) > 3 && tvb.u16(offset) === 0x0d0a) {
    leadingCrlf = true;
    offset += 2;
  }
  const haveSeenHttp = st.requestUri !== null;
  let httpTree: FieldNode | null = null;

  if (!isPrint(tvb.u8(offset))) {
    if (haveSeenHttp) {
      cols.setProtocol(ctx.protocol.tag);
      cols.setInfo('Continuation');
      httpTree = tree ? tree.addProtocol(ctx.protocol.def, tvb, offset, tvb.remaining(offset)) : null;
      ctx.shown.value ||= tree !== null;
      pinfo.call(dataDissector(pinfo), tvb.sub(origOffset), httpTree);
    }
    return -1;
  }

  const bytes = tvb.bytes;
  // The message's stream position keys the header-scan memo (several messages may share a segment).
  const headerScan = scans ? { memo: scans.headers, key: streamPosition(seq, offset) } : null;
  const firstLine = findLineEndResuming(tvb, offset, tvb.remaining(offset), headerScan?.memo.line ?? null, headerScan?.key ?? -1);
  if (firstLine === null && !reassembleHeadersAndBody(tvb, offset, pinfo, true, false, chunk, headerScan)) return -1;
  const first = firstLine ? classifyFirstLine(bytes, tvb.start + offset, firstLine.len) : null;
  if (first) {
    cols.setInfo(`${formatBytesAsText(tvb.view(offset, firstLine!.len))} `);
    let desegmentBody = !ctx.endOfStream;
    if (desegmentBody && first.type === HttpType.RESPONSE) {
      const code = parseStatusCode(bytes, tvb.start + offset, tvb.start + offset + firstLine!.len);
      if (responseHasNoBody(st.requestMethod, code)) desegmentBody = false;
    }
    if (!reassembleHeadersAndBody(tvb, offset, pinfo, desegmentBody, first.type === HttpType.RESPONSE, chunk, headerScan)) {
      if (chunkMap && chunk.offset) chunkMap.set(seq, chunk.offset);
      return -1;
    }
  } else if (haveSeenHttp) {
    cols.setInfo('Continuation');
  }
  if (first || haveSeenHttp) {
    cols.setProtocol(ctx.protocol.tag);
    if (tree) {
      httpTree = tree.addProtocol(ctx.protocol.def, tvb, offset, tvb.remaining(offset));
      ctx.shown.value = true;
      if (leadingCrlf) pinfo.addExpertItem(httpTree, httpExpert.leadingCrlf, tvb, offset - 2, 2);
    }
  }

  const summary: MessageSummary = { requestMethod: null, requestUri: null, httpHost: null, responseCode: 0, fullUri: null };
  const headers = emptyHeaders();
  let httpType: HttpType = HttpType.OTHERS;
  let sawLine = false;
  let firstLoop = true;
  while (offset < tvb.length) {
    const line = findLineEnd(tvb, offset, tvb.remaining(offset), false)!;
    const p = tvb.start + offset;
    const kind = classifyFirstLine(bytes, p, line.len);
    let colon = -1;
    if (kind) {
      httpType = kind.type;
      if (kind.method !== null) {
        summary.requestMethod = kind.method;
        st.requestMethod = kind.method;
      }
    } else if (line.len !== 0) {
      const c = bytes.subarray(p, p + line.len).indexOf(0x3a);
      if (c < 0) {
        // A line that is not a header after a header: cut short here means "need more", else the headers are over.
        if (sawLine) tvb.check(offset, line.len + 1);
        break;
      }
      colon = offset + c;
    }
    if (tree && httpTree === null) {
      httpTree = tree.addProtocol(ctx.protocol.def, tvb, origOffset, tvb.remaining(origOffset));
      ctx.shown.value = true;
      if (leadingCrlf) {
        // Wireshark puts it at orig_offset - 2, the two bytes before the CRLF: for a message at the start of the data
        // that offset is negative, which a tvb counts back from its end.
        const at = origOffset - 2;
        pinfo.addExpertItem(httpTree, httpExpert.leadingCrlf, tvb, at < 0 ? tvb.length + at : at, 2);
      }
    }
    if (firstLoop && pinfo.ptype === PortType.TCP && (pinfo.srcport === 443 || pinfo.dstport === 443)) pinfo.expert(httpTree, httpExpert.tlsPort);
    firstLoop = false;
    const lineBytes = line.next - offset;
    if (line.len === 0) {
      if (httpTree?.ctx.full) httpTree.addText(tvb, offset, lineBytes, formatBytesAsText(tvb.view(offset, lineBytes)));
      offset = line.next;
      break;
    }
    sawLine = true;
    if (kind) {
      const text = formatBytesAsText(tvb.view(offset, lineBytes));
      const lineTree = httpTree ? (httpTree.ctx.full ? httpTree.addText(tvb, offset, lineBytes, text) : httpTree) : null;
      // A pruned tree has no line item: the expert hangs under HTTP, where -e _ws.expert.message finds it.
      pinfo.expert(lineTree, httpExpert.chat, text);
      if (kind.type === HttpType.RESPONSE) dissectStatusLine(tvb, lineTree, offset, line.len, st, summary);
      else dissectRequestLine(tvb, lineTree, offset, line.len, st, summary);
    } else {
      const hctx: HeaderContext = { pinfo, tree: httpTree, headers, summary, state: st, conversation: hc, type: httpType, tcp: ctx.tcp };
      processHeader(tvb, offset, lineBytes, line.len, colon, hctx);
    }
    offset = line.next;
  }

  if (summary.httpHost !== null && summary.requestUri !== null) {
    const uri = /^https?:\/\//i.test(summary.requestUri) || (st.requestMethod ?? '').slice(0, 7).toUpperCase() === 'CONNECT'
      ? summary.requestUri
      : `http://${summary.httpHost.trim()}${summary.requestUri}`;
    summary.fullUri = uri;
    st.fullUri = uri;
    httpTree?.addGenerated(httpFields.requestFullUri, tvb, 0, 0, uri);
  }

  if (!pinfo.visited) {
    if (httpType === HttpType.REQUEST) hc.pushRequest(pinfo);
    else if (httpType === HttpType.RESPONSE) {
      hc.pushResponse(pinfo);
      settleCredentials(hc, summary.responseCode);
    }
  }
  if (httpTree) addTransactionLinks(httpTree, tvb, pinfo, hc, st, httpType);

  offset = dissectBody(tvb, offset, ctx, httpTree, headers, summary, httpType);
  detectProtocolSwitch(pinfo, hc, st, headers, httpType, offset);
  return offset - origOffset;
}

/** The request/response bookkeeping items: numbers, the frames of the pair and its neighbours, the time taken. */
function addTransactionLinks(httpTree: FieldNode, tvb: Tvb, pinfo: PacketInfo, hc: HttpConversation, st: HttpStreamState, type: HttpType): void {
  const curr = HttpConversation.pairOf(pinfo);
  const prev = curr?.prev ?? null;
  const next = curr?.next ?? null;
  const full = httpTree.ctx.full;
  switch (type) {
    case HttpType.NOTIFICATION:
      httpTree.addHidden(httpFields.notification, tvb, 0, 0, true);
      break;
    case HttpType.RESPONSE: {
      httpTree.addHidden(httpFields.response, tvb, 0, 0, true);
      if (curr) {
        const n = httpTree.addGenerated(httpFields.responseNumber, tvb, 0, 0, curr.number);
        if (full) n.setText(`HTTP response ${curr.number}/${hc.count}`);
        if (curr.requestTime) {
          const [sec, nsec] = timeDelta(pinfo.raw.tsSec, pinfo.raw.tsNsec, curr.requestTime[0], curr.requestTime[1]);
          httpTree.addGenerated(httpFields.time, tvb, 0, 0, { sec, nsec });
        }
      }
      if (prev && prev.requestFrame) httpTree.addGenerated(httpFields.prevRequestIn, tvb, 0, 0, prev.requestFrame);
      if (prev && prev.responseFrame) httpTree.addGenerated(httpFields.prevResponseIn, tvb, 0, 0, prev.responseFrame);
      if (curr && curr.requestFrame) httpTree.addGenerated(httpFields.requestIn, tvb, 0, 0, curr.requestFrame);
      if (next && next.requestFrame) httpTree.addGenerated(httpFields.nextRequestIn, tvb, 0, 0, next.requestFrame);
      if (next && next.responseFrame) httpTree.addGenerated(httpFields.nextResponseIn, tvb, 0, 0, next.responseFrame);
      const forUri = st.fullUri ?? st.requestUri;
      if (forUri !== null) httpTree.addGenerated(httpFields.responseForUri, tvb, 0, 0, forUri);
      break;
    }
    case HttpType.REQUEST:
      httpTree.addHidden(httpFields.request, tvb, 0, 0, true);
      if (curr) {
        const n = httpTree.addGenerated(httpFields.requestNumber, tvb, 0, 0, curr.number);
        if (full) n.setText(`HTTP request ${curr.number}/${hc.count}`);
      }
      if (prev && prev.requestFrame) httpTree.addGenerated(httpFields.prevRequestIn, tvb, 0, 0, prev.requestFrame);
      if (curr && curr.responseFrame) httpTree.addGenerated(httpFields.responseIn, tvb, 0, 0, curr.responseFrame);
      if (next && next.requestFrame) httpTree.addGenerated(httpFields.nextRequestIn, tvb, 0, 0, next.requestFrame);
      break;
  }
}

/** The body's extent: Content-Length, else none for requests and bodiless responses, else the rest. */
function bodyExtent(tvb: Tvb, offset: number, headers: MessageHeaders, summary: MessageSummary, type: HttpType): [number, number] {
  let reported = tvb.reportedRemaining(offset);
  let captured = tvb.remaining(offset);
  if (headers.haveContentLength && headers.transferCoding === TransferCoding.NONE) {
    if (captured > headers.contentLength) captured = headers.contentLength;
    if (reported > headers.contentLength) reported = headers.contentLength;
    return [captured, reported];
  }
  const code = summary.responseCode;
  if (type === HttpType.REQUEST) {
    if (headers.transferCoding === TransferCoding.NONE) captured = 0;
    else reported = -1;
  } else if (type === HttpType.RESPONSE && (Math.floor(code / 100) === 1 || code === 204 || code === 304)) {
    captured = 0;
  } else {
    reported = -1;
  }
  return [captured, reported];
}

function decodeContent(encoding: string, body: Uint8Array, limit: number): DecodeResult | null {
  const e = encoding.toLowerCase();
  if (body.length === 0) return null;
  if (e === 'gzip' || e === 'deflate' || e === 'x-gzip' || e === 'x-deflate') return inflateBody(body, limit);
  if (e === 'br') return brotliBody(body, limit);
  return null;
}

/**
 * The entity body: undo chunking and content coding, report it for
 * export, show it as http.file_data and hand it to the dissector of its
 * media type (else "media", else "data"). Returns the offset after it.
 */
function dissectBody(tvb: Tvb, offset: number, ctx: MessageContext, httpTree: FieldNode | null, headers: MessageHeaders, summary: MessageSummary, type: HttpType): number {
  const { pinfo, tree, state: st } = ctx;
  let [datalen, reported] = bodyExtent(tvb, offset, headers, summary, type);
  if (datalen <= 0) return offset;
  let body = tvb.sub(offset, datalen, reported);
  const data = dataDissector(pinfo);
  bodyDone: {
    if (headers.chunked) {
      const d = dechunkBody(body, pinfo, httpTree);
      if (d.consumed === 0) break bodyDone;
      body = d.body!;
      datalen = d.consumed;
    }
    const tc = headers.transferCoding;
    if (tc === TransferCoding.COMPRESS || tc === TransferCoding.DEFLATE || tc === TransferCoding.GZIP) {
      pinfo.call(data, body, httpTree);
      break bodyDone;
    }
    if (headers.contentEncoding !== null && headers.contentEncoding.toLowerCase() !== 'identity') {
      const encoded = body.view(0, body.length);
      const decoded = decodeContent(headers.contentEncoding, encoded, pinfo.session.limits.maxDecompressedBytes);
      const eTree = httpTree?.ctx.full ? httpTree.addText(body, 0, body.length, `Content-encoded entity body (${headers.contentEncoding}): ${body.length} bytes`) : httpTree;
      if (decoded === null || isDecodeFailure(decoded)) {
        const msg = decoded?.reason === 'limit' ? `Decompression failed: body larger than the decompression limit (maxDecompressedBytes=${pinfo.session.limits.maxDecompressedBytes})` : undefined;
        pinfo.expert(eTree, httpExpert.decompressionFailed, msg);
        pinfo.call(data, body, eTree);
        break bodyDone;
      }
      eTree?.appendText(` -> ${decoded.length} bytes`);
      body = pinfo.addDataSource('Uncompressed entity body', decoded);
    }
    const payload = body.view(0, body.length);
    reportHttpObject(pinfo, st.httpHost, st.requestUri, headers.contentType, payload);
    if (httpTree && httpTree.ctx.keeps(httpFields.fileData)) {
      httpTree.add(httpFields.fileData, body, 0, body.length, asciiCString(payload)).setValueText(`${body.length} bytes`);
    }
    if (body.length === 0) break bodyDone;
    dispatchMedia(body, pinfo, tree, httpTree, headers);
  }
  return offset + datalen;
}

/** Hand the body to the dissector of its media type, falling back to "media" (typed) or "data". */
function dispatchMedia(body: Tvb, pinfo: PacketInfo, tree: FieldNode | null, httpTree: FieldNode | null, headers: MessageHeaders): void {
  const info: MediaInfo = { mediaType: headers.contentType, parameters: headers.contentTypeParameters };
  const registry = pinfo.session.registry;
  const handle = headers.contentType !== null ? mediaTypeDissector(registry, headers.contentType) : undefined;
  let dissected = false;
  if (handle) {
    dissected = pinfo.call(handle, body, tree, info) > 0;
    if (!dissected) pinfo.expert(httpTree, httpExpert.subdissectorFailed);
  }
  if (!dissected) dissected = registry.tryHeuristics('http', body, pinfo, tree, info) !== null;
  if (dissected) return;
  if (headers.contentType !== null) pinfo.call(mediaDissector, body, tree, info);
  else {
    // With a tree, no HTTP item means nothing was recognised (without one, httpTree is always null).
    if (tree !== null && httpTree === null) noteUnrecognisedHttpMessage(pinfo);
    pinfo.call(dataDissector(pinfo), body, httpTree);
  }
}

/**
 * After a 101 Switching Protocols (or the 200 that opens an SSTP
 * session) what follows on the connection is no longer HTTP.
 */
function detectProtocolSwitch(pinfo: PacketInfo, hc: HttpConversation, st: HttpStreamState, headers: MessageHeaders, type: HttpType, offset: number): void {
  if (st.requestMethod === null || type !== HttpType.RESPONSE || pinfo.desegmentOffset > 0 || pinfo.desegmentLen > 0) return;
  const acked = (st.requestMethod === 'SSTP_DUPLEX_POST' && st.responseCode === 200) || (headers.upgrade !== null && st.responseCode === 101);
  if (!acked) return;
  st.startFrame = pinfo.num;
  st.startOffset = offset;
  hc.setServer(pinfo.src, pinfo.srcport);
}
