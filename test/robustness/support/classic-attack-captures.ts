/**
 * The classic attacks whose output tshark 4.0 and netdissect share: each
 * is checked in as fixtures/robustness/<name>.pcap with tshark's summary
 * lines and -z expert report beside it (record-tshark-goldens.ts), so the
 * tests compare without needing tshark.
 */
import * as hostile from './hostile-captures.js';

export const TSHARK_COMPARED_ATTACKS: Record<string, () => Uint8Array[]> = {
  /** A two-name loop, a self pointer, a 100-pointer chain (over the default dnsMaxPointers), then a plain query. */
  'dns-pointer-loops': () => [hostile.dnsPointerLoop(), hostile.dnsSelfPointer(), hostile.dnsPointerChain(100), hostile.dnsPlainQuery()],
  /** Overlapping fragments with different bytes, teardrop, and a datagram that would end past 65535 bytes. */
  'ipv4-fragment-attacks': () => [...hostile.ipv4OverlapConflict(), ...hostile.ipv4Teardrop(), ...hostile.ipv4PingOfDeath()],
  'ipv6-fragment-overlap': () => hostile.ipv6OverlapConflict(),
  /** An HTTP exchange whose sequence numbers wrap past 2^32-1 in the middle of both messages. */
  'tcp-sequence-wrap': () => hostile.httpAcrossSequenceWrap(),
};
