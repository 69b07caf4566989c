import { describe, expect, it } from 'vitest';
import '@netdissect/dns';
import '@netdissect/http';
import '@netdissect/ftp';
import '@netdissect/smtp';
import '@netdissect/pop3';
import '@netdissect/imap';
import { fieldDisplayValue, fieldRegistry, TreeContext, type FieldNode } from '@netdissect/core';
import { dissectFrames, fieldInterest, readPackets } from '../support/dissect-frames.js';
import { join } from 'node:path';
import { corpusAvailable, corpusDir } from '../support/paths.js';

// A tree pruned to some fields (-e, -Y) lets a protocol none of whose fields
// it keeps skip its own items. Whatever is skipped, each kept field must
// come out as a full tree has it: same values, same order.

const CAPTURES = [
  'dns/dns_tcp.pcap',
  'http/http-post-large.pcap',
  'http/pipelined-requests.pcap',
  'ftp/suri-ftp-upload-passive.pcap',
  'smtp/smtp.pcap',
  'tcp/tcp_retransmissions.pcapng',
  'tcp/tcp-overlap.pcap',
  'pop3/pop3.pcap',
  'ip/frag_http_req.pcap',
  'ip/ipv6-fragmented-dns.pcap',
  'ip/ipv6_options.pcap',
  'ftp/ipv6.pcap',
];

const FIELD_SETS: ReadonlyArray<readonly string[]> = [
  ['dns.qry.name', 'dns.flags.rcode'],
  ['http.request.uri', 'http.file_data', 'tcp.stream'],
  ['ip.src', 'udp.length', 'frame.protocols'],
  ['frame.len', 'smtp.req.command', 'imf.subject'],
  ['tcp.analysis.retransmission', 'tcp.segment', 'ip.fragment', 'ipv6.fragment'],
  ['ipv6.src', 'ipv6.hopopts.len', 'udp.srcport'],
  ['_ws.expert.message', 'ftp.request.command'],
  ['eth.src', 'tcp.reassembled_in', 'pop.request.command'],
  // IPv4's and TCP's header fields are added as one group, skipped when none is kept.
  ['ip.src', 'tcp.stream', 'tcp.options.timestamp.tsval', 'tcp.analysis.bytes_in_flight'],
  ['ip.ttl', 'tcp.seq', 'tcp.flags.syn', 'tcp.window_size', 'tcp.len'],
];

/**
 * Each kept field's display values in tree order, as "abbrev=value" lines
 * grouped by field (expert messages sorted): -T fields and filters read a field's occurrences in
 * order, but not how different fields interleave (a pruned tree hangs
 * frame.protocols after the layers, a full one under the frame item).
 */
function keptValues(tree: FieldNode, interest: Uint8Array): string[] {
  const out: string[] = [];
  tree.forEach((n) => {
    if (n.def !== null && interest[n.def.id] === 1) out.push(`${n.def.abbrev}=${fieldDisplayValue(n)}`);
  });
  // Expert items are compared as a set: a pruned tree hangs one raised under a layer's item
  // after the layers above it (Ethernet's trailer note after TCP's), a full tree in layer order.
  const rank = (line: string) => (line.startsWith('_ws.expert') ? line : line.slice(0, line.indexOf('=')));
  return out.sort((a, b) => (rank(a) < rank(b) ? -1 : rank(a) > rank(b) ? 1 : 0));
}

describe.skipIf(!corpusAvailable())('trees pruned to some fields', () => {
  for (const capture of CAPTURES) {
    it(`keep every occurrence of their fields a full tree has (${capture})`, async () => {
      const packets = await readPackets(join(corpusDir, capture));
      const full = dissectFrames(packets);
      let kept = 0;
      for (const fields of FIELD_SETS) {
        for (const f of fields) expect(fieldRegistry.lookup(f), f).toBeDefined();
        const interest = fieldInterest(fields);
        const pruned = dissectFrames(packets, { fields });
        for (let i = 0; i < packets.length; i++) {
          const want = keptValues(full[i]!.tree, interest);
          expect(keptValues(pruned[i]!.tree, interest), `${capture} frame ${packets[i]!.no}, ${fields.join(' ')}`).toEqual(want);
          kept += want.length;
        }
      }
      expect(kept).toBeGreaterThan(0);
    });
  }

  it('keep any one IPv4, TCP or HTTP field, alone, as a full tree has it (header fields skipped as a group, header lines only when kept)', async () => {
    let checked = 0;
    for (const capture of ['tcp/tcp_retransmissions.pcapng', 'ip/frag_http_req.pcap', 'tcp/tcp-overlap.pcap', 'smtp/smtp.pcap', 'http/pipelined-requests.pcap', 'http/100-continue.pcap']) {
      const packets = await readPackets(join(corpusDir, capture));
      const full = dissectFrames(packets);
      const present = new Set<string>();
      for (const f of full) f.tree.forEach((n) => {
        // The protocol items themselves are labelled in full trees only.
        if (n.def !== null && ['ip', 'tcp', 'http'].includes(n.def.proto) && n.def.abbrev !== n.def.proto) present.add(n.def.abbrev);
      });
      for (const field of present) {
        const interest = fieldInterest([field]);
        const pruned = dissectFrames(packets, { fields: [field] });
        for (let i = 0; i < packets.length; i++) {
          expect(keptValues(pruned[i]!.tree, interest), `${capture} frame ${packets[i]!.no}, ${field}`).toEqual(keptValues(full[i]!.tree, interest));
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('skip a protocol only when none of its fields and no expert item is kept', () => {
    const [ip] = fieldRegistry.lookup('ip')!;
    const [tcp] = fieldRegistry.lookup('tcp')!;
    const ctx = (fields: string[]) => new TreeContext(fieldInterest(fields));
    expect(ctx(['dns.qry.name']).keepsProtocol(ip!)).toBe(false);
    expect(ctx(['ip.src']).keepsProtocol(ip!)).toBe(true);
    expect(ctx(['ip']).keepsProtocol(ip!)).toBe(true);
    expect(ctx(['ip.src']).keepsProtocol(tcp!)).toBe(false);
    expect(ctx(['tcp.analysis.retransmission']).keepsProtocol(tcp!)).toBe(true);
    // Expert items attach under whichever item raised them.
    expect(ctx(['_ws.expert.message']).keepsProtocol(ip!)).toBe(true);
    expect(ctx(['_ws.malformed']).keepsProtocol(tcp!)).toBe(true);
    expect(new TreeContext().keepsProtocol(tcp!)).toBe(true);
  });
});
