/**
 * @netdissect/dns: DNS, mDNS and LLMNR as Wireshark 4.0 dissects them.
 * Importing the package registers the dissectors: UDP port 53 (and a
 * heuristic for DNS on other UDP ports), TCP ports 53 and 5353, mDNS on
 * UDP 5353 and LLMNR on UDP 5355.
 */
import { defaultRegistry } from '@netdissect/core';
import { dnsDissector, dnsHeuristicDissector, llmnrDissector, mdnsDissector } from './dissectors.js';

export { dissectDns, type DissectDnsOptions, type DnsDissection } from './dissect-payload.js';
export { DNS_TAP, dnsDissector, dnsHeuristicDissector, llmnrDissector, mdnsDissector, type DnsTapData } from './dissectors.js';
export type {
  DnsFlavor,
  DnsHeader,
  DnsMessage,
  DnsQuestion,
  DnsRData,
  DnsResourceRecord,
  EdnsOptionValue,
} from './message-types.js';
export { f as dnsFields, ei as dnsExperts, hfDns, hfLlmnr, hfMdns } from './fields.js';
export { classNames, opcodeNames, rcodeNames, rrTypeName, rrTypeNames, RRType } from './value-strings.js';

// The heuristic first, so that looking 'dns' up by name finds the port dissector.
defaultRegistry.addHeuristic('udp', dnsHeuristicDissector, 'DNS over UDP');
defaultRegistry.addUint('udp.port', 53, dnsDissector);
defaultRegistry.addUint('tcp.port', 53, dnsDissector);
defaultRegistry.addUint('tcp.port', 5353, dnsDissector);
defaultRegistry.addUint('udp.port', 5353, mdnsDissector);
defaultRegistry.addUint('udp.port', 5355, llmnrDissector);
