import { PortType, makeDissector, type Dissector, type FieldNode, type PacketInfo, type Tvb } from '@netdissect/core';
import { dissectDnsMessage, emptyMessage } from './dns-message.js';
import { dissectDnsTcpStream } from './dns-over-tcp.js';
import type { DnsFlavor, DnsMessage } from './message-types.js';

/** Tap on which every dissected DNS, mDNS and LLMNR message is published (see DnsTapData). */
export const DNS_TAP = 'dns';

/** What the "dns" tap receives: the typed message (as far as it could be read) and how it travelled. */
export interface DnsTapData {
  readonly message: DnsMessage;
  readonly flavor: DnsFlavor;
  readonly transport: 'udp' | 'tcp';
}

const columnNames: Record<DnsFlavor, string> = { dns: 'DNS', mdns: 'MDNS', llmnr: 'LLMNR' };

/** One message: the Protocol column, the message itself, then the tap (also after an error). */
function dissectOne(tvb: Tvb, pinfo: PacketInfo, tree: FieldNode | null, flavor: DnsFlavor, tcp: boolean, transportInfo: unknown): void {
  pinfo.cols.setProtocol(columnNames[flavor]);
  // dissect_dns_common clears Info before it reads the header: a message too short for one shows no text of TCP's or UDP's.
  pinfo.cols.clearInfo();
  const message = emptyMessage();
  try {
    dissectDnsMessage(tvb, pinfo, tree, { tcp, flavor, trackTransactions: true, transportInfo }, message);
  } finally {
    if (pinfo.session.taps.has(DNS_TAP)) pinfo.tap(DNS_TAP, { message, flavor, transport: tcp ? 'tcp' : 'udp' } satisfies DnsTapData);
  }
}

/** dissect_dns: over TCP, length-prefixed messages; otherwise one message per datagram. */
function dissectDnsOverTransport(tvb: Tvb, pinfo: PacketInfo, tree: FieldNode | null, data?: unknown): number {
  if (pinfo.ptype === PortType.TCP) {
    const desegment = pinfo.session.pref('dns.desegment_dns_messages', true);
    const added = dissectDnsTcpStream(tvb, pinfo, tree, desegment, (pdu, p, t) => dissectOne(pdu, p, t, 'dns', true, data));
    pinfo.dropLayerIfNothingAdded('dns', tree, added);
    return tvb.reported;
  }
  dissectOne(tvb, pinfo, tree, 'dns', false, data);
  return tvb.length;
}

/** DNS over UDP (port 53) and TCP (ports 53 and 5353). */
export const dnsDissector: Dissector = makeDissector('dns', 'DNS', dissectDnsOverTransport, []);

/** Multicast DNS over UDP (RFC 6762, port 5353). */
export const mdnsDissector: Dissector = makeDissector('mdns', 'mDNS', (tvb, pinfo, tree, data) => {
  dissectOne(tvb, pinfo, tree, 'mdns', false, data);
  return tvb.length;
}, ['dns']);

/** Link-local Multicast Name Resolution over UDP (RFC 4795, port 5355). */
export const llmnrDissector: Dissector = makeDissector('llmnr', 'LLMNR', (tvb, pinfo, tree, data) => {
  dissectOne(tvb, pinfo, tree, 'llmnr', false, data);
  return tvb.length;
}, ['dns']);

const F_OPCODE = 0x7800;
const F_RESPONSE = 0x8000;
/**
 * NetBIOS Name Service (RFC 1002) speaks the DNS message format on UDP
 * 137. Wireshark gives that port to its NBNS dissector before trying
 * heuristics; lacking one, this heuristic must not claim it either.
 */
const NBNS_PORT = 137;

/**
 * dissect_dns_heur: UDP payloads on other ports whose header looks like a
 * standard query (one question, nothing else but a few additionals) or a
 * plausible standard response.
 */
export const dnsHeuristicDissector: Dissector = makeDissector('dns', 'DNS', (tvb, pinfo, tree, data) => {
  if (pinfo.srcport === NBNS_PORT || pinfo.dstport === NBNS_PORT) return 0;
  if (tvb.reported <= 12) return 0;
  const flags = tvb.u16(2);
  if (flags & F_OPCODE) return 0;
  const quest = tvb.u16(4);
  const ans = tvb.u16(6);
  const auth = tvb.u16(8);
  if (!(flags & F_RESPONSE)) {
    if (quest !== 1 || ans !== 0 || auth !== 0) return 0;
  } else if (quest > 1 || ans > 100 || auth > 10) {
    return 0;
  }
  if (tvb.u16(10) > 10) return 0;
  return dissectDnsOverTransport(tvb, pinfo, tree, data);
}, []);
