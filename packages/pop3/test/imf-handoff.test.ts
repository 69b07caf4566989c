import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultRegistry, DissectionSession, TreeContext } from '@netdissect/core';
import { corpusAvailable, corpusPath, goldenName, goldensDir } from '../../../test/support/paths.js';
import { readAllPackets } from '../../../test/support/resegment-tcp.js';
import { dissectPackets } from './support/dissect-capture.js';
import { octetsSession } from './support/octets-session.js';

// IMF is @netdissect/smtp's; POP finds it by name, as packet-pop.c does.
await import('@netdissect/smtp');
const imfAvailable = defaultRegistry.byProto('imf') !== undefined;

describe.skipIf(!imfAvailable)('DATA is handed to IMF where tshark hands it', () => {
  it.skipIf(!corpusAvailable())('pop3.pcap and ndpi-pop3.pcap: the frames tshark shows as POP/IMF', async () => {
    for (const capture of ['pop3/pop3.pcap', 'pop3/ndpi-pop3.pcap']) {
      const summary = readFileSync(join(goldensDir, 'summary', `${goldenName(corpusPath(capture))}.txt`), 'latin1');
      const want = [...summary.matchAll(/^\s*(\d+)\s.*? POP\/IMF /gm)].map((m) => Number(m[1]));
      const frames = dissectPackets(await readAllPackets(corpusPath(capture)), { twoPass: true });
      expect(frames.filter((f) => f.layers.includes('imf')).map((f) => f.no)).toEqual(want);
    }
  });

  it('a reassembled unit reaches IMF as one new data source on its last frame only', () => {
    // As the command's -2 does: a first pass without trees, keeping the per-frame notes, then revisits.
    const session = new DissectionSession();
    session.keepHistory = true;
    const packets = octetsSession();
    for (const p of packets) session.dissect(p, null);
    const withImf = packets.filter((p) => session.dissect(p, new TreeContext(), true).pinfo.layers.includes('imf'));
    expect(withImf.map((p) => p.no)).toEqual([11, 14]);
    const last = session.dissect(packets[10]!, new TreeContext(), true);
    expect(last.pinfo.dataSources.map((d) => d.name)).toEqual(['Reassembled DATA (123 bytes)']);
    expect(Buffer.from(last.pinfo.dataSources[0]!.bytes).toString('latin1')).toMatch(/^From: alice@example.org\r\n[\s\S]*\r\n\.\.a line[\s\S]*\r\n\.\r\n$/);
  });
});
