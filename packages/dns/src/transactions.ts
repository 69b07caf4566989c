import { ConversationType, PortType, type Conversation, type PacketInfo } from '@netdissect/core';

/** One query and what answered it (packet-dns.c's dns_transaction_t). */
export interface DnsTransaction {
  reqFrame: number;
  repFrame: number;
  reqSec: number;
  reqNsec: number;
  id: number;
  /** The question asked for a zone transfer, which legitimately has several responses. */
  multipleResponds: boolean;
}

/** How a message relates to the others of its conversation. */
export interface TransactionMatch {
  /** The transaction (a throw-away one when the message matches none). */
  transaction: DnsTransaction;
  retransmission: boolean;
}

/**
 * The transactions of one conversation, by DNS ID, each list in frame
 * order: Wireshark keys them by (ID, request frame) and looks up the
 * latest request at or before the current frame.
 */
class ConversationTransactions {
  private readonly byId = new Map<number, DnsTransaction[]>();

  constructor(first: DnsTransaction) {
    this.byId.set(first.id, [first]);
  }

  lookup(id: number, frame: number): DnsTransaction | null {
    const list = this.byId.get(id);
    if (!list) return null;
    for (let i = list.length - 1; i >= 0; i--) if (list[i]!.reqFrame <= frame) return list[i]!;
    return null;
  }

  insert(t: DnsTransaction): void {
    const list = this.byId.get(t.id);
    if (!list) {
      this.byId.set(t.id, [t]);
      return;
    }
    // Same key (two queries with one ID in one frame): the later one replaces the earlier.
    if (list[list.length - 1]!.reqFrame === t.reqFrame) list[list.length - 1] = t;
    else list.push(t);
  }
}

/**
 * What a conversation keeps for DNS: most (a client port per lookup) see
 * one transaction, kept as it is; a second one makes the by-ID table.
 */
type ConversationDns = DnsTransaction | ConversationTransactions;

function lookup(held: ConversationDns | undefined, id: number, frame: number): DnsTransaction | null {
  if (held === undefined) return null;
  if (held instanceof ConversationTransactions) return held.lookup(id, frame);
  return held.id === id && held.reqFrame <= frame ? held : null;
}

function insert(conv: Conversation, held: ConversationDns | undefined, t: DnsTransaction): void {
  if (held instanceof ConversationTransactions) held.insert(t);
  else if (held === undefined || (held.id === t.id && held.reqFrame === t.reqFrame)) conv.data.set('dns', t);
  else {
    const all = new ConversationTransactions(held);
    all.insert(t);
    conv.data.set('dns', all);
  }
}

function conversationType(pinfo: PacketInfo): ConversationType {
  if (pinfo.ptype === PortType.TCP) return ConversationType.TCP;
  if (pinfo.ptype === PortType.UDP) return ConversationType.UDP;
  return ConversationType.NONE;
}

/**
 * The message's conversation, which keeps its transactions (so they go
 * when the conversation table forgets an idle flow). UDP and TCP hand the
 * conversation over; anything else looks it up.
 */
function conversationOf(pinfo: PacketInfo, transportInfo: unknown): Conversation {
  const handed = (transportInfo as { conversation?: Conversation } | undefined)?.conversation;
  return handed ?? pinfo.session.conversations.findOrCreate(pinfo.num, conversationType(pinfo), pinfo.src, pinfo.dst, pinfo.srcport, pinfo.dstport);
}

function fake(pinfo: PacketInfo, reqFrame = 0): DnsTransaction {
  return { reqFrame, repFrame: 0, reqSec: pinfo.raw.tsSec, reqNsec: pinfo.raw.tsNsec, id: -1, multipleResponds: false };
}

/**
 * Match a message to its transaction as packet-dns.c does, within the
 * conversation `transportInfo` (the UdpInfo or TcpInfo of the message)
 * belongs to. The first pass creates and completes transactions (a query
 * repeated within `retransmitSeconds` and not yet answered is a
 * retransmission); later passes only read them, so a query learns the
 * frame of its response.
 */
export function matchTransaction(pinfo: PacketInfo, transportInfo: unknown, id: number, isResponse: boolean, retransmitSeconds: number): TransactionMatch {
  if (pinfo.inErrorPacket) return { transaction: fake(pinfo), retransmission: false };
  const conv = conversationOf(pinfo, transportInfo);
  const held = conv.data.get('dns') as ConversationDns | undefined;
  const found = lookup(held, id, pinfo.num);
  const { tsSec, tsNsec } = pinfo.raw;
  if (!pinfo.visited) {
    if (!isResponse) {
      if (found && found.repFrame === 0) {
        const elapsed = tsSec - found.reqSec + (tsNsec - found.reqNsec) / 1e9;
        if (elapsed < retransmitSeconds) return { transaction: found, retransmission: true };
      }
      const t: DnsTransaction = { reqFrame: pinfo.num, repFrame: 0, reqSec: tsSec, reqNsec: tsNsec, id, multipleResponds: false };
      insert(conv, held, t);
      return { transaction: t, retransmission: false };
    }
    if (!found) return { transaction: fake(pinfo), retransmission: false };
    if (found.repFrame === 0) {
      found.repFrame = pinfo.num;
      return { transaction: found, retransmission: false };
    }
    return { transaction: found, retransmission: !found.multipleResponds };
  }
  if (!found) return { transaction: fake(pinfo), retransmission: false };
  if (!isResponse && found.reqFrame !== pinfo.num) return { transaction: fake(pinfo, found.reqFrame), retransmission: true };
  return { transaction: found, retransmission: isResponse && found.repFrame !== pinfo.num && !found.multipleResponds };
}
