import type { Address } from '../dissection/address.js';

/** One contiguous piece of a followed conversation, in stream order (follow_record_t). */
export interface FollowRecord {
  /** Frame that carried these bytes (or where a gap was noticed). */
  readonly frame: number;
  readonly tsSec: number;
  readonly tsNsec: number;
  /** True for bytes from the second endpoint ("Node 1", the server side of TCP). */
  readonly isServer: boolean;
  readonly data: Uint8Array;
  /** Relative sequence number of the first byte (TCP), 0 for UDP. */
  readonly seq: number;
  /** True for bytes that were never captured ("[n bytes missing in capture file]"). */
  readonly gap?: boolean;
  /** For gaps: how many bytes are missing. */
  readonly missing?: number;
}

/** The two endpoints of a followed stream: the first packet's source is the client. */
export interface FollowEndpoints {
  client: Address;
  clientPort: number;
  server: Address;
  serverPort: number;
}
