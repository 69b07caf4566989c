import { afterAll, describe, expect, it } from 'vitest';
import { DissectionSession } from '@netdissect/core';
import { removeCaptureFiles, writeCapture } from './support/capture-file.js';
import { expertEntries } from './support/expert-report.js';
import { packets } from '../support/frame-builders.js';
import { httpGzipBomb, imapHugeLiteral, smtpEndlessData, synFlood } from './support/hostile-captures.js';
import { peakMemoryGrowthMb } from './support/memory-peak.js';
import { netdissect } from './support/terminal-cli.js';

afterAll(removeCaptureFiles);

/**
 * The attacks whose point is memory: each runs through the CLI in-process
 * while the memory held is sampled after every frame, and must stay far
 * below what obeying the hostile input would take.
 */
describe('memory stays bounded by the limits, not by the input', () => {
  it('an IMAP literal of {4294967295} is not waited for or allocated; the responses after it are dissected', async () => {
    const file = await writeCapture('imap-4gb-literal.pcap', imapHugeLiteral());
    const { mb, result: out } = await peakMemoryGrowthMb(() => netdissect(['-r', file, '-V', '-z', 'expert'], { tty: true }));
    expect(out.status).toBe(0);
    expect(mb).toBeLessThan(64);
    expect(out.stdout).toContain('Literal of 4294967295 bytes is over the IMAP literal limit (imapMaxLiteralBytes=16777216); not reassembled');
    const summary = (await netdissect(['-r', file], { tty: false })).stdout.split('\n').filter(Boolean);
    expect(summary[7]).toContain('IMAP 77 Response: a1 OK FETCH completed');
    expect(summary[9]).toContain('IMAP 68 Response: a2 OK');
  });

  it('a gzip bomb over HTTP (64 MiB of zeros in 64 KiB) inflates no further than maxDecompressedBytes', async () => {
    const file = await writeCapture('http-gzip-bomb.pcap', httpGzipBomb(64 << 20));
    const { mb, result: out } = await peakMemoryGrowthMb(() => netdissect(['-r', file, '-V', '-z', 'expert', '--limit', 'maxDecompressedBytes=4194304'], { tty: true }));
    expect(out.status).toBe(0);
    expect(mb).toBeLessThan(32);
    expect(expertEntries(out.stdout.slice(out.stdout.lastIndexOf('\n\n', out.stdout.indexOf('=============')))).map((e) => e.summary)).toContain(
      'Decompression failed: body larger than the decompression limit (maxDecompressedBytes=4194304)',
    );
  });

  it('an SMTP DATA that never ends (16 MB, no final ".") holds no more than tcpReassemblyBytesPerFlow', async () => {
    const file = await writeCapture('smtp-endless-data.pcap', smtpEndlessData(16 << 20));
    const { mb, result: out } = await peakMemoryGrowthMb(() => netdissect(['-r', file, '-q', '-z', 'expert', '--limit', 'tcpReassemblyBytesPerFlow=1048576'], { tty: true }));
    expect(out.status).toBe(0);
    expect(mb).toBeLessThan(16);
    expect(expertEntries(out.stdout).filter((e) => e.protocol === 'SMTP' && /tcpReassemblyBytesPerFlow=1048576/.test(e.summary))).toHaveLength(1);
  });

  it('100,000 SYNs to distinct ports: at most maxOpenFlows conversations tracked, and each forgetting is reported', () => {
    const session = new DissectionSession({ limits: { maxOpenFlows: 20_000 } });
    let reported = 0;
    for (const p of packets(synFlood(100_000))) {
      const d = session.dissect(p, null);
      if (d.pinfo.experts.some((e) => e.field === '_ws.limit.open_flows')) reported++;
    }
    expect(session.conversations.evicted).toBeGreaterThanOrEqual(80_000);
    expect(reported).toBeGreaterThan(0);
  }, 120_000);
});
