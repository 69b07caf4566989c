#!/usr/bin/env node
// Record which of Wireshark's default colouring rules tshark 4.0 applies to
// every frame of a few corpus captures (test/tui/fixtures/coloring-rules.json),
// so the TUI's row colours are checked without tshark installed.
// Usage: node test/tui/support/record-coloring-goldens.mjs
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const corpus = join(here, '..', '..', '..', '..', 'shared', 'captures');
const files = [
  'tcp/wireshark-retrans.pcap',
  'tcp/206_example_c.pcap',
  'tcp/tcp_refuseconnection.pcapng',
  'tcp/tcp_zerowindowrecovery.pcapng',
  'link/sll.pcap',
  'ip/v6-http.pcap',
  'ip/ip_frag_source.pcapng',
  'ip/ipv6_options.pcap',
  'dns/DnsPackets.pcap',
  'formats/pcapng-example.pcapng',
  'imap/imap.pcap',
];
const out = {};
for (const f of files) {
  const text = execFileSync('tshark', ['-n', '-o', 'tcp.reassemble_out_of_order:TRUE', '-r', join(corpus, f), '--color', '-T', 'fields', '-e', 'frame.coloring_rule.name'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  out[f] = text.split('\n').slice(0, -1);
}
writeFileSync(join(here, '..', 'fixtures', 'coloring-rules.json'), JSON.stringify(out, null, 1) + '\n');
