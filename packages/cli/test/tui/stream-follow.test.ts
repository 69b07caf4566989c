import { DissectionSession, followTcp, followUdp, type FollowRecord } from '@netdissect/core';
import { describe, expect, it } from 'vitest';
import { readPackets } from '../../../../test/support/dissect-frames.js';
import { corpusAvailable, corpusPath } from '../../../../test/support/paths.js';
import { indexedCorpusCapture } from './support/tui-harness.js';

/** A record as compared: who sent which bytes in which frame. */
const shape = (r: FollowRecord) => ({ frame: r.frame, isServer: r.isServer, gap: r.gap ?? false, data: Buffer.from(r.data).toString('hex') });

/** Every stream's records as a one-pass run (the CLI's -z follow) gets them. */
async function onePass(rel: string, kind: 'tcp' | 'udp'): Promise<Map<number, FollowRecord[]>> {
  const session = new DissectionSession();
  const followers = kind === 'tcp' ? followTcp(session, null) : followUdp(session, null);
  for (const p of await readPackets(corpusPath(rel))) session.dissect(p, null, false);
  return new Map([...followers].map(([stream, f]) => [stream, f.records]));
}

// The TUI follows a stream by dissecting its frames again, stopping at the transport layer.
describe.skipIf(!corpusAvailable())("the TUI's Follow Stream", () => {
  it.each([
    ['http/get.pcap', 'tcp'],
    ['http/http-post-large.pcap', 'tcp'],
    ['http/suri-http-sticky-start.pcap', 'tcp'],
    ['http/http-packets2.pcap', 'tcp'],
    ['tcp/tcp-overlap.pcap', 'tcp'],
    ['tcp/wireshark-retrans.pcap', 'tcp'],
    ['ftp/suri-ftp-upload-passive.pcap', 'tcp'],
    ['smtp/smtp.pcap', 'tcp'],
    ['dns/DnsPackets.pcap', 'udp'],
  ] as const)('%s: every %s stream has the records a one-pass follow gives', async (rel, kind) => {
    const want = await onePass(rel, kind);
    expect(want.size).toBeGreaterThan(0);
    const model = await indexedCorpusCapture(rel);
    try {
      for (const [stream, records] of want) {
        const first = model.index.framesOfStream(kind, stream)[0]!;
        const f = model.follow(first)!;
        while (!f.done) await new Promise((r) => setTimeout(r, 1));
        expect(f.stream).toBe(stream);
        expect(f.records.map(shape), `${kind}.stream ${stream}`).toEqual(records.map(shape));
      }
    } finally {
      await model.close();
    }
  });
});

describe.skipIf(!corpusAvailable())('DissectionSession.transportOnly', () => {
  it.each([
    ['http/get.pcap', 'http'],
    ['dns/DnsPackets.pcap', 'dns'],
  ])('%s: a revisit stops at the transport layer, the first pass does not', async (rel, upper) => {
    const packets = await readPackets(corpusPath(rel));
    const session = new DissectionSession();
    session.keepHistory = true;
    session.transportOnly = true;
    const firstPass = packets.map((p) => [...session.dissect(p, null, false).pinfo.layers]);
    expect(firstPass.some((layers) => layers.includes(upper))).toBe(true);
    const revisit = packets.map((p) => [...session.dissect(p, null, true).pinfo.layers]);
    expect(revisit.some((layers) => layers.includes(upper))).toBe(false);
    expect(revisit.filter((layers) => layers.includes('tcp') || layers.includes('udp'))).toHaveLength(packets.length);
    session.transportOnly = false;
    expect(packets.some((p) => session.dissect(p, null, true).pinfo.layers.includes(upper))).toBe(true);
  });
});
