import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DissectionSession, TransportInfoText, type PacketInfo } from '@netdissect/core';
import '@netdissect/dns';
import '@netdissect/http';
import '@netdissect/ftp';
import '@netdissect/smtp';
import '@netdissect/pop3';
import '@netdissect/imap';
import { readPackets } from '../support/dissect-frames.js';
import { corpusAvailable, corpusDir, corpusFiles, corpusPath, goldenName, goldensDir } from '../support/paths.js';

/** "  12   0.000123 10.0.0.1 → 10.0.0.2 TCP 66 80 → 1234 [ACK] …": number, protocol and Info of tshark's lines labelled TCP or UDP. */
function transportLines(file: string): Map<number, string> {
  const out = new Map<number, string>();
  for (const line of readFileSync(join(goldensDir, 'summary', `${goldenName(file)}.txt`), 'latin1').split('\n')) {
    const m = /^\s*(\d+)\s.*? (TCP|UDP) \d+ (.*)$/.exec(line);
    if (m) out.set(Number(m[1]), `${m[2]} ${m[3]}`);
  }
  return out;
}

/**
 * Segments tshark marks "[TCP segment of a reassembled PDU]" because its TLS
 * dissector reassembles the records after STARTTLS (netdissect has none).
 */
const TLS_SEGMENTS: Record<string, number[]> = {
  'imap/imap-starttls.pcap': [16, 18],
  'smtp/smtp-starttls.pcap': [15],
  'smtp/smtp.pcap': [102],
};

afterEach(() => vi.restoreAllMocks());

describe.skipIf(!corpusAvailable())('TCP and UDP Info text, formatted when read', () => {
  it('equals tshark on every frame both label TCP or UDP, read after the whole capture is dissected', async () => {
    let checked = 0;
    const seen = new Set<string>();
    for (const file of corpusFiles()) {
      const want = transportLines(file);
      if (want.size === 0) continue;
      const session = new DissectionSession();
      // Frames kept and read only at the end: each must still give its own text.
      const kept: PacketInfo[] = [];
      for (const p of await readPackets(file)) kept.push(session.dissect(p, null).pinfo);
      for (const pinfo of kept) {
        const w = want.get(pinfo.num);
        const proto = pinfo.cols.protocol;
        if (w === undefined || (proto !== 'TCP' && proto !== 'UDP') || !w.startsWith(`${proto} `)) continue;
        if (TLS_SEGMENTS[relative(corpusDir, file)]?.includes(pinfo.num)) continue;
        // tshark's summary line is latin1 bytes; compare its UTF-8 arrow as netdissect writes it.
        expect(`${proto} ${pinfo.cols.info}`, `${file} frame ${pinfo.num}`).toBe(Buffer.from(w, 'latin1').toString('utf8'));
        checked++;
        for (const part of ['Urg=', 'TSval=', 'MSS=', 'WS=', 'SACK_PERM', 'SLE=', '[TCP Retransmission]', 'Len=', 'Ack=']) if (w.includes(part)) seen.add(part);
        if (/^TCP .*\[TCP segment of a reassembled PDU\]/.test(w)) seen.add('segment of a reassembled PDU');
      }
    }
    expect(checked).toBeGreaterThan(3_000);
    // The parts TransportInfoText keeps as numbers or text, and those written after it.
    expect([...seen].sort()).toEqual(['Ack=', 'Len=', 'MSS=', 'SACK_PERM', 'SLE=', 'TSval=', 'WS=', '[TCP Retransmission]', 'segment of a reassembled PDU'].sort());
  }, 120_000);

  it.each([
    ['dns/dns_udp.pcap', 'DNS'],
    ['http/get.pcap', 'HTTP'],
    ['http/http-post-large.pcap', 'HTTP'],
  ])('%s: the text is not formatted for frames %s relabels, when nothing reads their Info', async (rel, label) => {
    const text = vi.spyOn(TransportInfoText.prototype, 'text');
    const session = new DissectionSession();
    const protocols: string[] = [];
    for (const p of await readPackets(corpusPath(rel))) protocols.push(session.dissect(p, null).pinfo.cols.protocol);
    expect(protocols).toContain(label);
    // Formatted at most for the frames that stay TCP or UDP ("[TCP segment of a reassembled PDU]" is written after the text).
    expect(text.mock.calls.length).toBeLessThanOrEqual(protocols.filter((p) => p === 'TCP' || p === 'UDP').length);
    if (!protocols.includes('TCP') && !protocols.includes('UDP')) expect(text).not.toHaveBeenCalled();
  });
});
