import type { Conversation } from '../dissection/conversation-table.js';

/** Ask TCP for one more segment before calling again (length unknown yet). */
export const DESEGMENT_ONE_MORE_SEGMENT = 0x0fffffff;
/** Ask TCP to collect everything up to the FIN (close-delimited bodies). */
export const DESEGMENT_UNTIL_FIN = 0x0ffffffe;

/**
 * What TCP tells the dissector of its payload (struct tcpinfo): where the
 * bytes sit in the stream and whether they were reassembled.
 */
export interface TcpInfo {
  /** Relative sequence number of the first byte handed over. */
  seq: number;
  nxtseq: number;
  lastackseq: number;
  isReassembled: boolean;
  flags: number;
  urgentPointer: number;
  /** tcp.stream of the connection. */
  stream: number;
  /** The connection's conversation, for a dissector's per-conversation state without another lookup. */
  readonly conversation: Conversation;
  srcport: number;
  dstport: number;
}
