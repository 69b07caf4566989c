/** One packet-list colouring rule: the first rule whose filter matches colours the row. */
export interface ColorRule {
  name: string;
  filter: string;
  /** Row background and text colours (#rrggbb). */
  background: string;
  foreground: string;
}

/**
 * Wireshark 4.0's default colouring rules (/usr/share/wireshark/colorfilters),
 * in their order, colours reduced from 16 to 8 bits per channel. Rules that
 * only test protocols netdissect does not dissect (HSRP, STP, OSPF, SCTP,
 * SMB, DCERPC, routing protocols, system events) can never match and are
 * left out; in the rest, terms on such protocols are dropped where that
 * cannot change the result (`!pim` is always true, `http2` always false).
 */
export const DEFAULT_COLOR_RULES: readonly ColorRule[] = [
  { name: 'Bad TCP', filter: 'tcp.analysis.flags && !tcp.analysis.window_update && !tcp.analysis.keep_alive && !tcp.analysis.keep_alive_ack', background: '#12272e', foreground: '#f78787' },
  { name: 'ICMP errors', filter: 'icmp.type in { 3..5, 11 } || icmpv6.type in { 1..4 }', background: '#12272e', foreground: '#b7f774' },
  { name: 'ARP', filter: 'arp', background: '#faf0d7', foreground: '#12272e' },
  { name: 'ICMP', filter: 'icmp || icmpv6', background: '#fce0ff', foreground: '#12272e' },
  { name: 'TCP RST', filter: 'tcp.flags.reset eq 1', background: '#a40000', foreground: '#fffc9c' },
  { name: 'TTL low or unexpected', filter: '(ip.dst != 224.0.0.0/4 && ip.ttl < 5) || (ip.dst == 224.0.0.0/24 && ip.dst != 224.0.0.251 && ip.ttl != 1)', background: '#a40000', foreground: '#ecf0eb' },
  { name: 'Checksum Errors', filter: 'ip.checksum.status=="Bad" || tcp.checksum.status=="Bad" || udp.checksum.status=="Bad"', background: '#12272e', foreground: '#f78787' },
  { name: 'HTTP', filter: 'http || tcp.port == 80', background: '#e4ffc7', foreground: '#12272e' },
  { name: 'TCP SYN/FIN', filter: 'tcp.flags & 0x02 || tcp.flags.fin == 1', background: '#a0a0a0', foreground: '#12272e' },
  { name: 'TCP', filter: 'tcp', background: '#e7e6ff', foreground: '#12272e' },
  { name: 'UDP', filter: 'udp', background: '#daeeff', foreground: '#12272e' },
  { name: 'Broadcast', filter: 'eth[0] & 1', background: '#ffffff', foreground: '#babdb6' },
];
