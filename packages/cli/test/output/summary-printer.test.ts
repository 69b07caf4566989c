import { describe, expect, it } from 'vitest';
import { CaptureReader, DissectionSession, dissectCapture } from '@netdissect/core';
import { OutputStream } from '../../src/output/output-stream.js';
import { SummaryPrinter, summaryLine, type TimeReference } from '../../src/output/summary-line.js';
import { escapeForTerminal } from '../../src/output/terminal-safety.js';
import { corpusAvailable, corpusPath } from '../../../../test/support/paths.js';
import '../../src/protocols.js';

/**
 * The summary printer writes its lines as bytes when not on a terminal and
 * as summaryLine's escaped string on one: both must lay a line out alike.
 */
async function printBothWays(rel: string): Promise<{ lines: string; bytes: string; terminal: string; frames: number }> {
  const bytesOut: string[] = [];
  const terminalOut: string[] = [];
  const toBytes = new OutputStream({ write: (s) => void bytesOut.push(String(s)) });
  const toTerminal = new OutputStream({ write: (s) => void terminalOut.push(String(s)), isTTY: true });
  const viaBytes = new SummaryPrinter(toBytes);
  const viaTerminal = new SummaryPrinter(toTerminal);
  const lines: string[] = [];
  let ref: TimeReference | null = null;
  const session = new DissectionSession({ prefs: { 'tcp.reassemble_out_of_order': true } });
  const reader = await CaptureReader.open(corpusPath(rel));
  let frames = 0;
  try {
    await dissectCapture(reader, session, { tree: null }, (f, raw) => {
      ref ??= raw.hasTimestamp === false ? { sec: 0, nsec: 0 } : { sec: raw.tsSec, nsec: raw.tsNsec };
      lines.push(summaryLine(f, raw, ref));
      viaBytes.frame(f, raw, ref);
      viaTerminal.frame(f, raw, ref);
      frames++;
      return true;
    });
  } finally {
    await reader.close();
  }
  await toBytes.end();
  await toTerminal.end();
  return { lines: lines.map((l) => l + '\n').join(''), bytes: bytesOut.join(''), terminal: terminalOut.join(''), frames };
}

describe.skipIf(!corpusAvailable())('SummaryPrinter', () => {
  // IPv4 and IPv6, fragments, TCP with reassembly, UDP, Linux cooked capture, pcap and pcapng (frames cut short of their length, several interfaces, custom blocks), nanosecond stamps, thousands of frames.
  it.each(['dns/DnsPackets.pcap', 'tcp/206_example_c.pcap', 'smtp/mail_sender_attachment.pcapng', 'http/get.pcap', 'ip/ipv6-fragmented-dns.pcap', 'link/sll.pcap', 'ip/ip_frag_source.pcapng', 'formats/pcapng-example.pcapng', 'formats/pcapngtg-be-test202.pcapng', 'formats/nanosecs_big_endian.pcap'])(
    '%s: the lines written as bytes equal summaryLine, and on a terminal its escaped string',
    async (rel) => {
      const r = await printBothWays(rel);
      expect(r.frames).toBeGreaterThan(0);
      expect(r.bytes).toBe(r.lines);
      expect(r.terminal).toBe(escapeForTerminal(r.lines));
    },
  );
});
