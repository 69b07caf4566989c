import { ConversationType } from '../dissection/conversation-table.js';
import type { PacketInfo } from '../dissection/packet-info.js';

export interface EchoTransaction {
  readonly requestFrame: number;
  responseFrame: number;
  readonly requestSec: number;
  readonly requestNsec: number;
  /** The reply's delay in ms, set when the reply is dissected (icmp_transaction_t's resp_time); 0 before. */
  responseMs: number;
}

interface EchoState {
  unmatched: Map<string, EchoTransaction>;
  matched: Map<string, EchoTransaction>;
}

function stateOf(pinfo: PacketInfo, proto: string, create: boolean): EchoState | null {
  const conv = create
    ? pinfo.session.conversations.findOrCreate(pinfo.num, ConversationType.NONE, pinfo.src, pinfo.dst, 0, 0)
    : pinfo.session.conversations.find(pinfo.num, ConversationType.NONE, pinfo.src, pinfo.dst, 0, 0);
  if (!conv) return null;
  let s = conv.data.get(proto) as EchoState | undefined;
  if (!s && create) conv.data.set(proto, (s = { unmatched: new Map(), matched: new Map() }));
  return s ?? null;
}

/**
 * Echo request/reply matching as ICMP and ICMPv6 do it: a request waits
 * under its key; the first reply with that key completes it; later passes
 * find both frames by (key, frame).
 */
export function echoRequest(pinfo: PacketInfo, proto: string, key: string): EchoTransaction | null {
  const s = stateOf(pinfo, proto, true)!;
  if (!pinfo.visited) {
    const t: EchoTransaction = { requestFrame: pinfo.num, responseFrame: 0, requestSec: pinfo.raw.tsSec, requestNsec: pinfo.raw.tsNsec, responseMs: 0 };
    s.unmatched.set(key, t);
    // The new transaction, without a reply yet (transaction_start returns it; the srt statistics count it as a request).
    return t;
  }
  return s.matched.get(`${key}|${pinfo.num}`) ?? null;
}

export function echoReply(pinfo: PacketInfo, proto: string, key: string): EchoTransaction | null {
  const s = stateOf(pinfo, proto, false);
  if (!s) return null;
  if (!pinfo.visited) {
    const t = s.unmatched.get(key);
    if (!t || t.responseFrame !== 0) return null;
    t.responseFrame = pinfo.num;
    s.matched.set(`${key}|${t.requestFrame}`, t);
    s.matched.set(`${key}|${t.responseFrame}`, t);
    return t;
  }
  return s.matched.get(`${key}|${pinfo.num}`) ?? null;
}
