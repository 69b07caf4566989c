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
 * latest request at or before the current frame. Most conversations (a
 * client port per query) hold one transaction: it is kept without a map.
 */
class ConversationTransactions {
  private first: DnsTransaction | null = null;
  private byId: Map<number, DnsTransaction[]> | null = null;

  lookup(id: number, frame: number): DnsTransaction | null {
    if (this.byId === null) return this.first !== null && this.first.id === id && this.first.reqFrame <= frame ? this.first : null;
    const list = this.byId.get(id);
    if (!list) return null;
    for (let i = list.length - 1; i >= 0; i--) if (list[i]!.reqFrame <= frame) return list[i]!;
    return null;
  }

  insert(t: DnsTransaction): void {
    if (this.byId === null) {
      if (this.first === null || (this.first.id === t.id && this.first.reqFrame === t.reqFrame)) {
        this.first = t;
        return;
      }
      this.byId = new Map([[this.first.id, [this.first]]]);
      this.first = null;
    }
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

function conversationType(pinfo: PacketInfo): ConversationType {
  if (pinfo.ptype === PortType.TCP) return ConversationType.TCP;
  if (pinfo.ptype === PortType.UDP) return ConversationType.UDP;
  return ConversationType.NONE;
}

/**
 * The transactions of the message's conversation, kept with it (so they go
 * when the conversation table forgets an idle flow). UDP and TCP hand the
 * conversation over; anything else looks it up.
 */
function transactionsOf(pinfo: PacketInfo, transportInfo: unknown): ConversationTransactions {
  const handed = (transportInfo as { conversation?: Conversation } | undefined)?.conversation;
  const conv = handed ?? pinfo.session.conversations.findOrCreate(pinfo.num, conversationType(pinfo), pinfo.src, pinfo.dst, pinfo.srcport, pinfo.dstport);
  let state = conv.data.get('dns') as ConversationTransactions | undefined;
  if (!state) conv.data.set('dns', (state = new ConversationTransactions()));
  return state;
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
  const state = transactionsOf(pinfo, transportInfo);
  const found = state.lookup(id, pinfo.num);
  const { tsSec, tsNsec } = pinfo.raw;
  if (!pinfo.visited) {
    if (!isResponse) {
      if (found && found.repFrame === 0) {
        const elapsed = tsSec - found.reqSec + (tsNsec - found.reqNsec) / 1e9;
        if (elapsed < retransmitSeconds) return { transaction: found, retransmission: true };
      }
      const t: DnsTransaction = { reqFrame: pinfo.num, repFrame: 0, reqSec: tsSec, reqNsec: tsNsec, id, multipleResponds: false };
      state.insert(t);
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
