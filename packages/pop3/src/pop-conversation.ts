import { ConversationType, TlsAfterSwitch, UnfinishedLineMemo, type PacketInfo } from '@netdissect/core';
import type { PopCredentialTracker } from './pop-credentials.js';
import type { DataReassembly } from './data-reassembly.js';
import type { MessageCollector, PendingRetrieval } from './retrieved-message.js';

/**
 * What POP remembers about one TCP connection on the first pass
 * (packet-pop.c's pop_data_val, plus the credential and message trackers).
 * Later passes read per-frame notes instead, so they never change it.
 */
export class PopConversation {
  /** A RETR or TOP was sent: the next response may announce the message size. */
  msgRequest = false;
  /** Bytes of DATA continuation seen since the size was announced. */
  msgReadLen = 0;
  /** The size the "+OK n octets" response announced (0 when unknown). */
  msgTotLen = 0;
  /** STLS was sent: a "+OK " answer turns the connection into TLS. */
  stlsRequest = false;
  /** The switch to TLS an accepted STLS made, which tells the payloads TLS takes after it (null before). */
  tls: TlsAfterSwitch | null = null;
  /** The first USER argument (Wireshark reports every PASS against it). */
  username: string | null = null;
  /** The DATA reassembly in progress, if any (fragment_add_seq_next). */
  pendingData: DataReassembly | null = null;
  credentials: PopCredentialTracker | null = null;
  retrieval: PendingRetrieval | null = null;
  collector: MessageCollector | null = null;
  /** How far the search for the end of an unfinished line got, client to server (0) and back (1). */
  readonly unfinishedLines: readonly [UnfinishedLineMemo, UnfinishedLineMemo] = [new UnfinishedLineMemo(), new UnfinishedLineMemo()];

  constructor(
    /** Conversation index: the reassembly id, as conv_index is in packet-pop.c. */
    readonly id: number,
  ) {}
}

/** find_or_create_conversation + conversation_get_proto_data for POP. */
export function popConversation(pinfo: PacketInfo): PopConversation {
  const conv = pinfo.session.conversations.findOrCreate(pinfo.num, ConversationType.TCP, pinfo.src, pinfo.dst, pinfo.srcport, pinfo.dstport);
  let state = conv.data.get('pop') as PopConversation | undefined;
  if (!state) {
    state = new PopConversation(conv.index);
    conv.data.set('pop', state);
  }
  return state;
}
