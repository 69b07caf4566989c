import { CaptureReader, type CaptureInput } from '../capture/capture-reader.js';
import type { Address } from '../dissection/address.js';
import { DissectionSession, type SessionOptions } from '../dissection/session.js';
import { TH } from '../transport/tcp-conversation.js';
import type { TcpFollowData } from '../transport/tcp.js';
import type { FollowRecord } from './follow-record.js';
import { TcpStreamFollower } from './tcp-follower.js';

/** One direction's bytes in a TcpConnection, with where they came from. */
export interface StreamChunk {
  /** Frame that carried the bytes (for a gap: where it was noticed). */
  readonly frame: number;
  /** Byte offset of this chunk within its direction's stream. */
  readonly offset: number;
  /** The bytes; empty for a gap. */
  readonly data: Uint8Array;
  /** Bytes missing from the capture at this point (0 for data). */
  readonly missing: number;
}

/** A TCP connection reassembled for library users: both byte streams and their provenance. */
export interface TcpConnection {
  readonly stream: number;
  readonly client: { address: Address; port: number };
  readonly server: { address: Address; port: number };
  /** Client-to-server chunks, in stream order. */
  readonly clientChunks: readonly StreamChunk[];
  /** Server-to-client chunks, in stream order. */
  readonly serverChunks: readonly StreamChunk[];
  /** The client's bytes concatenated (gaps left out). */
  clientBytes(): Uint8Array;
  serverBytes(): Uint8Array;
}

function concat(chunks: readonly StreamChunk[]): Uint8Array {
  let n = 0;
  for (const c of chunks) n += c.data.length;
  const out = new Uint8Array(n);
  let p = 0;
  for (const c of chunks) {
    out.set(c.data, p);
    p += c.data.length;
  }
  return out;
}

function toConnection(f: TcpStreamFollower): TcpConnection | null {
  const e = f.endpoints;
  if (!e) return null;
  const sides: [StreamChunk[], StreamChunk[]] = [[], []];
  const pos = [0, 0];
  for (const r of f.records as FollowRecord[]) {
    const s = r.isServer ? 1 : 0;
    const missing = r.gap ? r.missing ?? 0 : 0;
    sides[s]!.push({ frame: r.frame, offset: pos[s]!, data: r.gap ? new Uint8Array(0) : r.data, missing });
    pos[s] += r.gap ? missing : r.data.length;
  }
  return {
    stream: f.stream,
    client: { address: e.client, port: e.clientPort },
    server: { address: e.server, port: e.serverPort },
    clientChunks: sides[0],
    serverChunks: sides[1],
    clientBytes: () => concat(sides[0]),
    serverBytes: () => concat(sides[1]),
  };
}

/**
 * Every TCP connection of a capture, reassembled: segments put in order,
 * duplicates and retransmissions delivered once, and bytes that never
 * appeared reported as gaps (the stream goes on after them). A connection
 * is yielded once it is closed (both FINs, or a RST) and the rest at the
 * end of the capture, so memory follows open connections.
 */
export async function* tcpConnections(input: CaptureInput, opts: SessionOptions = {}): AsyncGenerator<TcpConnection> {
  const reader = await CaptureReader.open(input);
  const session = new DissectionSession(opts);
  const followers = new Map<number, TcpStreamFollower>();
  const closing = new Map<number, { fins: number; rst: boolean }>();
  const ready: TcpConnection[] = [];
  const closed = new Set<number>();
  session.addTap('tcp.follow', (pinfo, data) => {
    const d = data as TcpFollowData;
    if (closed.has(d.stream)) return;
    let f = followers.get(d.stream);
    if (!f) followers.set(d.stream, (f = new TcpStreamFollower(d.stream, false)));
    f.add(pinfo, d);
    const c = closing.get(d.stream) ?? { fins: 0, rst: false };
    if (d.flags & TH.FIN) c.fins++;
    if (d.flags & TH.RST) c.rst = true;
    closing.set(d.stream, c);
    if (c.rst || c.fins >= 2) {
      f.finish(pinfo);
      const conn = toConnection(f);
      if (conn) ready.push(conn);
      followers.delete(d.stream);
      closing.delete(d.stream);
      closed.add(d.stream);
    }
  });
  try {
    for await (const batch of reader.batches()) {
      for (const raw of batch) session.dissect(raw, null);
      while (ready.length) yield ready.shift()!;
    }
  } finally {
    await reader.close();
  }
  for (const f of [...followers.values()].sort((a, b) => a.stream - b.stream)) {
    f.finish();
    const conn = toConnection(f);
    if (conn) yield conn;
  }
}
