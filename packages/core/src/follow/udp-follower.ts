import type { PacketInfo } from '../dissection/packet-info.js';
import type { DissectionSession } from '../dissection/session.js';
import type { UdpFollowData } from '../transport/udp.js';
import type { FollowEndpoints, FollowRecord } from './follow-record.js';

/** The datagrams of one udp.stream, each a record (follow_tvb_tap_listener). */
export class UdpStreamFollower {
  endpoints: FollowEndpoints | null = null;
  readonly records: FollowRecord[] = [];

  constructor(readonly stream: number) {}

  add(pinfo: PacketInfo, d: UdpFollowData): void {
    if (!this.endpoints) this.endpoints = { client: pinfo.src.detach(), clientPort: pinfo.srcport, server: pinfo.dst.detach(), serverPort: pinfo.dstport };
    const e = this.endpoints;
    const isServer = !(e.client.equals(pinfo.src) && e.clientPort === pinfo.srcport);
    this.records.push({ frame: pinfo.num, tsSec: pinfo.raw.tsSec, tsNsec: pinfo.raw.tsNsec, isServer, data: d.payload.slice(), seq: 0 });
  }
}

/** Follow one udp.stream (or all when null) in a session; call before dissecting. */
export function followUdp(session: DissectionSession, stream: number | null): Map<number, UdpStreamFollower> {
  const followers = new Map<number, UdpStreamFollower>();
  session.addTap('udp.follow', (pinfo, data) => {
    const d = data as UdpFollowData;
    if (stream !== null && d.stream !== stream) return;
    let f = followers.get(d.stream);
    if (!f) followers.set(d.stream, (f = new UdpStreamFollower(d.stream)));
    f.add(pinfo, d);
  });
  return followers;
}
