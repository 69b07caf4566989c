import { LINKTYPE_ETHERNET, type RawPacket } from '@netdissect/core';

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

const SYN = 0x02;
const ACK = 0x10;
const PSH_ACK = 0x18;

/**
 * A well-formed Ethernet/IPv4/TCP conversation (handshake, then each write
 * in segments of at most `mss` bytes), one frame per second, for the cases
 * the corpus lacks. Checksums are left zero: neither tshark nor
 * netdissect verifies them by default.
 */
export function buildTcpSession(segments: readonly SessionSegment[], opts: TcpSessionOptions): RawPacket[] {
  const { client, server } = opts;
  const mss = opts.mss ?? Infinity;
  const packets: RawPacket[] = [];
  let clientSeq = 1000;
  let serverSeq = 5000;
  const push = (fromClient: boolean, flags: number, payload: Uint8Array) => {
    const [src, dst] = fromClient ? [client, server] : [server, client];
    const seq = fromClient ? clientSeq : serverSeq;
    const ack = flags === SYN ? 0 : fromClient ? serverSeq : clientSeq;
    const bytes = new Uint8Array(14 + 20 + 20 + payload.length);
    bytes.set(dst.mac, 0);
    bytes.set(src.mac, 6);
    bytes.set([0x08, 0x00], 12);
    const ip = 14;
    const total = 40 + payload.length;
    bytes.set([0x45, 0, total >> 8, total & 255, 0, packets.length & 255, 0x40, 0, 64, 6, 0, 0], ip);
    bytes.set(src.ip, ip + 12);
    bytes.set(dst.ip, ip + 16);
    const tcp = ip + 20;
    const view = new DataView(bytes.buffer);
    view.setUint16(tcp, src.port);
    view.setUint16(tcp + 2, dst.port);
    view.setUint32(tcp + 4, seq);
    view.setUint32(tcp + 8, ack);
    bytes[tcp + 12] = 5 << 4;
    bytes[tcp + 13] = flags;
    view.setUint16(tcp + 14, 65535);
    bytes.set(payload, tcp + 20);
    const no = packets.length + 1;
    packets.push({ no, tsSec: 1_700_000_000 + no, tsNsec: 0, tsPrecision: 6, caplen: bytes.length, len: bytes.length, linktype: LINKTYPE_ETHERNET, interfaceId: 0, bytes, dataOffset: -1 });
    const advance = payload.length + (flags === SYN || flags === (SYN | ACK) ? 1 : 0);
    if (fromClient) clientSeq += advance;
    else serverSeq += advance;
  };
  const none = new Uint8Array(0);
  push(true, SYN, none);
  push(false, SYN | ACK, none);
  push(true, ACK, none);
  for (const s of segments) {
    const data = typeof s.data === 'string' ? new TextEncoder().encode(s.data) : s.data;
    for (let off = 0; off < data.length; off += mss) push(s.fromClient, PSH_ACK, data.subarray(off, off + mss));
  }
  return packets;
}
