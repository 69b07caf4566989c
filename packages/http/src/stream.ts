import { ConversationType, decodeTcpPorts, makeDissector, type Dissector, type FieldNode, type PacketInfo, type TcpInfo, type Tvb } from '@netdissect/core';
import { httpConversation, type HttpConversation, type HttpStreamState } from './conversation-state.js';
import { hfHttp, httpFields } from './fields.js';
import { dissectHttpMessage } from './message.js';

/** TCP ports HTTP is registered on by default (packet-http.c's TCP_DEFAULT_RANGE). */
export const HTTP_TCP_PORTS: readonly number[] = [80, 3128, 3132, 5985, 8080, 8088, 11371, 1900, 2869, 2710];

const TH_FIN = 0x01;
const HTTP = { tag: 'HTTP', def: hfHttp };

/**
 * dissect_http_on_stream: message after message (pipelining); once a
 * 101 or CONNECT handed the connection to another protocol, the rest goes
 * to that protocol (here: data).
 */
function dissectStream(tvb: Tvb, pinfo: PacketInfo, tree: FieldNode | null, hc: HttpConversation, st: HttpStreamState, tcp: TcpInfo | null, shown: { value: boolean }): void {
  const endOfStream = tcp !== null && (tcp.flags & TH_FIN) !== 0;
  let offset = 0;
  while (tvb.reportedRemaining(offset) > 0) {
    if (st.startFrame && (pinfo.num > st.startFrame || (pinfo.num === st.startFrame && offset >= st.startOffset))) {
      if (pinfo.canDesegment > 0) pinfo.canDesegment++;
      pinfo.call(pinfo.session.registry.byProto('data')!, tvb.sub(offset), tree);
      shown.value ||= tree !== null && tvb.remaining(offset) > 0;
      if (pinfo.desegmentLen) pinfo.desegmentOffset += offset;
      break;
    }
    const len = dissectHttpMessage(tvb, offset, { pinfo, tree, conversation: hc, state: st, endOfStream, tcp, shown, protocol: HTTP });
    if (len <= 0) break;
    offset += len;
    // Later messages of the frame must not overwrite the first one's Info.
    pinfo.cols.setFence();
  }
}

/**
 * http_payload_subdissector: after a successful CONNECT the tunnelled
 * bytes belong to the protocol of the port named in the request URI.
 */
function dissectTunnel(tvb: Tvb, pinfo: PacketInfo, tree: FieldNode | null, hc: HttpConversation, st: HttpStreamState, tcp: TcpInfo | null): void {
  const uri = st.requestUri ?? '';
  const colon = uri.indexOf(':');
  if (colon < 0) return;
  const host = uri.slice(0, colon);
  const port = parseInt(uri.slice(colon + 1), 10) || 0;
  if (tree) {
    const t = tree.addProtocol(hfHttp, tvb, 0, tvb.length);
    t.addGenerated(httpFields.proxyConnectHost, tvb, 0, 0, host);
    t.addGenerated(httpFields.proxyConnectPort, tvb, 0, 0, port & 0xffff);
  }
  // The URI's port stands in for the server's: the tunnelled protocol tells requests by it (match_uint == destport).
  const fromServer = hc.isServer(pinfo.src, pinfo.srcport);
  const sport = fromServer ? port : pinfo.srcport;
  const dport = fromServer ? pinfo.dstport : port;
  const conv = pinfo.session.conversations.find(pinfo.num, ConversationType.TCP, pinfo.src, pinfo.dst, sport, dport);
  // A port HTTP is registered on, or a connection already HTTP's, would come back here.
  if (HTTP_TCP_PORTS.includes(port) || (conv?.dissector === httpTcpDissector && pinfo.num >= conv.dissectorFrame)) {
    pinfo.call(pinfo.session.registry.byProto('data')!, tvb, tree);
    return;
  }
  if (pinfo.canDesegment > 0) pinfo.canDesegment++;
  const savedSport = pinfo.srcport;
  const savedDport = pinfo.dstport;
  pinfo.srcport = sport;
  pinfo.dstport = dport;
  decodeTcpPorts(tvb, 0, pinfo, tree, sport, dport, null, tcp as TcpInfo);
  pinfo.srcport = savedSport;
  pinfo.dstport = savedDport;
}

/** dissect_http_tcp: HTTP over a TCP connection (the port-table and heuristic entry point). */
function dissectHttpTcp(tvb: Tvb, pinfo: PacketInfo, tree: FieldNode | null, data?: unknown): number {
  const tcp = (data ?? null) as TcpInfo | null;
  const hc = httpConversation(pinfo);
  const st = hc.stateFor(pinfo);
  const shown = { value: false };
  if (pinfo.num >= st.startFrame && st.responseCode === 200 && st.requestMethod?.startsWith('CONNECT') && st.requestUri) {
    if (st.startFrame === 0 && !pinfo.visited) {
      st.startFrame = pinfo.num;
      st.startOffset = 0;
      // packet-http.c takes this first tunnelled frame's destination for the server, whichever side sent it.
      hc.setServer(pinfo.dst, pinfo.dstport);
    }
    dissectTunnel(tvb, pinfo, tree, hc, st, tcp);
    return tvb.length;
  }
  dissectStream(tvb, pinfo, tree, hc, st, tcp, shown);
  pinfo.dropLayerIfNothingAdded('http', tree, shown.value);
  return tvb.length;
}

/**
 * Bodies go to their media type's dissector, the image heuristics, media or
 * data; a CONNECT tunnel to whatever serves its port or claims its bytes, as the last thing done.
 */
const HTTP_CARRIES = ['table:media_type', 'heuristics:http', 'media', 'data', 'last:table:tcp.port', 'last:heuristics:tcp'];

export const httpTcpDissector: Dissector = makeDissector('http', 'HTTP', dissectHttpTcp, HTTP_CARRIES);

/** tvb_strncaseeql against "http/1." where a negative offset counts from the end, as tvbuff offsets do. */
function hasHttpVersionAt(tvb: Tvb, offset: number): boolean {
  const off = offset < 0 ? tvb.length + offset : offset;
  if (off < 0 || !tvb.has(off, 7)) return false;
  const b = tvb.bytes;
  const p = tvb.start + off;
  const want = 'http/1.';
  for (let i = 0; i < 7; i++) if ((b[p + i]! | (i < 4 ? 0x20 : 0)) !== want.charCodeAt(i)) return false;
  return true;
}

/**
 * dissect_http_heur_tcp: a first line that starts or ends with "HTTP/1."
 * makes the whole connection HTTP from this frame on.
 */
function heuristicHttpTcp(tvb: Tvb, pinfo: PacketInfo, tree: FieldNode | null, data?: unknown): number {
  let end = -1;
  const b = tvb.bytes;
  for (let i = 0; i < tvb.length; i++) {
    const c = b[tvb.start + i];
    if (c === 0x0d || c === 0x0a) {
      end = i;
      break;
    }
  }
  // A lone CR at the very end might be half a CRLF: not a complete line yet.
  if (end < 0 || (b[tvb.start + end] === 0x0d && end + 1 >= tvb.length) || end === 8) return 0;
  if (!hasHttpVersionAt(tvb, end - 8) && !hasHttpVersionAt(tvb, 0)) return 0;
  const conv = httpConversation(pinfo).conversation;
  conv.dissector = httpTcpDissector;
  conv.dissectorFrame = pinfo.num;
  dissectHttpTcp(tvb, pinfo, tree, data);
  return Math.max(tvb.length, 1);
}

export const httpHeuristicDissector: Dissector = makeDissector('http', 'HTTP', heuristicHttpTcp, HTTP_CARRIES);
