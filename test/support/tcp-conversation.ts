/**
 * A TCP connection over IPv4 built frame by frame: handshake, data in
 * either direction cut into segments, and the sequence numbers kept
 * right (starting wherever a test wants, e.g. just below 2^32).
 */
import { ethernet, ipv4, tcp, utf8, type Ip } from './frame-builders.js';

export interface Endpoint {
  readonly ip: Ip;
  readonly port: number;
  /** The endpoint's MAC address (default: one fixed pair for all frames). */
  readonly mac?: readonly number[];
}

export class TcpConversation {
  readonly frames: Uint8Array[] = [];
  private clientSeq: number;
  private serverSeq: number;

  constructor(
    readonly client: Endpoint,
    readonly server: Endpoint,
    /** Initial sequence numbers (the SYNs carry these; data starts one later). */
    isn: { client?: number; server?: number } = {},
  ) {
    this.clientSeq = isn.client ?? 1000;
    this.serverSeq = isn.server ?? 5000;
  }

  private segment(fromClient: boolean, flags: number, payload: Uint8Array): void {
    const [a, b] = fromClient ? [this.client, this.server] : [this.server, this.client];
    const seq = fromClient ? this.clientSeq : this.serverSeq;
    const ack = fromClient ? this.serverSeq : this.clientSeq;
    const ip = ipv4({ src: a.ip, dst: b.ip, protocol: 6 }, tcp({ sport: a.port, dport: b.port, seq, ack: flags & 0x10 ? ack : 0, flags }, payload));
    this.frames.push(a.mac && b.mac ? ethernet(0x0800, ip, { src: a.mac, dst: b.mac }) : ethernet(0x0800, ip));
    const advance = payload.length + (flags & 0x03 ? 1 : 0);
    if (fromClient) this.clientSeq = (this.clientSeq + advance) >>> 0;
    else this.serverSeq = (this.serverSeq + advance) >>> 0;
  }

  handshake(): this {
    this.segment(true, 0x02, new Uint8Array(0));
    this.segment(false, 0x12, new Uint8Array(0));
    this.segment(true, 0x10, new Uint8Array(0));
    return this;
  }

  /** Data from one side, cut into segments of at most `mss` bytes. */
  send(fromClient: boolean, data: string | Uint8Array, mss = 1460): this {
    const bytes = typeof data === 'string' ? utf8(data) : data;
    for (let off = 0; off < bytes.length; off += mss) this.segment(fromClient, 0x18, bytes.subarray(off, off + mss));
    return this;
  }

  fromClient(data: string | Uint8Array, mss?: number): this {
    return this.send(true, data, mss);
  }

  fromServer(data: string | Uint8Array, mss?: number): this {
    return this.send(false, data, mss);
  }

  close(): this {
    this.segment(true, 0x11, new Uint8Array(0));
    this.segment(false, 0x11, new Uint8Array(0));
    this.segment(true, 0x10, new Uint8Array(0));
    return this;
  }
}
