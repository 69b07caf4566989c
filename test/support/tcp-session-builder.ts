import type { RawPacket } from '@netdissect/core';
import { packets } from './frame-builders.js';
import { TcpConversation } from './tcp-conversation.js';

/** One application write: who sent it and its bytes. */
export interface SessionSegment {
  readonly fromClient: boolean;
  /** Text (sent as UTF-8) or raw bytes. */
  readonly data: string | Uint8Array;
}

export interface TcpEndpoint {
  readonly mac: readonly number[];
  readonly ip: readonly number[];
  readonly port: number;
}

export interface TcpSessionOptions {
  readonly client: TcpEndpoint;
  readonly server: TcpEndpoint;
  /** Largest payload per segment; longer writes are split (default: one segment per write). */
  readonly mss?: number;
}

/**
 * A well-formed Ethernet/IPv4/TCP conversation (handshake, then each write
 * in segments of at most `mss` bytes), one frame per second, for the cases
 * the corpus lacks.
 */
export function buildTcpSession(segments: readonly SessionSegment[], opts: TcpSessionOptions): RawPacket[] {
  const conversation = new TcpConversation(opts.client, opts.server).handshake();
  for (const s of segments) conversation.send(s.fromClient, s.data, opts.mss ?? Infinity);
  return packets(conversation.frames, 1000, 1_700_000_001);
}
