import { describe, expect, it } from 'vitest';
import { corpusAvailable, corpusPath } from '../support/paths.js';
import { runNetdissect } from '../support/run-cli.js';

describe.skipIf(!corpusAvailable())('-T jsonl', () => {
  it('one JSON object per frame and line, with the same layers as -T json (repeated names as arrays)', async () => {
    const file = corpusPath('dns/dns_udp.pcap');
    const lines = (await runNetdissect(['-r', file, '-T', 'jsonl'])).stdout.trim().split('\n');
    const json = JSON.parse((await runNetdissect(['-r', file, '-T', 'json'])).stdout) as { _source: { layers: Record<string, unknown> } }[];
    expect(lines).toHaveLength(json.length);
    const docs = lines.map((l) => JSON.parse(l) as { frame: number; timestamp: string; layers: Record<string, Record<string, unknown>> });
    expect(docs.map((d) => d.frame)).toEqual([1, 2]);
    expect(docs[0]!.timestamp).toBe('1591780794.740079000');
    expect(Object.keys(docs[1]!.layers)).toEqual(Object.keys(json[1]!._source.layers));
    expect(docs[1]!.layers['dns']!['dns.id']).toBe('0x5934');
    expect(docs[1]!.layers['dns']!['dns.count.answers']).toBe('2');
    // ip.addr occurs twice in a frame: an array here, two members in tshark's JSON.
    expect(docs[0]!.layers['ip']!['ip.addr']).toEqual(['192.168.1.11', '209.87.249.18']);
  });
});
