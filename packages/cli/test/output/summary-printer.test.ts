import { describe, expect, it } from 'vitest';
import { SummaryPrinter, summaryLine, type TimeReference } from '../../src/output/summary-line.js';
import { escapeForTerminal } from '../../src/output/terminal-safety.js';
import { corpusAvailable } from '../../../../test/support/paths.js';
import { printBothWays, type PrintedBothWays } from './support/print-both-ways.js';
import '../../src/protocols.js';

/**
 * The summary printer writes its lines as bytes when not on a terminal and
 * as summaryLine's escaped string on one: both must lay a line out alike.
 */
function printSummaryBothWays(rel: string): Promise<PrintedBothWays> {
  return printBothWays(rel, {}, (toBytes, toTerminal) => {
    const viaBytes = new SummaryPrinter(toBytes);
    const viaTerminal = new SummaryPrinter(toTerminal);
    let ref: TimeReference | null = null;
    return (f, raw) => {
      ref ??= raw.hasTimestamp === false ? { sec: 0, nsec: 0 } : { sec: raw.tsSec, nsec: raw.tsNsec };
      viaBytes.frame(f, raw, ref);
      viaTerminal.frame(f, raw, ref);
      return summaryLine(f, raw, ref);
    };
  });
}

describe.skipIf(!corpusAvailable())('SummaryPrinter', () => {
  // IPv4 and IPv6, fragments, TCP with reassembly, UDP, Linux cooked capture, pcap and pcapng (frames cut short of their length, several interfaces, custom blocks), nanosecond stamps, thousands of frames.
  it.each(['dns/DnsPackets.pcap', 'tcp/206_example_c.pcap', 'smtp/mail_sender_attachment.pcapng', 'http/get.pcap', 'ip/ipv6-fragmented-dns.pcap', 'link/sll.pcap', 'ip/ip_frag_source.pcapng', 'formats/pcapng-example.pcapng', 'formats/pcapngtg-be-test202.pcapng', 'formats/nanosecs_big_endian.pcap'])(
    '%s: the lines written as bytes equal summaryLine, and on a terminal its escaped string',
    async (rel) => {
      const r = await printSummaryBothWays(rel);
      expect(r.frames).toBeGreaterThan(0);
      expect(r.bytes).toBe(r.lines);
      expect(r.terminal).toBe(escapeForTerminal(r.lines));
    },
  );
});
