import { afterAll, describe, expect, it } from 'vitest';
import type { RawPacket } from '@netdissect/core';
import { packets } from '../support/frame-builders.js';
import { removeCaptureFiles, writeCapture } from './support/capture-file.js';
import { expertEntries, type ExpertEntry } from './support/expert-report.js';
import {
  dnsPointerChain, ftpManyPassiveReplies, httpGzipBomb, httpHugeBody, imapHugeLiteral, ipv4IncompleteDatagrams, mailWithManyParts, smtpEndlessData, synFlood,
} from './support/hostile-captures.js';
import { netdissect } from './support/terminal-cli.js';

afterAll(removeCaptureFiles);

/**
 * Each limit of the issue (open flows, reassembly bytes per flow and in
 * total, IP fragments pending, decompressed HTTP bodies, MIME parts, DNS
 * compression pointers, IMAP literal sizes, FTP data connections
 * expected): a capture that reaches it with `--limit NAME=N`, and the line
 * `-z expert` shows for it, naming the limit to raise.
 */
interface LimitCase {
  /** Which enforcement the case reaches, when a limit has more than one (core TCP, SMTP DATA). */
  readonly via: string;
  readonly limit: string;
  readonly value: number;
  readonly frames: () => readonly Uint8Array[] | readonly RawPacket[];
  readonly protocol: string;
  readonly summary: RegExp;
}

const CASES: readonly LimitCase[] = [
  { via: 'frame', limit: 'maxOpenFlows', value: 1000, frames: () => synFlood(3000), protocol: 'Frame', summary: /^Open-flow limit reached \(maxOpenFlows=1000\)/ },
  { via: 'TCP', limit: 'tcpReassemblyBytesPerFlow', value: 1 << 20, frames: () => httpHugeBody(3 << 20), protocol: 'TCP', summary: /^Reassembly memory limit reached \(tcpReassemblyBytesPerFlow=1048576\)/ },
  { via: 'TCP', limit: 'tcpReassemblyBytesTotal', value: 1 << 20, frames: () => httpHugeBody(3 << 20), protocol: 'TCP', summary: /^Reassembly memory limit reached \(tcpReassemblyBytesTotal=1048576\)/ },
  { via: 'SMTP DATA', limit: 'tcpReassemblyBytesPerFlow', value: 1 << 20, frames: () => smtpEndlessData(3 << 20), protocol: 'SMTP', summary: /reassembly limit reached \(tcpReassemblyBytesPerFlow=1048576\)/ },
  { via: 'SMTP DATA', limit: 'tcpReassemblyBytesTotal', value: 1 << 20, frames: () => smtpEndlessData(3 << 20), protocol: 'SMTP', summary: /reassembly limit reached \(tcpReassemblyBytesTotal=1048576\)/ },
  { via: 'IPv4', limit: 'ipFragmentBytesTotal', value: 50_000, frames: () => ipv4IncompleteDatagrams(200, 1000), protocol: 'IPv4', summary: /^IP fragment limit reached \(ipFragmentBytesTotal=50000\)/ },
  // A second apart: a timeout of two seconds drops the first datagrams (by default none is set, as in Wireshark).
  { via: 'IPv4', limit: 'ipFragmentTimeoutSec', value: 2, frames: () => packets(ipv4IncompleteDatagrams(6, 100), 1000), protocol: 'IPv4', summary: /^IP fragment limit reached \(ipFragmentTimeoutSec=2\)/ },
  { via: 'HTTP', limit: 'maxDecompressedBytes', value: 1 << 20, frames: () => httpGzipBomb(8 << 20), protocol: 'HTTP', summary: /body larger than the decompression limit \(maxDecompressedBytes=1048576\)/ },
  { via: 'IMF', limit: 'maxMimeParts', value: 10, frames: () => mailWithManyParts(50), protocol: 'MIME multipart', summary: /^MIME parts limit reached \(maxMimeParts=10\)/ },
  { via: 'DNS', limit: 'dnsMaxPointers', value: 5, frames: () => [dnsPointerChain(5)], protocol: 'DNS', summary: /^DNS compression pointer limit reached \(dnsMaxPointers=5\)/ },
  { via: 'IMAP', limit: 'imapMaxLiteralBytes', value: 1 << 20, frames: imapHugeLiteral, protocol: 'IMAP', summary: /^Literal of 4294967295 bytes is over the IMAP literal limit \(imapMaxLiteralBytes=1048576\)/ },
  { via: 'FTP', limit: 'ftpMaxExpectedConnections', value: 5, frames: () => ftpManyPassiveReplies(30), protocol: 'FTP', summary: /^Too many announced data connections \(ftpMaxExpectedConnections=5\)/ },
];

async function expertReport(file: string, argv: readonly string[]): Promise<ExpertEntry[]> {
  const out = await netdissect(['-r', file, '-q', '-z', 'expert', ...argv], { tty: false });
  expect(out.stderr).toBe('');
  expect(out.status).toBe(0);
  return expertEntries(out.stdout);
}

describe.each(CASES)('$limit ($via)', (c) => {
  it(`--limit ${c.limit}=${c.value}: reached, and -z expert says so`, async () => {
    const file = await writeCapture(`${c.limit}-${c.via.replace(' ', '-')}.pcap`, c.frames());
    const reached = (await expertReport(file, ['--limit', `${c.limit}=${c.value}`])).filter((e) => c.summary.test(e.summary));
    expect(reached.length, `no -z expert line matches ${c.summary}`).toBeGreaterThan(0);
    expect(reached.every((e) => e.protocol === c.protocol && (e.severity === 'Warns' || e.severity === 'Errors'))).toBe(true);
    // At the default the same capture stays under the limit (a 4 GB literal is over any default): the line comes from the flag.
    const atDefault = (await expertReport(file, [])).filter((e) => c.summary.test(e.summary));
    if (c.limit !== 'imapMaxLiteralBytes') expect(atDefault).toEqual([]);
  });
});

describe('the --limit flag', () => {
  it('--help lists every limit with its default', async () => {
    const out = await netdissect(['--help'], { tty: false });
    for (const c of CASES) expect(out.stdout).toMatch(new RegExp(`^  ${c.limit} +default \\d+$`, 'm'));
  });

  it.each([['--limit', 'noSuchLimit=1'], ['--limit', 'maxOpenFlows=lots']])('%s %s: one line, status 2', async (...argv) => {
    const out = await netdissect(['-r', 'x.pcap', ...argv], { tty: false });
    expect(out.status).toBe(2);
    expect(out.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(out.stderr).not.toMatch(/\n\s+at /);
  });
});
