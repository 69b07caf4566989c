import type { PacketInfo } from '../dissection/packet-info.js';
import type { DissectionSession } from '../dissection/session.js';
import { TH } from '../transport/tcp-conversation.js';
import { gtSeq, ltSeq, u32 } from '../transport/tcp-seq.js';
import type { TcpFollowData } from '../transport/tcp.js';
import type { FollowEndpoints, FollowRecord } from './follow-record.js';

interface Pending {
  frame: number;
  tsSec: number;
  tsNsec: number;
  seq: number;
  data: Uint8Array;
}

/**
 * The bytes of one TCP stream, in order, each direction deduplicated,
 * out-of-order segments held until the gap fills, and a gap the peer's ACK
 * shows was never captured reported as "[n bytes missing in capture
 * file]" (Wireshark's follow_tcp_tap_listener).
 */
export class TcpStreamFollower {
  endpoints: FollowEndpoints | null = null;
  /** Records in stream order. */
  readonly records: FollowRecord[] = [];
  private readonly nextSeq = [0, 0];
  private readonly written = [0, 0];
  private readonly pending: [Pending[], Pending[]] = [[], []];

  /**
   * `ackGaps`: declare bytes missing as soon as the peer acknowledges past
   * them (tshark's Follow behaviour). Without it, held segments wait for
   * `finish()`, which suits captures whose frames are not in wire order.
   */
  constructor(
    readonly stream: number,
    private readonly ackGaps = true,
  ) {}

  /** End of the stream: report what never arrived as gaps and deliver everything held. */
  finish(pinfo?: { num: number; raw: { tsSec: number; tsNsec: number } }): void {
    for (const side of [0, 1]) {
      const list = this.pending[side]!;
      while (list.length) {
        if (this.checkPending(side, 0, null, false)) continue;
        let lowest = list[0]!;
        for (const f of list) if (ltSeq(f.seq, lowest.seq)) lowest = f;
        const missing = u32(lowest.seq - this.nextSeq[side]!);
        this.records.push({ frame: pinfo?.num ?? lowest.frame, tsSec: lowest.tsSec, tsNsec: lowest.tsNsec, isServer: side === 1, data: new Uint8Array(0), seq: this.nextSeq[side]!, gap: true, missing });
        this.nextSeq[side] = lowest.seq;
      }
    }
  }

  /** Feed one segment of this stream (first pass, frame order). */
  add(pinfo: PacketInfo, d: TcpFollowData): void {
    let sequence = d.seq;
    let length = d.seglen;
    if (d.flags & TH.SYN) sequence = u32(sequence + 1);
    if (!this.endpoints) {
      this.endpoints = { client: pinfo.src.detach(), clientPort: pinfo.srcport, server: pinfo.dst.detach(), serverPort: pinfo.dstport };
    }
    const e = this.endpoints;
    const side = e.client.equals(pinfo.src) && e.clientPort === pinfo.srcport ? 0 : 1;
    if (this.ackGaps && this.pending[1 - side]!.length) while (this.checkPending(1 - side, d.ack, pinfo, true));
    if (this.written[side] === 0 && this.nextSeq[side] === 0) this.nextSeq[side] = sequence;
    let offset = 0;
    let dataLength = d.payload.length;
    if (ltSeq(sequence, this.nextSeq[side]!)) {
      const nextseq = u32(sequence + length);
      if (gtSeq(nextseq, this.nextSeq[side]!)) {
        offset = u32(this.nextSeq[side]! - sequence);
        dataLength = dataLength <= offset ? 0 : dataLength - offset;
        sequence = this.nextSeq[side]!;
        length = u32(nextseq - this.nextSeq[side]!);
      }
    }
    if (dataLength === 0 || ltSeq(sequence, this.nextSeq[side]!)) return;
    const rec: Pending = { frame: pinfo.num, tsSec: pinfo.raw.tsSec, tsNsec: pinfo.raw.tsNsec, seq: sequence, data: d.payload.slice(offset, offset + dataLength) };
    if (sequence === this.nextSeq[side]) {
      this.nextSeq[side] = u32(this.nextSeq[side]! + length);
      this.written[side] += rec.data.length;
      this.push(side, rec);
      while (this.checkPending(side, 0, pinfo, false));
    } else {
      this.pending[side]!.push(rec);
    }
  }

  private push(side: number, p: Pending, gap = false): void {
    this.records.push({ frame: p.frame, tsSec: p.tsSec, tsNsec: p.tsNsec, isServer: side === 1, data: p.data, seq: p.seq, gap });
  }

  /** check_follow_fragments: place one held segment if it now fits; true if something changed. */
  private checkPending(side: number, acknowledged: number, pinfo: PacketInfo | null, useAck: boolean): boolean {
    const list = this.pending[side]!;
    if (!list.length) return false;
    let lowest = list[0]!.seq;
    for (let i = 0; i < list.length; i++) {
      const f = list[i]!;
      if (gtSeq(lowest, f.seq)) lowest = f.seq;
      if (ltSeq(f.seq, this.nextSeq[side]!)) {
        const newseq = u32(f.seq + f.data.length);
        if (gtSeq(newseq, this.nextSeq[side]!)) {
          const newPos = u32(this.nextSeq[side]! - f.seq);
          if (f.data.length > newPos) {
            const size = f.data.length - newPos;
            this.push(side, { frame: f.frame, tsSec: f.tsSec, tsNsec: f.tsNsec, seq: u32(this.nextSeq[side]! + size), data: f.data.subarray(newPos) });
          }
          this.nextSeq[side] = u32(this.nextSeq[side]! + (f.data.length - newPos));
        }
        list.splice(i, 1);
        return true;
      }
      if (f.seq === this.nextSeq[side]) {
        if (f.data.length > 0) this.push(side, f);
        this.nextSeq[side] = u32(this.nextSeq[side]! + f.data.length);
        list.splice(i, 1);
        return true;
      }
    }
    if (useAck && pinfo && gtSeq(acknowledged, lowest)) {
      const text = `[${(u32(lowest - this.nextSeq[side]!) | 0)} bytes missing in capture file]`;
      // Wireshark keeps the C string's terminating NUL in the chunk.
      const data = new Uint8Array(text.length + 1);
      for (let i = 0; i < text.length; i++) data[i] = text.charCodeAt(i);
      this.records.push({ frame: pinfo.num, tsSec: pinfo.raw.tsSec, tsNsec: pinfo.raw.tsNsec, isServer: side === 1, data, seq: lowest, gap: true, missing: u32(lowest - this.nextSeq[side]!) });
      this.nextSeq[side] = lowest;
      return true;
    }
    return false;
  }
}

/** Follow one tcp.stream (or every stream when `stream` is null) in a session; call before dissecting. */
export function followTcp(session: DissectionSession, stream: number | null, ackGaps = true): Map<number, TcpStreamFollower> {
  const followers = new Map<number, TcpStreamFollower>();
  session.addTap('tcp.follow', (pinfo, data) => {
    const d = data as TcpFollowData;
    if (stream !== null && d.stream !== stream) return;
    let f = followers.get(d.stream);
    if (!f) followers.set(d.stream, (f = new TcpStreamFollower(d.stream, ackGaps)));
    f.add(pinfo, d);
  });
  return followers;
}
