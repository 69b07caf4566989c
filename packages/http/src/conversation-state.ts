import { ConversationType, PortType, type Address, type Conversation, type CredentialRecord, type PacketInfo } from '@netdissect/core';
import { HeaderScanMemo } from './header-scan-memo.js';

/** Where the scans of one direction's message being collected over several segments stopped. */
export interface MessageScans {
  /** The chunk scan of a chunked body, by the TCP sequence number of its segment. */
  readonly chunkOffsets: Map<number, number>;
  /** The header scan of the message asking for one more segment. */
  readonly headers: HeaderScanMemo;
}

/** One request/response pair of a connection, in the order seen (http_req_res_t). */
export interface RequestResponse {
  readonly number: number;
  requestFrame: number;
  /** Request timestamp, for http.time; null when the request was not seen. */
  requestTime: readonly [number, number] | null;
  responseFrame: number;
  prev: RequestResponse | null;
  next: RequestResponse | null;
}

/**
 * The part of a connection's HTTP state that each message updates and the
 * next messages read: the last request's method, URI and Host, the last
 * status code, and where an upgraded or tunnelled protocol takes over.
 */
export interface HttpStreamState {
  responseCode: number;
  httpHost: string | null;
  requestMethod: string | null;
  requestUri: string | null;
  fullUri: string | null;
  /** First frame (and offset in it) of the protocol after a 101 or CONNECT; 0 while plain HTTP. */
  startFrame: number;
  startOffset: number;
}

function freshState(): HttpStreamState {
  return { responseCode: 0, httpHost: null, requestMethod: null, requestUri: null, fullUri: null, startFrame: 0, startOffset: 0 };
}

const STATE_KEY = 'http.state';
const REQRES_KEY = 'http.reqres';
/** Working copies of the stream state while a frame is dissected again, one per dissection. */
const revisitStates = new WeakMap<PacketInfo, HttpStreamState>();

/** HTTP's data on one TCP connection (http_conv_t). */
export class HttpConversation {
  /** The state as the first pass leaves it. */
  readonly live: HttpStreamState = freshState();
  /** Request/response pairs seen so far (req_res_num). */
  count = 0;
  private tail: RequestResponse | null = null;
  /** Where the scans of messages being collected stopped, per direction (from the first endpoint, towards it). */
  private readonly scansFwd: MessageScans = { chunkOffsets: new Map(), headers: new HeaderScanMemo() };
  private readonly scansRev: MessageScans = { chunkOffsets: new Map(), headers: new HeaderScanMemo() };
  /**
   * The endpoint http_conv_t calls the server once the connection is no
   * longer HTTP: the answer's sender after a 101 (or SSTP's 200), the first
   * tunnelled frame's destination after a CONNECT, whichever side that is.
   */
  private serverAddr: Address | null = null;
  private serverPort = 0;
  /** Basic credentials waiting for the server's answer. */
  readonly pendingCredentials: CredentialRecord[] = [];

  constructor(readonly conversation: Conversation) {}

  setServer(addr: Address, port: number): void {
    this.serverAddr = addr.detach();
    this.serverPort = port;
  }

  isServer(addr: Address, port: number): boolean {
    return port === this.serverPort && this.serverAddr !== null && this.serverAddr.equals(addr);
  }

  /**
   * The state a message of this frame starts from. The first pass works on
   * the live state, noting how it was when the frame began; a later
   * dissection of the frame replays from that note on a private copy, so
   * it gives the same answer whenever it runs and changes nothing shared.
   */
  stateFor(pinfo: PacketInfo): HttpStreamState {
    if (!pinfo.visited) {
      if (pinfo.getFrameData<HttpStreamState>(STATE_KEY) === undefined) pinfo.setFrameData(STATE_KEY, { ...this.live });
      return this.live;
    }
    let s = revisitStates.get(pinfo);
    if (!s) {
      s = this.revisitState(pinfo.getFrameData<HttpStreamState>(STATE_KEY));
      revisitStates.set(pinfo, s);
    }
    return s;
  }

  /**
   * What tshark's second pass has at the start of a frame: the values
   * earlier messages wrote, and where none had been written yet, what the
   * end of the first pass left (Wireshark's conversation data is not
   * reset between passes, so e.g. a 100 Continue seen before its
   * request's body already shows that request's URI).
   */
  private revisitState(note: HttpStreamState | undefined): HttpStreamState {
    const live = this.live;
    if (!note) return { ...live };
    const started = note.startFrame !== 0 ? note : live;
    return {
      responseCode: note.responseCode !== 0 ? note.responseCode : live.responseCode,
      httpHost: note.httpHost ?? live.httpHost,
      requestMethod: note.requestMethod ?? live.requestMethod,
      requestUri: note.requestUri ?? live.requestUri,
      fullUri: note.fullUri ?? live.fullUri,
      startFrame: started.startFrame,
      startOffset: started.startOffset,
    };
  }

  private push(): RequestResponse {
    const rr: RequestResponse = { number: ++this.count, requestFrame: 0, requestTime: null, responseFrame: 0, prev: this.tail, next: null };
    if (this.tail) this.tail.next = rr;
    this.tail = rr;
    return rr;
  }

  /** push_req: every request starts a new pair. */
  pushRequest(pinfo: PacketInfo): void {
    const rr = this.push();
    rr.requestFrame = pinfo.num;
    rr.requestTime = [pinfo.raw.tsSec, pinfo.raw.tsNsec];
    pinfo.setFrameData(REQRES_KEY, rr);
  }

  /** push_res: a response completes the last pair, or starts one when its request was not seen. */
  pushResponse(pinfo: PacketInfo): void {
    let rr = this.tail;
    if (!rr || rr.responseFrame > 0) rr = this.push();
    rr.responseFrame = pinfo.num;
    pinfo.setFrameData(REQRES_KEY, rr);
  }

  /** The pair of the last message this frame carried (p_get_proto_data). */
  static pairOf(pinfo: PacketInfo): RequestResponse | null {
    return pinfo.getFrameData<RequestResponse>(REQRES_KEY) ?? null;
  }

  /** The scan memos for the direction of this frame (keyed like the conversation's first endpoint); null for a frame of neither. */
  scansFor(pinfo: PacketInfo): MessageScans | null {
    const c = this.conversation;
    if (pinfo.src.equals(c.addrA) && pinfo.srcport === c.portA) return this.scansFwd;
    if (pinfo.dst.equals(c.addrA) && pinfo.dstport === c.portA) return this.scansRev;
    return null;
  }
}

/** find_or_create_conversation (of the frame's transport) plus HTTP's data on it. */
export function httpConversation(pinfo: PacketInfo): HttpConversation {
  const type = pinfo.ptype === PortType.UDP ? ConversationType.UDP : ConversationType.TCP;
  const conv = pinfo.session.conversations.findOrCreate(pinfo.num, type, pinfo.src, pinfo.dst, pinfo.srcport, pinfo.dstport);
  let hc = conv.data.get('http') as HttpConversation | undefined;
  if (!hc) {
    hc = new HttpConversation(conv);
    conv.data.set('http', hc);
  }
  return hc;
}
