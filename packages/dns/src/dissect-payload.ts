import { DataSource, DissectionSession, FieldNode, PacketInfo, TreeContext, Tvb, showException, type Limits, type RawPacket } from '@netdissect/core';
import { dissectDnsMessage, emptyMessage } from './dns-message.js';
import type { DnsFlavor, DnsMessage } from './message-types.js';

export interface DissectDnsOptions {
  /** 'tcp': the payload starts with the 2-byte length of DNS over TCP. Default 'udp'. */
  transport?: 'udp' | 'tcp';
  /** Read as plain DNS, multicast DNS (QU and cache-flush bits) or LLMNR (its flag meanings). Default 'dns'. */
  flavor?: DnsFlavor;
  /** Resource limits, e.g. { dnsMaxPointers } for compression pointers followed per name. */
  limits?: Partial<Limits>;
}

export interface DnsDissection {
  /** The decoded message, as far as it could be read. */
  message: DnsMessage;
  /** The root of the field tree: the protocol node, and a _ws.malformed node when the message is broken. */
  tree: FieldNode;
  /** The Info column Wireshark would show ("Standard query response 0x1234 A example.com A 1.2.3.4"). */
  info: string;
  /** True when the message is truncated or otherwise unreadable past some point. */
  malformed: boolean;
}

const shortNames: Record<DnsFlavor, string> = { dns: 'DNS', mdns: 'mDNS', llmnr: 'LLMNR' };

/**
 * Dissect a DNS message given as bare bytes (a UDP payload, or one
 * length-prefixed TCP message), with no capture around it: no
 * request/response matching is done. Never throws for bad input.
 */
export function dissectDns(bytes: Uint8Array, options: DissectDnsOptions = {}): DnsDissection {
  const flavor = options.flavor ?? 'dns';
  const tcp = options.transport === 'tcp';
  const session = new DissectionSession({ limits: options.limits });
  const raw: RawPacket = { no: 1, tsSec: 0, tsNsec: 0, tsPrecision: 9, caplen: bytes.length, len: bytes.length, linktype: -1, interfaceId: 0, bytes, dataOffset: -1 };
  const pinfo = new PacketInfo(session, raw, false);
  pinfo.currentProto = shortNames[flavor];
  const root = FieldNode.root(new TreeContext());
  let tvb = Tvb.of(new DataSource('DNS', bytes));
  // Over TCP, the message is what the length prefix says, as far as the bytes go.
  if (tcp && bytes.length >= 2) {
    const n = Math.min(bytes.length, 2 + ((bytes[0]! << 8) | bytes[1]!));
    tvb = tvb.sub(0, n, n);
  }
  const message = emptyMessage();
  try {
    dissectDnsMessage(tvb, pinfo, root, { tcp, flavor, trackTransactions: false }, message);
  } catch (err) {
    showException(err, tvb, pinfo, root);
  }
  return { message, tree: root, info: pinfo.cols.info, malformed: pinfo.malformed };
}
